/**
 * Data sharing (一网通享), for admins at #/admin/sharing: issue a token to another system (datasets ×
 * operations, an optional district or sector scope, an expiry), see its secret once with a copy
 * button, list the tokens with their status and use, revoke one, and read a token's call log.
 */
import { useState } from 'preact/hooks';
import { SECTOR_LABELS } from '../../domain/plan/labels.ts';
import type { ShareOperation } from '../../domain/sharing/datasets.ts';
import {
  SHARE_DATASETS,
  SHARE_DATASET_LABELS,
  SHARE_DATASET_NAMES,
  SHARE_OPERATION_LABELS,
} from '../../domain/sharing/datasets.ts';
import type { ShareGrant } from '../../domain/sharing/token-rules.ts';
import { MAX_TOKEN_DAYS } from '../../domain/sharing/token-rules.ts';
import type { CreatedShareTokenView, ShareCallView, ShareTokenView } from '../../domain/sharing/views.ts';
import type { ApiError } from '../api.ts';
import { api, asApiError } from '../api.ts';
import { useApp } from '../app-context.ts';
import { areaName, formatDateTime, formatNumber } from '../format.ts';
import type { MessageKey } from '../i18n.ts';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';
import { ErrorMessage, Loading } from './error-message.tsx';
import { useScopeOptions } from './scope-options.ts';
import { SelectField } from './select-field.tsx';
import { TextField } from './text-field.tsx';

const PAIRS: ShareGrant[] = SHARE_DATASET_NAMES.flatMap((dataset) =>
  (SHARE_DATASETS[dataset] as readonly ShareOperation[]).map((operation) => ({ dataset, operation })),
);
const pairKey = (g: ShareGrant) => `${g.dataset}:${g.operation}`;
const STATUS_KEY: Record<ShareTokenView['status'], MessageKey> = {
  active: 'sharingStatusActive',
  expired: 'sharingStatusExpired',
  revoked: 'sharingStatusRevoked',
};

/** A date input's value `days` from today (the default expiry). */
function dateInDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export function SharingAdmin() {
  const { t, user } = useApp();
  useDocumentTitle(t('sharingTitle'));
  const tokens = useApi<ShareTokenView[]>(user.role === 'admin' ? '/api/sharing/tokens' : null);
  const [calls, setCalls] = useState<ShareTokenView | null>(null);
  if (user.role !== 'admin') {
    return (
      <>
        <h1>{t('sharingTitle')}</h1>
        <p role="alert">{t('adminOnly')}</p>
      </>
    );
  }
  return (
    <>
      <p>
        <a href="#/admin">{t('sharingBack')}</a>
      </p>
      <h1>{t('sharingTitle')}</h1>
      <p>{t('sharingIntro')}</p>
      <CreateToken onCreated={tokens.reload} />
      <TokenList
        tokens={tokens.data}
        error={tokens.error}
        loading={tokens.loading}
        reload={tokens.reload}
        onShowCalls={setCalls}
      />
      {calls && <CallLog token={calls} />}
    </>
  );
}

function CreateToken({ onCreated }: { onCreated: () => void }) {
  const { t, pick } = useApp();
  const [name, setName] = useState('');
  const [ownerSystem, setOwnerSystem] = useState('');
  const [grants, setGrants] = useState<ReadonlySet<string>>(new Set());
  const [scope, setScope] = useState<'none' | 'district' | 'sector'>('none');
  const [districtCode, setDistrictCode] = useState('');
  const [sector, setSector] = useState('');
  const [expires, setExpires] = useState(dateInDays(90));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [created, setCreated] = useState<CreatedShareTokenView | null>(null);
  const [copied, setCopied] = useState(false);
  const scopeOptions = useScopeOptions();

  const toggle = (key: string) => {
    const next = new Set(grants);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setGrants(next);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setCreated(null);
    setCopied(false);
    try {
      const result = await api.post<CreatedShareTokenView>('/api/sharing/tokens', {
        name: name.trim(),
        ownerSystem: ownerSystem.trim(),
        grants: PAIRS.filter((g) => grants.has(pairKey(g))),
        districtCode: scope === 'district' ? districtCode || null : null,
        sector: scope === 'sector' ? sector || null : null,
        // The end of the chosen day in China (UTC+8), the day an admin means.
        expiresAt: expires ? `${expires}T23:59:59+08:00` : '',
      });
      setCreated(result);
      setName('');
      setOwnerSystem('');
      setGrants(new Set());
      onCreated();
    } catch (err) {
      setError(asApiError(err, { zh: t('unexpectedError'), en: t('unexpectedError') }));
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  const problemsFor = (field: string) => error?.problemsFor(field);
  return (
    <section aria-labelledby="sharing-create-heading" class="card">
      <h2 id="sharing-create-heading">{t('sharingCreateTitle')}</h2>
      <form class="form" onSubmit={submit} noValidate aria-labelledby="sharing-create-heading">
        <TextField
          id="sharing-name"
          label={t('sharingName')}
          hint={t('sharingNameHint')}
          required
          problems={problemsFor('name')}
          autocomplete="off"
          value={name}
          onValue={setName}
        />
        <TextField
          id="sharing-owner"
          label={t('sharingOwner')}
          required
          problems={problemsFor('ownerSystem')}
          value={ownerSystem}
          onValue={setOwnerSystem}
        />
        <fieldset aria-describedby={problemsFor('grants')?.length ? 'sharing-grants-error' : undefined}>
          <legend>{t('sharingGrants')}</legend>
          {PAIRS.map((g) => {
            const key = pairKey(g);
            return (
              <label key={key} class="checkbox">
                <input
                  type="checkbox"
                  name="grant"
                  value={key}
                  checked={grants.has(key)}
                  onChange={() => toggle(key)}
                />{' '}
                {pick(SHARE_DATASET_LABELS[g.dataset])} · {pick(SHARE_OPERATION_LABELS[g.operation])}{' '}
                <code>{key}</code>
              </label>
            );
          })}
          {(problemsFor('grants') ?? []).length > 0 && (
            <p id="sharing-grants-error" class="field-error">
              {(problemsFor('grants') ?? []).map((p) => pick(p)).join('；')}
            </p>
          )}
        </fieldset>
        <fieldset>
          <legend>{t('sharingScope')}</legend>
          <p class="hint">{t('sharingScopeHint')}</p>
          {(['none', 'district', 'sector'] as const).map((s) => (
            <label key={s} class="checkbox">
              <input
                type="radio"
                name="sharing-scope"
                value={s}
                checked={scope === s}
                onChange={() => setScope(s)}
              />{' '}
              {t(
                s === 'none'
                  ? 'sharingScopeNone'
                  : s === 'district'
                    ? 'sharingScopeDistrict'
                    : 'sharingScopeSector',
              )}
            </label>
          ))}
        </fieldset>
        {scope === 'district' && (
          <SelectField
            id="sharing-district"
            label={t('sharingScopeDistrict')}
            required
            problems={problemsFor('districtCode')}
            value={districtCode}
            onValue={setDistrictCode}
            placeholder="—"
            options={scopeOptions.districts}
          />
        )}
        {scope === 'sector' && (
          <SelectField
            id="sharing-sector"
            label={t('sharingScopeSector')}
            required
            problems={problemsFor('sector')}
            value={sector}
            onValue={setSector}
            placeholder="—"
            options={scopeOptions.sectors}
          />
        )}
        {scope === 'none' && (problemsFor('districtCode') ?? []).length > 0 && (
          <p class="field-error" role="alert">
            {(problemsFor('districtCode') ?? []).map((p) => pick(p)).join('；')}
          </p>
        )}
        <TextField
          id="sharing-expires"
          label={t('sharingExpires')}
          hint={t('sharingExpiresHint', { days: MAX_TOKEN_DAYS })}
          required
          problems={problemsFor('expiresAt')}
          type="date"
          value={expires}
          onValue={setExpires}
        />
        {error && error.problems.length === 0 && <ErrorMessage error={error} />}
        <div class="buttons">
          <button type="submit" class="primary" disabled={busy}>
            {t('sharingCreate')}
          </button>
        </div>
      </form>
      {busy && <Loading />}
      {created && (
        <div class="message message-ok" role="status" data-testid="sharing-secret">
          <p>
            <strong>{t('sharingSecretOnce', { name: created.token.name })}</strong>
          </p>
          <p>
            <code class="secret" data-testid="sharing-secret-value">
              {created.secret}
            </code>
          </p>
          <div class="buttons">
            <button type="button" onClick={() => void copy()}>
              {t('sharingCopy')}
            </button>
            <button type="button" onClick={() => setCreated(null)}>
              {t('sharingHideSecret')}
            </button>
          </div>
          {copied && <p>{t('sharingCopied')}</p>}
        </div>
      )}
    </section>
  );
}

function TokenList(props: {
  tokens: ShareTokenView[] | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
  onShowCalls: (token: ShareTokenView) => void;
}) {
  const { t, pick, lang, meta } = useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const revoke = async (token: ShareTokenView) => {
    if (!window.confirm(t('sharingConfirmRevoke', { name: token.name }))) return;
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      await api.post(`/api/sharing/tokens/${token.id}/revoke`);
      setMessage(t('sharingRevokedDone', { name: token.name }));
      props.reload();
    } catch (err) {
      setError(asApiError(err, { zh: t('unexpectedError'), en: t('unexpectedError') }));
    } finally {
      setBusy(false);
    }
  };

  const scopeText = (s: ShareTokenView['scope']) =>
    s.districtCode
      ? areaName(meta.areas, s.districtCode, lang)
      : s.sector
        ? pick(SECTOR_LABELS[s.sector])
        : t('sharingScopeNone');

  return (
    <section aria-labelledby="sharing-tokens-heading">
      <h2 id="sharing-tokens-heading">{t('sharingTokensTitle')}</h2>
      {props.error && <ErrorMessage error={props.error} onRetry={props.reload} />}
      {props.loading && !props.tokens && <Loading />}
      {message && (
        <p class="message message-ok" role="status">
          {message}
        </p>
      )}
      {error && <ErrorMessage error={error} />}
      {props.tokens && props.tokens.length === 0 && <p>{t('sharingNoTokens')}</p>}
      {props.tokens && props.tokens.length > 0 && (
        <div class="table-wrap" role="region" aria-labelledby="sharing-tokens-heading" tabIndex={0}>
          <table data-testid="sharing-tokens">
            <thead>
              <tr>
                <th scope="col">{t('sharingName')}</th>
                <th scope="col">{t('sharingOwner')}</th>
                <th scope="col">{t('sharingGrants')}</th>
                <th scope="col">{t('sharingScope')}</th>
                <th scope="col">{t('sharingColStatus')}</th>
                <th scope="col">{t('sharingExpires')}</th>
                <th scope="col">{t('sharingColLastUse')}</th>
                <th scope="col">{t('sharingColCalls')}</th>
                <th scope="col">{t('colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {props.tokens.map((tok) => (
                <tr key={tok.id} data-testid={`sharing-row-${tok.name}`}>
                  <th scope="row">
                    <code>{tok.name}</code>
                  </th>
                  <td>{tok.ownerSystem}</td>
                  <td>
                    {tok.grants.map((g) => (
                      <code key={pairKey(g)} class="grant">
                        {pairKey(g)}{' '}
                      </code>
                    ))}
                  </td>
                  <td>{scopeText(tok.scope)}</td>
                  <td data-testid="sharing-status">{t(STATUS_KEY[tok.status])}</td>
                  <td>{formatDateTime(tok.expiresAt, lang)}</td>
                  <td>{tok.lastUsedAt ? formatDateTime(tok.lastUsedAt, lang) : '—'}</td>
                  <td>
                    {t('sharingCallCounts', {
                      calls: formatNumber(tok.calls, lang),
                      refused: formatNumber(tok.refusedCalls, lang),
                    })}
                  </td>
                  <td>
                    <div class="buttons">
                      <button type="button" onClick={() => props.onShowCalls(tok)}>
                        {t('sharingShowCalls', { name: tok.name })}
                      </button>
                      {tok.status !== 'revoked' && (
                        <button type="button" class="danger" disabled={busy} onClick={() => void revoke(tok)}>
                          {t('sharingRevoke', { name: tok.name })}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CallLog({ token }: { token: ShareTokenView }) {
  const { t, lang } = useApp();
  const calls = useApi<ShareCallView[]>(`/api/sharing/tokens/${token.id}/calls`);
  return (
    <section aria-labelledby="sharing-calls-heading">
      <h2 id="sharing-calls-heading">{t('sharingCallsTitle', { name: token.name })}</h2>
      <button type="button" onClick={calls.reload}>
        {t('sharingReloadCalls')}
      </button>
      {calls.error && <ErrorMessage error={calls.error} onRetry={calls.reload} />}
      {calls.loading && !calls.data && <Loading />}
      {calls.data && calls.data.length === 0 && <p>{t('sharingNoCalls')}</p>}
      {calls.data && calls.data.length > 0 && (
        <div class="table-wrap" role="region" aria-labelledby="sharing-calls-heading" tabIndex={0}>
          <table data-testid="sharing-calls">
            <thead>
              <tr>
                <th scope="col">{t('colAt')}</th>
                <th scope="col">{t('sharingColDataset')}</th>
                <th scope="col">{t('sharingColStatusCode')}</th>
                <th scope="col">{t('sharingColRows')}</th>
                <th scope="col">{t('sharingColClient')}</th>
                <th scope="col">{t('sharingColPath')}</th>
              </tr>
            </thead>
            <tbody>
              {calls.data.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{formatDateTime(c.at, lang)}</th>
                  <td>
                    <code>
                      {c.dataset}:{c.operation}
                    </code>
                  </td>
                  <td>{c.status}</td>
                  <td>{c.rows === null ? '—' : formatNumber(c.rows, lang)}</td>
                  <td>{c.clientAddress ?? '—'}</td>
                  <td>
                    <code>{c.path}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
