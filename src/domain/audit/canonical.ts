/**
 * The canonical text of a JSON value, which the audit chain hashes. It must come out the same for the
 * value the appender holds and for the value the verifier reads back from `jsonb` — and jsonb keeps
 * neither key order nor the original spelling of numbers. So keys are sorted (recursively, by UTF-16
 * code units, JavaScript's default order), there is no white space, and strings and numbers are
 * written by JSON.stringify: a JavaScript number written that way is parsed by PostgreSQL's numeric
 * exactly and read back as the same double, so its spelling survives the round trip.
 */

/** A value as it will be stored: JSON.stringify then JSON.parse (drops undefined, dates become strings). */
export function asStored(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as unknown);
}

/** Canonical JSON of a JSON value (null, boolean, finite number, string, array, plain object). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: not a JSON number: ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  throw new TypeError(`canonicalJson: not a JSON value: ${typeof value}`);
}
