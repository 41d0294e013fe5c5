/**
 * The channels notices go out by. In-app is built in: the notice is in the resident's inbox as soon
 * as it is written, so its delivery only records that (it reaches a person with or without an
 * account yet: whoever is linked to them later sees it). SMS is an adapter posting JSON to a
 * gateway (FUWU_SMS_GATEWAY_URL) with the notice id as the idempotency key, so a retry after a lost
 * answer cannot make the gateway send twice; it reaches only people with a mobile number held.
 */
import type { NoticeChannel, NoticeRecipient, OutgoingNotice } from '../../domain/notices/notice.ts';

/** The fact a mobile number is held under in a resident's profile (none in the synthetic population). */
export const PHONE_FACT = 'contact.mobile';
const PHONE = /^\+?\d{6,15}$/;

export const inAppChannel: NoticeChannel = {
  name: 'inApp',
  canReach: (r) => r.userId !== null || r.personId !== null,
  send: async () => ({ externalId: null }),
};

export function idempotencyKeyOf(notice: Pick<OutgoingNotice, 'id'>): string {
  return `fuwu-notice-${notice.id}`;
}

export function smsChannel(gatewayUrl: string, opts: { timeoutMs?: number } = {}): NoticeChannel {
  return {
    name: 'sms',
    canReach: (r: NoticeRecipient) => r.phone !== null && PHONE.test(r.phone),
    async send(notice, recipient) {
      const key = idempotencyKeyOf(notice);
      const res = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({
          idempotencyKey: key,
          to: recipient.phone,
          text: `【fuwu】${notice.title.zh}。${notice.body.zh}`,
        }),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
      if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
      const body = (await res.json().catch(() => ({}))) as { id?: unknown };
      return {
        externalId: typeof body.id === 'string' || typeof body.id === 'number' ? String(body.id) : null,
      };
    },
  };
}

/** The channels of a configuration: in-app always, SMS when a gateway is set. */
export function configuredChannels(config: { smsGatewayUrl: string | null }): NoticeChannel[] {
  return config.smsGatewayUrl ? [inAppChannel, smsChannel(config.smsGatewayUrl)] : [inAppChannel];
}
