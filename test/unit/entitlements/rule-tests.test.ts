/**
 * The pack's rule tests as data (packs/chengdu-2021-2025/rule-tests/*.yaml: facts, a date and the
 * expected result, worked out by hand from services.yaml), each run through the engine as its own
 * test; for "cannot decide", the missing facts must be exactly those the test names. The pack's
 * catalog must also pass validateCatalog, and every service must have at least three rule tests.
 */
import { describe, expect, it } from 'vitest';
import type { RuleTest } from '../../../src/domain/entitlements/catalog.schema.ts';
import { evaluateService } from '../../../src/domain/entitlements/evaluate.ts';
import type { Facts } from '../../../src/domain/entitlements/facts.ts';
import { indexParameters } from '../../../src/domain/entitlements/parameters.ts';
import { validateCatalog } from '../../../src/domain/entitlements/validate-catalog.ts';
import { DEFAULT_PACK_DIR, loadPackFromDir } from '../../../src/store/pack/pack-loader.ts';

const pack = await loadPackFromDir(DEFAULT_PACK_DIR);
const districtCodes = pack.areas.filter((a) => a.kind !== 'city').map((a) => a.code);
const params = indexParameters(pack.parameters);
const services = new Map(pack.services.map((s) => [s.code, s]));

describe('the pack catalog', () => {
  it('passes validateCatalog', () => {
    expect(validateCatalog(pack.services, pack.parameters, districtCodes)).toEqual([]);
  });

  it('has at least 40 services, each with at least three rule tests', () => {
    expect(pack.services.length).toBeGreaterThanOrEqual(40);
    const counts = new Map<string, number>();
    for (const t of pack.ruleTests) counts.set(t.service, (counts.get(t.service) ?? 0) + 1);
    expect(pack.services.filter((s) => (counts.get(s.code) ?? 0) < 3).map((s) => s.code)).toEqual([]);
  });
});

describe('rule tests of the pack', () => {
  it.each(pack.ruleTests.map((t): [string, RuleTest] => [`${t.service} ${t.name}`, t]))('%s', (_, t) => {
    const s = services.get(t.service);
    expect(s, `service ${t.service}`).toBeDefined();
    const e = evaluateService(s!, params, t.facts as Facts, t.date);
    const why = e.trace.children?.map((n) => n.text).join('\n') ?? e.trace.text;
    expect(e.outcome, why).toBe(t.expected);
    if (t.expected === 'cannotDecide')
      expect([...e.missing].sort(), why).toEqual([...(t.missing ?? [])].sort());
  });
});
