/**
 * The application form's pure parts (issue 6 §1): which facts the form asks (the rule's input facts,
 * as the engine names them, and always the district of residence), what the government already holds
 * for each, the typed value of what was entered, and the browser's first check of a file (the server
 * decides). No DOM, no fetch: unit-tested.
 */
import type { FactKey, FactType, FactValue } from '../../../domain/entitlements/facts.ts';
import { FACTS, isFactKey } from '../../../domain/entitlements/facts.ts';

export const DISTRICT_FACT = 'person.residenceDistrict' satisfies FactKey;

/** The file types and size the attachment API accepts (issue 6 §1). */
export const ACCEPTED_MEDIA_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export const ACCEPT_ATTRIBUTE = '.jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf';
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * The facts the form asks, in the engine's asking order: the input facts a rule needs when nothing
 * is known (the check's `missing` with no facts), then the district of residence (needed to route
 * the case) when the rule does not ask it itself. Unknown names are dropped.
 */
export function formFacts(ruleInputs: readonly string[]): FactKey[] {
  const keys = ruleInputs.filter(isFactKey);
  const unique = [...new Set(keys)];
  return unique.includes(DISTRICT_FACT) ? unique : [...unique, DISTRICT_FACT];
}

/** A held value as the form's text: booleans as 'true' / 'false', numbers and strings as they are. */
export function toInputText(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string') return value;
  return '';
}

export type Parsed =
  { ok: true; value: FactValue | null } | { ok: false; problem: 'number' | 'date' | 'choice' };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The typed value of what was entered: '' is unknown (null); a number must be finite and not
 * negative; a date YYYY-MM-DD and real; a choice one of the fact's values (any district code for
 * the district, which the server checks against the pack).
 */
export function parseFactText(fact: FactKey, text: string): Parsed {
  const raw = text.trim();
  if (raw === '') return { ok: true, value: null };
  const def = FACTS[fact];
  const type: FactType = def.type;
  if (type === 'number') {
    const n = Number(raw);
    return Number.isFinite(n) && n >= 0 ? { ok: true, value: n } : { ok: false, problem: 'number' };
  }
  if (type === 'boolean') {
    if (raw === 'true') return { ok: true, value: true };
    if (raw === 'false') return { ok: true, value: false };
    return { ok: false, problem: 'choice' };
  }
  if (type === 'date') {
    if (!ISO_DATE.test(raw)) return { ok: false, problem: 'date' };
    const d = new Date(`${raw}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === raw
      ? { ok: true, value: raw }
      : { ok: false, problem: 'date' };
  }
  if (def.values && !def.values.includes(raw)) return { ok: false, problem: 'choice' };
  return { ok: true, value: raw };
}

/** The facts to send: every form fact that parses to a value (unknowns and mistakes left out). */
export function factsToSend(
  keys: readonly FactKey[],
  texts: Readonly<Record<string, string>>,
): Record<string, FactValue> {
  const out: Record<string, FactValue> = {};
  for (const k of keys) {
    const p = parseFactText(k, texts[k] ?? '');
    if (p.ok && p.value !== null) out[k] = p.value;
  }
  return out;
}

/** Where a form value stands against the held one: held as is, corrected by the applicant, or typed in. */
export type Provenance = 'held' | 'corrected' | 'entered';

export function provenanceOf(held: unknown, text: string): Provenance {
  const heldText = toInputText(held);
  if (heldText === '') return 'entered';
  return heldText === text.trim() ? 'held' : 'corrected';
}

export type FileProblem = 'type' | 'size' | 'empty';

/** The browser's first check of a chosen file: JPEG, PNG or PDF, not empty, at most 5 MiB. */
export function fileProblem(file: { name: string; type: string; size: number }): FileProblem | null {
  const type = file.type || mediaTypeFromName(file.name);
  if (!(ACCEPTED_MEDIA_TYPES as readonly string[]).includes(type)) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > MAX_FILE_BYTES) return 'size';
  return null;
}

function mediaTypeFromName(name: string): string {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  if (ext === 'jpg' || ext === 'jpeg') return 'image/jpeg';
  if (ext === 'png') return 'image/png';
  if (ext === 'pdf') return 'application/pdf';
  return '';
}

/** A fresh idempotency key for one form: the browser's UUID, or 32 random hex digits where it has none. */
export function newIdempotencyKey(
  c: Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string },
): string {
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = c.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
