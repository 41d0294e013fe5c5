/**
 * Pure helpers of the case-worker screens (issue 6 §3): the queue's filters in the hash query, its
 * flags and counts, the words for states, actions, roles and changes, the facts grouped by person
 * and household, and the offices a case can be handed to. No DOM, no fetch: unit-tested.
 */
import type { CaseAction, CaseState } from '../../../domain/cases/case-machine-definition.ts';
import {
  CASE_ACTION_LABELS,
  CASE_ACTOR_LABELS,
  CASE_STATE_LABELS,
  CASE_STATES,
  CASE_TRANSITIONS,
  OPEN_STATES,
} from '../../../domain/cases/case-machine-definition.ts';
import type { Office } from '../../../domain/cases/offices.ts';
import { officesOf } from '../../../domain/cases/offices.ts';
import { FACTS, isFactKey } from '../../../domain/entitlements/facts.ts';
import { valueText } from '../../../domain/entitlements/trace-text.ts';
import type { Area } from '../../../domain/plan/pack.schema.ts';
import type { Lang } from '../../i18n.ts';
import { enumValueLabel } from '../fact-words.ts';
import type { CaseChangeView, CaseSummary } from './case-types.ts';

// ── The queue's filters, kept in the hash query so a filtered queue is a link ──

export interface QueueFilters {
  service: string;
  district: string;
  state: string;
  /** '' | 'overdue' | 'near' */
  deadline: string;
  /** '' | '1' */
  escalated: string;
}

export const QUEUE_FILTER_KEYS = ['service', 'district', 'state', 'deadline', 'escalated'] as const;

/** The filters from the route's query; unknown values of the closed lists are dropped, not sent. */
export function readQueueFilters(query: URLSearchParams): QueueFilters {
  const get = (k: string) => query.get(k) ?? '';
  const state = get('state');
  const deadline = get('deadline');
  return {
    service: get('service'),
    district: get('district'),
    state: (CASE_STATES as readonly string[]).includes(state) ? state : '',
    deadline: deadline === 'overdue' || deadline === 'near' ? deadline : '',
    escalated: get('escalated') === '1' ? '1' : '',
  };
}

/** GET /api/cases with the filters that are set. */
export function queueApiPath(f: QueueFilters): string {
  const params = new URLSearchParams();
  for (const k of QUEUE_FILTER_KEYS) if (f[k] !== '') params.set(k, f[k]);
  const qs = params.toString();
  return qs ? `/api/cases?${qs}` : '/api/cases';
}

// ── Flags and counts ──

export type CaseFlag = 'overdue' | 'near' | 'escalated' | 'proactive' | 'pledgeDue';

/**
 * What a queue row warns about, most pressing first: a deadline passed or near (the decision's or a
 * pledge's verification), an open escalation, a proactive case (主动服务), a pledge awaiting verification.
 */
export function caseFlags(c: CaseSummary): CaseFlag[] {
  const running = [c.deadlines.decision, c.deadlines.pledgeVerification].filter(
    (d): d is NonNullable<typeof d> => d !== null && isRunning(c, d === c.deadlines.pledgeVerification),
  );
  const flags: CaseFlag[] = [];
  if (running.some((d) => d.overdue)) flags.push('overdue');
  else if (running.some((d) => d.nearDeadline)) flags.push('near');
  if (c.escalation) flags.push('escalated');
  if (c.origin === 'proactive') flags.push('proactive');
  if (c.deadlines.pledgeVerification !== null) flags.push('pledgeDue');
  return flags;
}

/** A decision deadline runs while the case is open; a pledge's verification runs until it is settled. */
function isRunning(c: CaseSummary, pledge: boolean): boolean {
  return pledge || (OPEN_STATES as readonly string[]).includes(c.state);
}

/** The decision clock is running now (accepted, means check): "working days left" means something. */
export function decisionClockRunning(c: CaseSummary): boolean {
  return (
    c.deadlines.decision !== null && isRunning(c, false) && c.deadlines.pausedWithWorkingDaysLeft === null
  );
}

/** How many of the cases are in each state, in the state machine's order, states with none left out. */
export function countByState(cases: readonly CaseSummary[]): { state: CaseState; count: number }[] {
  const counts = new Map<string, number>();
  for (const c of cases) counts.set(c.state, (counts.get(c.state) ?? 0) + 1);
  return CASE_STATES.filter((s) => counts.has(s)).map((s) => ({ state: s, count: counts.get(s)! }));
}

// ── Words ──

export function stateText(state: string | null, lang: Lang): string {
  if (state === null) return '—';
  const label = (CASE_STATE_LABELS as Record<string, { zh: string; en: string }>)[state];
  return label ? label[lang] : state;
}

/** An action's name as a button says it: 受理 / Accept. 'submit' and 'reassign' are events, not actions. */
export function actionText(action: string, lang: Lang): string {
  const extra: Record<string, { zh: string; en: string }> = {
    submit: { zh: '提交申请', en: 'submit' },
    reassign: { zh: '转办', en: 'reassign' },
  };
  const label = (CASE_ACTION_LABELS as Record<string, { zh: string; en: string }>)[action] ?? extra[action];
  if (!label) return action;
  return lang === 'zh' ? label.zh : label.en.charAt(0).toUpperCase() + label.en.slice(1);
}

export function actionNeedsReason(action: CaseAction): boolean {
  return CASE_TRANSITIONS.find((d) => d.action === action)?.reasonRequired ?? false;
}

/** Who took a step, by role (the applicant, a case worker…), capitalised for English. */
export function roleText(role: string, lang: Lang): string {
  const label = (CASE_ACTOR_LABELS as Record<string, { zh: string; en: string }>)[role];
  if (!label) return role;
  return lang === 'zh' ? label.zh : label.en.charAt(0).toUpperCase() + label.en.slice(1);
}

// ── Offices ──

export function officeOptions(areas: readonly Area[]): Office[] {
  return officesOf(areas);
}

export function officeText(code: string | null, areas: readonly Area[], lang: Lang): string {
  if (code === null) return '—';
  const o = officesOf(areas).find((x) => x.code === code);
  return o ? (lang === 'zh' ? o.name : o.nameEn) : code;
}

// ── Facts ──

export type FactGroup = 'person' | 'household' | 'other';

export interface FactLine {
  key: string;
  label: string;
  value: string;
}

const UNKNOWN = { zh: '未知', en: 'unknown' } as const;

/** A fact's value in words: enum labels in the page's language, areas by name, unknown (null) as 未知. */
export function factValueText(key: string, value: unknown, areas: readonly Area[], lang: Lang): string {
  if (value === null || value === undefined || value === '') return UNKNOWN[lang];
  if (key === 'person.residenceDistrict' && typeof value === 'string') {
    const a = areas.find((x) => x.code === value);
    if (a) return lang === 'zh' ? a.name : a.nameEn;
  }
  if (
    isFactKey(key) &&
    (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
  ) {
    if (lang === 'zh') return valueText(key, value);
    if (typeof value === 'boolean') return value ? 'yes' : 'no';
    if (typeof value === 'number')
      return new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3 }).format(value);
    return enumValueLabel(key, value, lang);
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The facts of an application grouped as the registry names them (person.…, household.…), in registry order. */
export function groupFacts(
  facts: Record<string, unknown>,
  areas: readonly Area[],
  lang: Lang,
): { group: FactGroup; lines: FactLine[] }[] {
  const order = Object.keys(FACTS);
  const keys = Object.keys(facts).sort((a, b) => rank(a, order) - rank(b, order) || a.localeCompare(b));
  const groups: FactGroup[] = ['person', 'household', 'other'];
  return groups
    .map((group) => ({
      group,
      lines: keys
        .filter((k) => groupOf(k) === group)
        .map((k) => ({
          key: k,
          label: isFactKey(k) ? (lang === 'zh' ? FACTS[k].label : FACTS[k].labelEn) : k,
          value: factValueText(k, facts[k], areas, lang),
        })),
    }))
    .filter((g) => g.lines.length > 0);
}

function rank(key: string, order: readonly string[]): number {
  const i = order.indexOf(key);
  return i < 0 ? order.length : i;
}

function groupOf(key: string): FactGroup {
  if (key.startsWith('person.')) return 'person';
  if (key.startsWith('household.')) return 'household';
  return 'other';
}

// ── A history event's changes ──

const FIELD_LABELS: Record<string, { zh: string; en: string }> = {
  state: { zh: '状态', en: 'State' },
  officeCode: { zh: '办理中心', en: 'Office' },
  acceptedAtOffice: { zh: '受理中心', en: 'Accepted at' },
  clock: { zh: '办理时限计时', en: 'Deadline clock' },
  pledge: { zh: '告知承诺', en: 'Pledge' },
  appealed: { zh: '已申请复核', en: 'Appealed' },
};

/** One change of an event as "状态：已提交 → 已受理". Clock and pledge details are summarised, not dumped. */
export function changeText(ch: CaseChangeView, areas: readonly Area[], lang: Lang): string {
  const label = FIELD_LABELS[ch.field]?.[lang] ?? ch.field;
  const value = (v: unknown): string => {
    if (v === null || v === undefined) return '—';
    if (ch.field === 'state') return stateText(String(v), lang);
    if (ch.field === 'officeCode' || ch.field === 'acceptedAtOffice')
      return officeText(String(v), areas, lang);
    if (typeof v === 'boolean') return lang === 'zh' ? (v ? '是' : '否') : v ? 'yes' : 'no';
    if (ch.field === 'clock') return clockText(v, lang);
    if (ch.field === 'pledge' && typeof v === 'object') {
      const p = v as { verificationDue?: string; outcome?: string | null };
      return lang === 'zh'
        ? `核查期限 ${p.verificationDue ?? '—'}${p.outcome ? `（${p.outcome === 'verified' ? '属实' : '已撤销'}）` : ''}`
        : `verify by ${p.verificationDue ?? '—'}${p.outcome ? ` (${p.outcome})` : ''}`;
    }
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  };
  return `${label}${lang === 'zh' ? '：' : ': '}${value(ch.before)} → ${value(ch.after)}`;
}

function clockText(v: unknown, lang: Lang): string {
  if (typeof v !== 'object' || v === null) return String(v);
  const c = v as {
    startedOn?: string | null;
    pauses?: { from: string; to: string | null }[];
    stoppedOn?: string | null;
  };
  const open = (c.pauses ?? []).some((p) => p.to === null);
  if (c.stoppedOn) return lang === 'zh' ? `已停止（${c.stoppedOn}）` : `stopped (${c.stoppedOn})`;
  if (open) return lang === 'zh' ? '暂停中（待补正）' : 'paused (supplement awaited)';
  if (c.startedOn) return lang === 'zh' ? `计时中（自 ${c.startedOn}）` : `running (since ${c.startedOn})`;
  return lang === 'zh' ? '未开始' : 'not started';
}

/** A file size for people: 812 B, 14.2 KB, 3.1 MB. */
export function bytesText(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
