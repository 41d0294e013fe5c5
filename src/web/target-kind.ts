/** The name of a target's kind in the UI language (GLOSSARY: target kind). */
import type { Target } from '../domain/plan/pack.schema.ts';
import type { MessageKey } from './i18n.ts';

const KEYS: Record<Target['kind'], MessageKey> = {
  atLeast: 'kindAtLeast',
  greaterThan: 'kindGreaterThan',
  atMost: 'kindAtMost',
  lessThan: 'kindLessThan',
  equals: 'kindEquals',
  approximately: 'kindApproximately',
  range: 'kindRange',
  zero: 'kindZero',
  qualitative: 'kindQualitative',
};

export function targetKindLabel(
  target: Target,
  t: (key: MessageKey, vars?: Record<string, string | number>) => string,
): string {
  return t(KEYS[target.kind], target.kind === 'approximately' ? { tolerance: target.tolerance } : undefined);
}

/** Targets whose status comes from a recorded judgement (qualitative), or may (动态清零). */
export function takesJudgement(target: Target): 'only' | 'also' | 'no' {
  if (target.kind === 'qualitative') return 'only';
  if (target.kind === 'zero') return 'also';
  return 'no';
}
