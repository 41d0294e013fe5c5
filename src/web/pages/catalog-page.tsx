/**
 * 基本公共服务清单 (#/catalog): the services by the nine areas and the national standard's
 * categories, searchable by name. One service (#/catalog/S-5-01): every field, where each came
 * from (an assumption is marked as such), the rule in force read as Chinese sentences, the rule's
 * versions on a timeline (in force and waiting versions marked), the parameters with their dated
 * values, the revision history, and for admins and the service's sector the forms to add a rule
 * version from a date and a dated parameter value. Reading needs no account.
 */
import { useState } from 'preact/hooks';
import type { Condition, Parameter, ServiceArea } from '../../domain/entitlements/catalog.schema.ts';
import { NINE_AREAS } from '../../domain/entitlements/catalog.schema.ts';
import type { ConditionSentence } from '../../domain/entitlements/condition-text.ts';
import { describeCondition } from '../../domain/entitlements/condition-text.ts';
import { AREA_LABELS, PROVENANCE_LABELS, TIER_LABELS } from '../../domain/entitlements/labels.ts';
import { sectorsOfService } from '../../domain/entitlements/service-sectors.ts';
import type { CatalogItem, CatalogSummary, RuleVersionView } from '../../domain/entitlements/views.ts';
import type { UserView } from '../../domain/plan/views.ts';
import type { ApiError } from '../api.ts';
import { api, asApiError, withQuery } from '../api.ts';
import { EntitlementsNav } from '../components/entitlements-nav.tsx';
import { useEntitlementsUi } from '../entitlements-ui.ts';
import { formatDateTime } from '../format.ts';
import type { Route } from '../router.ts';
import { replaceQuery } from '../router.ts';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';

/** The same rule as the server's (catalog-policy.ts): admins, and officers of the service's sector. */
function canEdit(user: UserView | null, item: CatalogItem): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  return (
    user.role === 'departmentOfficer' &&
    user.sector !== null &&
    (sectorsOfService(item.service) as string[]).includes(user.sector)
  );
}

function Problem({ error }: { error: ApiError }) {
  const { lang } = useEntitlementsUi();
  return (
    <div class="message message-error" role="alert">
      <p>{lang === 'zh' ? error.zh : error.en}</p>
      {error.problems.length > 1 && (
        <ul>
          {error.problems.map((p, i) => (
            <li key={i}>
              <code>{p.field}</code>：{lang === 'zh' ? p.zh : p.en}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function LoadingLine() {
  const { t } = useEntitlementsUi();
  return (
    <p class="loading" role="status">
      {t('loading')}
    </p>
  );
}

export function CatalogPage({ route }: { route: Route }) {
  const { t, lang, pick } = useEntitlementsUi();
  useDocumentTitle(t('catTitle'));
  const area = route.query.get('area') ?? '';
  const q = route.query.get('q') ?? '';
  const category = route.query.get('category') ?? '';
  const [search, setSearch] = useState(q);
  const list = useApi<CatalogSummary[]>(
    withQuery('/api/catalog', {
      area: area || undefined,
      category: category || undefined,
      q: q || undefined,
    }),
  );
  // The category choices come from the whole catalog, so choosing one does not hide the others.
  const all = useApi<CatalogSummary[]>('/api/catalog');
  const categories = [...new Map((all.data ?? []).map((s) => [s.categoryNo, s.category])).entries()].sort(
    (a, b) => a[0] - b[0],
  );
  const items = list.data ?? [];
  return (
    <div class="catalog">
      <EntitlementsNav current="catalog" />
      <h1>{t('catTitle')}</h1>
      <p class="intro">{t('catIntro')}</p>
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          replaceQuery(route, { q: search.trim() });
        }}
      >
        <p>
          <label for="cat-area">{t('catArea')}</label>{' '}
          <select
            id="cat-area"
            value={area}
            onChange={(e) => replaceQuery(route, { area: (e.target as HTMLSelectElement).value })}
          >
            <option value="">{t('catAllAreas')}</option>
            {NINE_AREAS.map((a) => (
              <option key={a} value={a}>
                {pick(AREA_LABELS[a])}
              </option>
            ))}
          </select>
        </p>
        <p>
          <label for="cat-category">{t('catCategory')}</label>{' '}
          <select
            id="cat-category"
            value={category}
            onChange={(e) => replaceQuery(route, { category: (e.target as HTMLSelectElement).value })}
          >
            <option value="">{t('catAllCategories')}</option>
            {categories.map(([no, name]) => (
              <option key={no} value={String(no)}>
                {no}. {name}
              </option>
            ))}
          </select>
        </p>
        <p>
          <label for="cat-q">{t('catSearch')}</label>{' '}
          <input
            id="cat-q"
            type="search"
            value={search}
            onInput={(e) => setSearch((e.target as HTMLInputElement).value)}
          />{' '}
          <button type="submit">{t('catSearchButton')}</button>
        </p>
      </form>
      {list.error && <Problem error={list.error} />}
      {list.loading && !list.data && <LoadingLine />}
      {list.data && items.length === 0 && <p>{t('catNoneFound')}</p>}
      {NINE_AREAS.filter((a) => items.some((s) => s.area === a)).map((a) => (
        <AreaSection key={a} area={a} items={items.filter((s) => s.area === a)} lang={lang} />
      ))}
    </div>
  );
}

function AreaSection({
  area,
  items,
  lang,
}: {
  area: ServiceArea;
  items: CatalogSummary[];
  lang: 'zh' | 'en';
}) {
  const { t, pick } = useEntitlementsUi();
  const categories = [...new Map(items.map((s) => [s.categoryNo, s.category])).entries()].sort(
    (a, b) => a[0] - b[0],
  );
  return (
    <section class="catalog-area" aria-labelledby={`cat-${area}`}>
      <h2 id={`cat-${area}`}>{pick(AREA_LABELS[area])}</h2>
      {categories.map(([no, name]) => (
        <div key={no} class="catalog-category">
          <h3>
            {no}. {name}
          </h3>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{t('catCode')}</th>
                <th scope="col">{t('catName')}</th>
                <th scope="col">{t('catBeneficiary')}</th>
                <th scope="col">{t('catLead')}</th>
                <th scope="col">{t('catRuleFrom')}</th>
              </tr>
            </thead>
            <tbody>
              {items
                .filter((s) => s.categoryNo === no)
                .map((s) => (
                  <tr key={s.code}>
                    <td>{s.code}</td>
                    <td>
                      <a href={`#/catalog/${encodeURIComponent(s.code)}`}>
                        {lang === 'zh' ? s.name : s.nameEn}
                      </a>
                    </td>
                    <td>{s.beneficiary}</td>
                    <td>{s.leadDepartment}</td>
                    <td>
                      {s.ruleFrom ?? '—'}
                      {s.futureRule && (
                        <span class="tag tag-future"> {t('catFutureFrom', { date: s.futureRule })}</span>
                      )}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

/** The rule as nested sentences. */
export function RuleSentences({
  condition,
  parameters,
}: {
  condition: Condition;
  parameters: readonly Parameter[];
}) {
  const s = describeCondition(condition, new Map(parameters.map((p) => [p.code, p])));
  return (
    <ul class="rule-sentences">
      <Sentence s={s} />
    </ul>
  );
}

function Sentence({ s }: { s: ConditionSentence }) {
  return (
    <li>
      {s.text}
      {s.children.length > 0 && (
        <ul>
          {s.children.map((c, i) => (
            <Sentence key={i} s={c} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function CatalogItemPage({ code }: { code: string }) {
  const { t, lang, pick, user } = useEntitlementsUi();
  const item = useApi<CatalogItem>(`/api/catalog/${encodeURIComponent(code)}`);
  const d = item.data;
  useDocumentTitle(d ? d.service.name : t('catTitle'));
  if (item.error) return <Problem error={item.error} />;
  if (!d) return <LoadingLine />;
  const s = d.service;
  const editable = canEdit(user, d);
  return (
    <div class="catalog-item">
      <EntitlementsNav current="catalog" />
      <p>
        <a href="#/catalog">{t('catBack')}</a>
      </p>
      <h1>
        {lang === 'zh' ? s.name : s.nameEn} <span class="muted">{s.code}</span>
      </h1>
      <p>
        {pick(AREA_LABELS[s.area])} · {s.categoryNo}. {s.category} · {pick(TIER_LABELS[s.tier])}
      </p>
      <dl class="catalog-fields">
        <dt>{t('catBeneficiary')}</dt>
        <dd>{s.beneficiary}</dd>
        <dt>{t('catContent')}</dt>
        <dd>{s.content}</dd>
        <dt>{t('catStandard')}</dt>
        <dd>{s.standard}</dd>
        <dt>{t('catLead')}</dt>
        <dd>{s.leadDepartment}</dd>
        <dt>{t('catFunding')}</dt>
        <dd>{s.fundingResponsibility}</dd>
        <dt>{t('catLegalBasis')}</dt>
        <dd>{s.legalBasis.join('；')}</dd>
        <dt>{t('catChannels')}</dt>
        <dd>
          {t('catOnline')}：{s.channels.online ?? '—'}；{t('catOffline')}：{s.channels.offline ?? '—'}
        </dd>
        <dt>{t('catDeadline')}</dt>
        <dd>{s.deadlineWorkingDays === null ? '—' : t('catWorkingDays', { n: s.deadlineWorkingDays })}</dd>
        <dt>{t('catMaterials')}</dt>
        <dd>{s.requiredMaterials.length > 0 ? s.requiredMaterials.join('；') : '—'}</dd>
        <dt>{t('catPledge')}</dt>
        <dd>{s.pledgeAllowed ? t('scYes') : t('scNo')}</dd>
      </dl>

      <section aria-labelledby="cat-prov-h">
        <h2 id="cat-prov-h">{t('catProvenance')}</h2>
        <ul class="provenance-list">
          {s.provenance.map((p, i) => (
            <li key={i} class={`provenance provenance-${p.kind}`}>
              <span class={`tag tag-${p.kind}`}>{pick(PROVENANCE_LABELS[p.kind])}</span> {p.ref}：{p.text}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="cat-rule-h">
        <h2 id="cat-rule-h">{t('catRuleInForce', { date: d.today })}</h2>
        {d.inForce ? (
          <>
            <RuleSentences condition={d.inForce.eligibility} parameters={d.parameters} />
            <p class="muted">{t('catRuleRef', { from: d.inForce.from, ref: d.inForce.reference })}</p>
          </>
        ) : (
          <p>{t('catNoRuleToday')}</p>
        )}
      </section>

      <p>
        <a href={`#/self-check?service=${encodeURIComponent(s.code)}`}>{t('catTryIt')}</a>
        {d.rules.some((r) => r.state === 'future') && (
          <>
            {' · '}
            <a
              href={`#/self-check?service=${encodeURIComponent(s.code)}&date=${d.rules.find((r) => r.state === 'future')?.from ?? ''}`}
            >
              {t('catTryFuture', { date: d.rules.find((r) => r.state === 'future')?.from ?? '' })}
            </a>
          </>
        )}
      </p>

      <section aria-labelledby="cat-versions-h">
        <h2 id="cat-versions-h">{t('catVersions')}</h2>
        <ol class="rule-timeline">
          {d.rules.map((r) => (
            <VersionEntry key={r.from} r={r} parameters={d.parameters} />
          ))}
        </ol>
      </section>

      <section aria-labelledby="cat-params-h">
        <h2 id="cat-params-h">{t('catParameters')}</h2>
        {d.parameters.length === 0 && <p>{t('catNoParameters')}</p>}
        {d.parameters.map((p) => (
          <div key={p.code} class="catalog-parameter">
            <h3>
              {p.name} <span class="muted">{p.code}</span>
            </h3>
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('catFrom')}</th>
                  <th scope="col">
                    {t('catValue')}（{p.unit}）
                  </th>
                  <th scope="col">{t('catReference')}</th>
                  <th scope="col">{t('catProvenance')}</th>
                </tr>
              </thead>
              <tbody>
                {p.values.map((v) => (
                  <tr key={v.from} class={v.from > d.today ? 'future-row' : undefined}>
                    <td>
                      {v.from}
                      {v.from > d.today && <span class="tag tag-future"> {t('catWaiting')}</span>}
                    </td>
                    <td>
                      {typeof v.value === 'number'
                        ? v.value
                        : Object.entries(v.value)
                            .map(([k, n]) => `${k}: ${n}`)
                            .join('；')}
                    </td>
                    <td>{v.reference}</td>
                    <td>
                      <span class={`tag tag-${v.provenance}`}>{pick(PROVENANCE_LABELS[v.provenance])}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </section>

      {editable && (
        <section aria-labelledby="cat-edit-h" class="catalog-edit">
          <h2 id="cat-edit-h">{t('catEdit')}</h2>
          <ServiceFieldsForm item={d} onSaved={item.reload} />
          <RuleVersionForm item={d} onSaved={item.reload} />
          {d.parameters.length > 0 && <ParameterValueForm item={d} onSaved={item.reload} />}
        </section>
      )}

      <section aria-labelledby="cat-history-h">
        <h2 id="cat-history-h">{t('catHistory')}</h2>
        <ol class="history">
          {d.history.map((h) => (
            <li key={h.id}>
              {formatDateTime(h.changedAt, lang)} · {h.changedBy} ·{' '}
              {h.tableName === 'catalog_parameters' ? h.rowKey : s.code} {t('catRevision', { n: h.revision })}{' '}
              · {h.reason}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function VersionEntry({ r, parameters }: { r: RuleVersionView; parameters: readonly Parameter[] }) {
  const { t } = useEntitlementsUi();
  const stateKey = r.state === 'inForce' ? 'catInForce' : r.state === 'future' ? 'catWaiting' : 'catPast';
  return (
    <li class={`rule-version rule-${r.state}`} aria-current={r.state === 'inForce' ? 'true' : undefined}>
      <p>
        <strong>
          {r.until ? t('catPeriod', { from: r.from, until: r.until }) : t('catPeriodOpen', { from: r.from })}
        </strong>{' '}
        <span class={`tag tag-${r.state}`}>{t(stateKey)}</span> · {r.reference}
        {r.note && <> · {r.note}</>}
      </p>
      <details>
        <summary>{t('catReadRule')}</summary>
        <RuleSentences condition={r.eligibility} parameters={parameters} />
      </details>
    </li>
  );
}

/** One labelled text or date input of the edit forms. */
function TextInput(props: {
  id: string;
  label: string;
  value: string;
  onInput: (v: string) => void;
  type?: 'text' | 'date';
  hint?: string;
}) {
  return (
    <p>
      <label for={props.id}>{props.label}</label>
      {props.hint && <span class="hint"> {props.hint}</span>}
      <input
        id={props.id}
        type={props.type ?? 'text'}
        value={props.value}
        onInput={(e) => props.onInput((e.target as HTMLInputElement).value)}
      />
    </p>
  );
}

/** Posting an edit: busy while it runs, the API's problems when refused, a note when saved. */
function useCatalogPost(onSaved: () => void) {
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const send = (method: 'post' | 'put', url: string, body: unknown) => {
    setBusy(true);
    setSaved(false);
    (method === 'post' ? api.post(url, body) : api.put(url, body))
      .then(
        () => {
          setError(undefined);
          setSaved(true);
          onSaved();
        },
        (err: unknown) => setError(asApiError(err, { zh: String(err), en: String(err) })),
      )
      .finally(() => setBusy(false));
  };
  return {
    error,
    saved,
    busy,
    post: (url: string, body: unknown) => send('post', url, body),
    put: (url: string, body: unknown) => send('put', url, body),
  };
}

function FormOutcome({ error, saved }: { error: ApiError | undefined; saved: boolean }) {
  const { t } = useEntitlementsUi();
  return (
    <>
      {error && <Problem error={error} />}
      {saved && (
        <p class="message message-ok" role="status">
          {t('catSaved')}
        </p>
      )}
    </>
  );
}

/** The wording a sector officer keeps current; the previous wording stays in the history. */
const WORDED_FIELDS = [
  ['beneficiary', 'catBeneficiary'],
  ['content', 'catContent'],
  ['standard', 'catStandard'],
  ['leadDepartment', 'catLead'],
] as const;

function ServiceFieldsForm({ item, onSaved }: { item: CatalogItem; onSaved: () => void }) {
  const { t } = useEntitlementsUi();
  const [fields, setFields] = useState(() =>
    Object.fromEntries(WORDED_FIELDS.map(([k]) => [k, item.service[k]])),
  );
  const [reason, setReason] = useState('');
  const { error, saved, busy, put } = useCatalogPost(onSaved);
  const submit = (e: Event) => {
    e.preventDefault();
    const changed = Object.fromEntries(
      WORDED_FIELDS.filter(([k]) => fields[k] !== item.service[k]).map(([k]) => [k, fields[k]]),
    );
    put(`/api/catalog/${encodeURIComponent(item.service.code)}`, { fields: changed, reason });
  };
  return (
    <form class="catalog-form" onSubmit={submit} aria-labelledby="fields-form-h">
      <h3 id="fields-form-h">{t('catEditFields')}</h3>
      {WORDED_FIELDS.map(([k, label]) => (
        <p key={k}>
          <label for={`sf-${k}`}>{t(label)}</label>
          <textarea
            id={`sf-${k}`}
            rows={2}
            value={fields[k]}
            onInput={(e) => setFields({ ...fields, [k]: (e.target as HTMLTextAreaElement).value })}
          />
        </p>
      ))}
      <TextInput id="sf-reason" label={t('catReason')} value={reason} onInput={setReason} />
      <FormOutcome error={error} saved={saved} />
      <button type="submit" disabled={busy}>
        {t('catSaveFields')}
      </button>
    </form>
  );
}

function RuleVersionForm({ item, onSaved }: { item: CatalogItem; onSaved: () => void }) {
  const { t } = useEntitlementsUi();
  const [from, setFrom] = useState('');
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [text, setText] = useState(() =>
    JSON.stringify((item.inForce ?? item.rules.at(-1))?.eligibility ?? { all: [] }, null, 2),
  );
  const { error, saved, busy, post } = useCatalogPost(onSaved);
  const submit = (e: Event) => {
    e.preventDefault();
    post(`/api/catalog/${encodeURIComponent(item.service.code)}/rules`, {
      from,
      reference,
      note,
      eligibility: text,
      reason,
    });
  };
  return (
    <form class="catalog-form" onSubmit={submit} aria-labelledby="rule-form-h">
      <h3 id="rule-form-h">{t('catAddRule')}</h3>
      <p class="hint">{t('catAddRuleHint')}</p>
      <TextInput id="rule-from" type="date" label={t('catFrom')} value={from} onInput={setFrom} />
      <TextInput id="rule-ref" label={t('catReference')} value={reference} onInput={setReference} />
      <TextInput id="rule-note" label={t('catNote')} value={note} onInput={setNote} />
      <p>
        <label for="rule-text">{t('catRuleText')}</label>
        <textarea
          id="rule-text"
          rows={12}
          class="code-input"
          spellcheck={false}
          value={text}
          onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
        />
      </p>
      <TextInput id="rule-reason" label={t('catReason')} value={reason} onInput={setReason} />
      <FormOutcome error={error} saved={saved} />
      <button type="submit" disabled={busy}>
        {t('catSaveRule')}
      </button>
    </form>
  );
}

function ParameterValueForm({ item, onSaved }: { item: CatalogItem; onSaved: () => void }) {
  const { t, pick } = useEntitlementsUi();
  const [code, setCode] = useState(item.parameters[0]?.code ?? '');
  const [from, setFrom] = useState('');
  const [value, setValue] = useState('');
  const [reference, setReference] = useState('');
  const [provenance, setProvenance] = useState<keyof typeof PROVENANCE_LABELS>('policy');
  const [reason, setReason] = useState('');
  const { error, saved, busy, post } = useCatalogPost(onSaved);
  const param = item.parameters.find((p) => p.code === code);
  const submit = (e: Event) => {
    e.preventDefault();
    // A value by an enum fact is written as JSON ({"urban": 1, "rural": 2}); otherwise a number.
    let parsed: unknown = value.trim() === '' ? undefined : Number(value);
    if (param?.by) {
      try {
        parsed = JSON.parse(value) as unknown;
      } catch {
        parsed = value;
      }
    }
    post(`/api/catalog/parameters/${encodeURIComponent(code)}/values`, {
      from,
      value: parsed,
      reference,
      provenance,
      reason,
    });
  };
  return (
    <form class="catalog-form" onSubmit={submit} aria-labelledby="param-form-h">
      <h3 id="param-form-h">{t('catAddValue')}</h3>
      <p>
        <label for="pv-code">{t('catParameter')}</label>
        <select id="pv-code" value={code} onChange={(e) => setCode((e.target as HTMLSelectElement).value)}>
          {item.parameters.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}（{p.code}）
            </option>
          ))}
        </select>
      </p>
      <TextInput id="pv-from" type="date" label={t('catFrom')} value={from} onInput={setFrom} />
      <TextInput
        id="pv-value"
        label={`${t('catValue')}${param ? `（${param.unit}）` : ''}`}
        hint={param?.by ? t('catValueByHint', { by: param.by }) : undefined}
        value={value}
        onInput={setValue}
      />
      <TextInput id="pv-ref" label={t('catReference')} value={reference} onInput={setReference} />
      <p>
        <label for="pv-prov">{t('catProvenance')}</label>
        <select
          id="pv-prov"
          value={provenance}
          onChange={(e) =>
            setProvenance((e.target as HTMLSelectElement).value as keyof typeof PROVENANCE_LABELS)
          }
        >
          {(Object.keys(PROVENANCE_LABELS) as Array<keyof typeof PROVENANCE_LABELS>).map((k) => (
            <option key={k} value={k}>
              {pick(PROVENANCE_LABELS[k])}
            </option>
          ))}
        </select>
      </p>
      <TextInput id="pv-reason" label={t('catReason')} value={reason} onInput={setReason} />
      <FormOutcome error={error} saved={saved} />
      <button type="submit" disabled={busy}>
        {t('catSaveValue')}
      </button>
    </form>
  );
}
