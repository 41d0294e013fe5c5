/**
 * 自助测算 (#/self-check): a resident answers one question at a time, asked only when it decides
 * something (the engine's next question), and sees which services they may qualify for, which not,
 * and which need more answers, each with its reasons and how to apply. "Not sure" leaves a fact
 * unknown and is not asked again; every answer can be changed. No sign-in; nothing is stored (the
 * answers live in this page only). In elder mode each step fills the screen.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Outcome, ServiceArea } from '../../domain/entitlements/catalog.schema.ts';
import { NINE_AREAS } from '../../domain/entitlements/catalog.schema.ts';
import type { FactKey, FactValue } from '../../domain/entitlements/facts.ts';
import { FACTS } from '../../domain/entitlements/facts.ts';
import { AREA_LABELS, OUTCOME_LABELS } from '../../domain/entitlements/labels.ts';
import type { CheckResult, Question } from '../../domain/entitlements/views.ts';
import type { ApiError } from '../api.ts';
import { api, asApiError } from '../api.ts';
import { EntitlementTrace } from '../components/entitlement-trace.tsx';
import { EntitlementsNav } from '../components/entitlements-nav.tsx';
import { enumValueLabel, factQuestion, factUnit } from '../components/fact-words.ts';
import { useEntitlementsUi } from '../entitlements-ui.ts';
import type { Route } from '../router.ts';
import { useDocumentTitle } from '../use-document-title.ts';

type Evaluated = CheckResult['evaluations'][number];

/** One step of the conversation: a fact answered, or skipped ("not sure"). */
interface Step {
  fact: FactKey;
  value: FactValue | null;
}

const OUTCOME_ORDER: Outcome[] = ['eligible', 'cannotDecide', 'notEligible'];

function answerText(
  q: Question | undefined,
  fact: FactKey,
  value: FactValue | null,
  lang: 'zh' | 'en',
): string {
  if (value === null) return lang === 'zh' ? '不确定' : 'Not sure';
  if (typeof value === 'boolean') return value ? (lang === 'zh' ? '是' : 'Yes') : lang === 'zh' ? '否' : 'No';
  const option = q?.options.find((o) => o.value === value);
  // Registry enums in the page's language; districts keep the name the server sent.
  if (option) return typeof value === 'string' ? optionLabel(fact, option, lang) : option.label;
  const unit = factUnit(fact, lang);
  return typeof value === 'number' && unit ? `${value} ${unit}` : String(value);
}

function optionLabel(fact: FactKey, option: { value: string; label: string }, lang: 'zh' | 'en'): string {
  const label = enumValueLabel(fact, option.value, lang);
  return label === option.value ? option.label : label;
}

/**
 * `#/self-check?service=S-5-01` asks only about that service (the catalog page's try-it);
 * `date=YYYY-MM-DD` checks the rules of another day (e.g. a rule version not yet in force).
 */
export function SelfCheckPage({ route }: { route: Route }) {
  const only = route.query.get('service') ?? '';
  const date = route.query.get('date') ?? '';
  const { t, lang, pick, elder } = useEntitlementsUi();
  useDocumentTitle(t('scTitle'));
  const [steps, setSteps] = useState<Step[]>([]);
  /** The fact being answered again (changing an earlier answer), with its previous value. */
  const [editing, setEditing] = useState<Step | null>(null);
  const [result, setResult] = useState<CheckResult | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [showResults, setShowResults] = useState(false);
  const questions = useRef(new Map<FactKey, Question>());
  const latest = useRef(0);

  useEffect(() => {
    const facts: Record<string, FactValue> = {};
    const skipped: string[] = [];
    for (const s of steps) {
      if (editing && s.fact === editing.fact) continue;
      if (s.value === null) skipped.push(s.fact);
      else facts[s.fact] = s.value;
    }
    const id = ++latest.current;
    const scope = { ...(only ? { services: [only] } : {}), ...(date ? { date } : {}) };
    api.post<CheckResult>('/api/entitlements/check', { facts, skipped, ...scope }).then(
      (r) => {
        if (id !== latest.current) return;
        if (r.nextQuestion) questions.current.set(r.nextQuestion.fact, r.nextQuestion);
        setResult(r);
        setError(undefined);
      },
      (err: unknown) => {
        if (id === latest.current) setError(asApiError(err, { zh: String(err), en: String(err) }));
      },
    );
  }, [steps, editing, only, date]);

  const current: Question | null = editing
    ? (questions.current.get(editing.fact) ?? null)
    : (result?.nextQuestion ?? null);
  const answer = (fact: FactKey, value: FactValue | null) => {
    const kept = steps.filter((s) => s.fact !== fact);
    const at = steps.findIndex((s) => s.fact === fact);
    // An answer changed keeps its place in the list; a new one goes last.
    setSteps(at < 0 ? [...kept, { fact, value }] : steps.map((s) => (s.fact === fact ? { fact, value } : s)));
    setEditing(null);
  };
  /** Back one question: the previous answer comes back on screen to be kept or changed. */
  const back = () => {
    const at = editing ? steps.findIndex((s) => s.fact === editing.fact) : steps.length;
    const previous = at > 0 ? steps[at - 1] : undefined;
    setEditing(previous ?? null);
  };
  const change = (s: Step) => {
    setShowResults(false);
    setEditing(s);
  };
  const restart = () => {
    setSteps([]);
    setEditing(null);
    setShowResults(false);
  };

  // Elder mode: one step per screen — the question, or the results.
  const questionOnScreen = current !== null && !(elder && showResults);
  const resultsOnScreen = !elder || current === null || showResults;

  return (
    <div class={`self-check${elder ? ' self-check-elder' : ''}`}>
      <EntitlementsNav current="selfCheck" />
      <h1>{t('scTitle')}</h1>
      <p class="intro">{t('scIntro')}</p>
      {only && (
        <p class="message">
          {t('scOnlyOne', { code: only })} <a href="#/self-check">{t('scAllServices')}</a>
        </p>
      )}
      {error && (
        <div class="message message-error" role="alert">
          <p>{lang === 'zh' ? error.zh : error.en}</p>
        </div>
      )}
      {!result && !error && (
        <p class="loading" role="status">
          {t('loading')}
        </p>
      )}
      {result && (
        <>
          <p class="sc-progress" role="status">
            {t('scProgress', { n: steps.filter((s) => s.value !== null).length, date: result.date })}
          </p>
          {questionOnScreen && current && (
            <QuestionCard
              key={`${current.fact}-${editing ? 'edit' : 'new'}`}
              question={current}
              initial={editing?.value ?? null}
              canGoBack={steps.length > 0 || editing !== null}
              onAnswer={(v) => answer(current.fact, v)}
              onBack={back}
              onShowResults={elder ? () => setShowResults(true) : undefined}
            />
          )}
          {!current && (
            <p class="message message-ok" role="status">
              {t('scDone')}
            </p>
          )}
          {elder && showResults && current && (
            <button type="button" class="big-button" onClick={() => setShowResults(false)}>
              {t('scContinue')}
            </button>
          )}
          {resultsOnScreen && <Results result={result} />}
          {steps.length > 0 && resultsOnScreen && (
            <section class="sc-answers" aria-labelledby="sc-answers-h">
              <h2 id="sc-answers-h">{t('scAnswers')}</h2>
              <ul>
                {steps.map((s) => (
                  <li key={s.fact}>
                    <span>{lang === 'zh' ? `${FACTS[s.fact].label}：` : `${FACTS[s.fact].labelEn}: `}</span>
                    <strong>{answerText(questions.current.get(s.fact), s.fact, s.value, lang)}</strong>{' '}
                    <button
                      type="button"
                      onClick={() => change(s)}
                      aria-label={t('scChangeOne', {
                        fact: pick({ zh: FACTS[s.fact].label, en: FACTS[s.fact].labelEn }),
                      })}
                    >
                      {t('scChange')}
                    </button>
                  </li>
                ))}
              </ul>
              <button type="button" onClick={restart}>
                {t('scRestart')}
              </button>
            </section>
          )}
        </>
      )}
    </div>
  );
}

function QuestionCard(props: {
  question: Question;
  initial: FactValue | null;
  canGoBack: boolean;
  onAnswer: (v: FactValue | null) => void;
  onBack: () => void;
  onShowResults?: () => void;
}) {
  const { t, lang } = useEntitlementsUi();
  const q = props.question;
  const label = lang === 'zh' ? q.label : q.labelEn;
  const unit = factUnit(q.fact, lang);
  const [value, setValue] = useState<string>(props.initial === null ? '' : String(props.initial));
  const [problem, setProblem] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [q.fact]);
  const submit = (e: Event) => {
    e.preventDefault();
    if (value === '') {
      setProblem(t('scPickOne'));
      return;
    }
    if (q.type === 'number') {
      const n = Number(value);
      if (!Number.isFinite(n) || n < 0) {
        setProblem(t('scNumberNeeded'));
        return;
      }
      props.onAnswer(n);
    } else if (q.type === 'boolean') props.onAnswer(value === 'true');
    else props.onAnswer(value);
  };
  const choices =
    q.type === 'boolean'
      ? [
          { value: 'true', label: t('scYes') },
          { value: 'false', label: t('scNo') },
        ]
      : q.options.map((o) => ({ value: o.value, label: optionLabel(q.fact, o, lang) }));
  const inputId = `sc-${q.fact.replace('.', '-')}`;
  return (
    <form class="sc-question" onSubmit={submit} data-fact={q.fact} noValidate>
      <h2 ref={heading} tabIndex={-1} id={`${inputId}-q`}>
        {factQuestion(q.fact, lang)}
      </h2>
      {(q.type === 'enum' || q.type === 'boolean') && (
        <fieldset class="sc-choices" aria-labelledby={`${inputId}-q`}>
          <legend class="visually-hidden">{label}</legend>
          {choices.map((c) => (
            <label key={c.value} class="sc-choice">
              <input
                type="radio"
                name={inputId}
                value={c.value}
                checked={value === c.value}
                onChange={() => {
                  setValue(c.value);
                  setProblem(null);
                }}
              />{' '}
              {c.label}
            </label>
          ))}
        </fieldset>
      )}
      {(q.type === 'number' || q.type === 'date') && (
        <p class="sc-input">
          <label for={inputId}>
            {label}
            {unit ? (lang === 'zh' ? `（${unit}）` : ` (${unit})`) : ''}
          </label>
          <input
            id={inputId}
            type={q.type === 'number' ? 'number' : 'date'}
            min={q.type === 'number' ? 0 : undefined}
            step={q.type === 'number' ? 'any' : undefined}
            inputMode={q.type === 'number' ? 'decimal' : undefined}
            value={value}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${inputId}-err` : undefined}
            onInput={(e) => {
              setValue((e.target as HTMLInputElement).value);
              setProblem(null);
            }}
          />
        </p>
      )}
      {problem && (
        <p id={`${inputId}-err`} class="field-errors" role="alert">
          {problem}
        </p>
      )}
      <div class="sc-buttons">
        <button type="submit" class="big-button primary">
          {t('scNext')}
        </button>
        <button type="button" class="big-button" onClick={() => props.onAnswer(null)}>
          {t('scSkip')}
        </button>
        {props.canGoBack && (
          <button type="button" class="big-button" onClick={props.onBack}>
            {t('scBack')}
          </button>
        )}
        {props.onShowResults && (
          <button type="button" class="big-button" onClick={props.onShowResults}>
            {t('scSeeResults')}
          </button>
        )}
      </div>
    </form>
  );
}

function Results({ result }: { result: CheckResult }) {
  const { t, pick } = useEntitlementsUi();
  return (
    <section class="sc-results" aria-labelledby="sc-results-h">
      <h2 id="sc-results-h">{t('scResults')}</h2>
      {OUTCOME_ORDER.map((outcome) => {
        const list = result.evaluations.filter((e) => e.outcome === outcome);
        const byArea = NINE_AREAS.map((a) => [a, list.filter((e) => e.brief.area === a)] as const).filter(
          ([, l]) => l.length > 0,
        );
        return (
          <section key={outcome} class={`sc-group sc-${outcome}`} aria-labelledby={`sc-${outcome}-h`}>
            <h3 id={`sc-${outcome}-h`}>
              {pick(OUTCOME_LABELS[outcome])}（{list.length}）
            </h3>
            {list.length === 0 && <p class="muted">{t('scNone')}</p>}
            {byArea.map(([area, items]) => (
              <AreaGroup key={area} area={area} items={items} />
            ))}
          </section>
        );
      })}
    </section>
  );
}

function AreaGroup({ area, items }: { area: ServiceArea; items: readonly Evaluated[] }) {
  const { pick } = useEntitlementsUi();
  return (
    <div class="sc-area">
      <h4>{pick(AREA_LABELS[area])}</h4>
      <ul class="sc-services">
        {items.map((e) => (
          <li key={e.service}>
            <ServiceResult e={e} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function ServiceResult({ e }: { e: Evaluated }) {
  const { t, lang, pick } = useEntitlementsUi();
  const b = e.brief;
  return (
    <details class="sc-service" data-service={b.code}>
      <summary>
        <span class="sc-service-name">{lang === 'zh' ? b.name : b.nameEn}</span>{' '}
        <span class={`outcome-tag outcome-${e.outcome}`}>{pick(OUTCOME_LABELS[e.outcome])}</span>
      </summary>
      <h5>{t('scWhy')}</h5>
      <EntitlementTrace trace={e.trace} missing={e.missing} />
      <dl class="sc-service-facts">
        <dt>{t('catContent')}</dt>
        <dd>{b.content}</dd>
        <dt>{t('catStandard')}</dt>
        <dd>{b.standard}</dd>
        <dt>{t('catLead')}</dt>
        <dd>{b.leadDepartment}</dd>
        <dt>{t('catChannels')}</dt>
        <dd>
          {b.channels.online && (
            <span>
              {t('catOnline')}：{b.channels.online}
            </span>
          )}
          {b.channels.online && b.channels.offline && '；'}
          {b.channels.offline && (
            <span>
              {t('catOffline')}：{b.channels.offline}
            </span>
          )}
        </dd>
        {b.requiredMaterials.length > 0 && (
          <>
            <dt>{t('catMaterials')}</dt>
            <dd>{b.requiredMaterials.join('；')}</dd>
          </>
        )}
      </dl>
      <p>
        <a href={`#/catalog/${encodeURIComponent(b.code)}`}>{t('scMoreAbout', { name: b.name })}</a>
      </p>
    </details>
  );
}
