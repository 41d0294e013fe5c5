/**
 * Notices to residents (issue 6 §2): what they say, who they reach and how a delivery is retried.
 * Pure: the texts are built from the service and the case step; the channels that do I/O implement
 * `NoticeChannel` in the app layer (in-app built in, SMS as an adapter).
 */
import type { CaseAction } from '../cases/case-machine-definition.ts';
import { CASE_ACTION_LABELS } from '../cases/case-machine-definition.ts';

export const NOTICE_KINDS = ['mayBeEntitled', 'mayNoLongerQualify', 'caseUpdate'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'notApplicable'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface Bilingual {
  zh: string;
  en: string;
}

export interface NoticeContent {
  kind: NoticeKind;
  serviceCode: string;
  title: Bilingual;
  body: Bilingual;
}

/** What a channel sends: the notice's id (the idempotency key of a send) and its words. */
export interface OutgoingNotice {
  id: number;
  kind: NoticeKind;
  serviceCode: string;
  title: Bilingual;
  body: Bilingual;
}

/** Whom a notice is for: the linked resident (if any), the person, and how they can be reached. */
export interface NoticeRecipient {
  userId: number | null;
  personId: string | null;
  /** A mobile number from the facts held about the person; null when none is held. */
  phone: string | null;
}

/**
 * A way to reach a resident. `send` must be safe to repeat with the same notice id: a retry after a
 * lost answer must not make the resident receive it twice (the channel passes the id on as the
 * idempotency key, or is itself idempotent).
 */
export interface NoticeChannel {
  readonly name: string;
  canReach(recipient: NoticeRecipient): boolean;
  send(notice: OutgoingNotice, recipient: NoticeRecipient): Promise<{ externalId: string | null }>;
}

/** Every channel a notice gets a delivery row for; a channel not configured records notApplicable. */
export const NOTICE_CHANNELS = ['inApp', 'sms'] as const;

/** How often a delivery is tried before it is given up (failed, the last error kept). */
export const MAX_DELIVERY_ATTEMPTS = 5;

/** How long a claimed delivery is held by one dispatcher before another may take it over. */
export const CLAIM_LEASE_MS = 120_000;

/** Wait after the n-th failed attempt (1-based): 1, 2, 4, 8 … minutes, at most one hour. */
export function retryDelayMs(attempt: number): number {
  const n = Math.max(1, Math.floor(attempt));
  return Math.min(60, 2 ** (n - 1)) * 60_000;
}

export interface ServiceRef {
  code: string;
  name: string;
  nameEn: string;
  channels: { online: string | null; offline: string | null };
}

function howToApply(s: ServiceRef): Bilingual {
  const zh = [
    s.channels.online && `网上：${s.channels.online}`,
    s.channels.offline && `线下：${s.channels.offline}`,
  ]
    .filter(Boolean)
    .join('；');
  const en = [
    s.channels.online && `online: ${s.channels.online}`,
    s.channels.offline && `in person: ${s.channels.offline}`,
  ]
    .filter(Boolean)
    .join('; ');
  return {
    zh: zh || '可到任一政务服务中心办理（全域通办）',
    en: en || 'at any government service centre',
  };
}

/** "You may be entitled to <service>; how to apply", from a 应享未享 entry. */
export function mayBeEntitledNotice(s: ServiceRef): NoticeContent {
  const how = howToApply(s);
  return {
    kind: 'mayBeEntitled',
    serviceCode: s.code,
    title: { zh: `您可能符合「${s.name}」的条件`, en: `You may be entitled to ${s.nameEn}` },
    body: {
      zh: `根据政府已掌握的信息，您可能符合「${s.name}」的享受条件，但尚未享受。办理方式：${how.zh}。可在“我的办事”中在线申请，已填好的信息可核对后提交。`,
      en: `From what the government already holds, you may be entitled to ${s.nameEn} and do not receive it yet. How to apply: ${how.en}. You can apply online under "My services"; the facts already held are filled in for you to check.`,
    },
  };
}

/** "You may no longer qualify for <service>", from a 应退未退 (re-check) entry. */
export function mayNoLongerQualifyNotice(s: ServiceRef): NoticeContent {
  return {
    kind: 'mayNoLongerQualify',
    serviceCode: s.code,
    title: { zh: `「${s.name}」资格复核提示`, en: `${s.nameEn}: your entitlement is being re-checked` },
    body: {
      zh: `根据政府已掌握的信息，您可能已不再符合「${s.name}」的条件。工作人员将与您核实；如情况有变，请到任一政务服务中心说明。`,
      en: `From what the government already holds, you may no longer qualify for ${s.nameEn}. Staff will check with you; if your situation has changed, tell any government service centre.`,
    },
  };
}

/** The case steps the applicant is told about: a decision, or something asked of them. */
export const NOTIFIED_CASE_ACTIONS = [
  'requestSupplement',
  'approve',
  'reject',
  'notAccept',
  'approveOnPledge',
  'revokePledge',
  'deliver',
] as const satisfies readonly CaseAction[];

export function isNotifiedCaseAction(action: string): action is (typeof NOTIFIED_CASE_ACTIONS)[number] {
  return (NOTIFIED_CASE_ACTIONS as readonly string[]).includes(action);
}

/** "Your case <id> (<service>): <step>", with the reason when one was given. */
export function caseUpdateNotice(
  s: Pick<ServiceRef, 'code' | 'name' | 'nameEn'>,
  caseId: string,
  action: (typeof NOTIFIED_CASE_ACTIONS)[number],
  reason: string | null,
): NoticeContent {
  const label = CASE_ACTION_LABELS[action];
  const ask = action === 'requestSupplement';
  return {
    kind: 'caseUpdate',
    serviceCode: s.code,
    title: {
      zh: `办件 ${caseId}「${s.name}」：${label.zh}`,
      en: `Case ${caseId} (${s.nameEn}): ${label.en}`,
    },
    body: {
      zh: `${ask ? '请补充材料后在“我的办事”中提交。' : '办理结果已更新，详情见“我的办事”。'}${reason ? `理由：${reason}` : ''}`,
      en: `${ask ? 'Please add the material asked for under "My services".' : 'Your case has a new decision; see "My services".'}${reason ? ` Reason: ${reason}` : ''}`,
    },
  };
}
