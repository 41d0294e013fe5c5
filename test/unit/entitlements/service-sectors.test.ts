/**
 * Which department officers answer for a service (service-sectors.ts): the nine areas map to the
 * plan's sectors one to one, 文体 to both culture and sports, and a legal-service category adds the
 * legal sector; every sector named is one the identity model knows.
 */
import { describe, expect, it } from 'vitest';
import { NINE_AREAS } from '../../../src/domain/entitlements/catalog.schema.ts';
import { sectorsOfService } from '../../../src/domain/entitlements/service-sectors.ts';
import { SECTORS } from '../../../src/domain/plan/pack.schema.ts';

describe('sectorsOfService', () => {
  it('maps each area to its sectors', () => {
    expect(sectorsOfService({ area: 'elderly', category: '养老助老服务' })).toEqual(['elderly']);
    expect(sectorsOfService({ area: 'cultureSports', category: '公共文化服务' })).toEqual([
      'culture',
      'sports',
    ]);
    expect(sectorsOfService({ area: 'assistance', category: '公共法律服务' })).toEqual([
      'assistance',
      'legal',
    ]);
  });

  it('names only known sectors, and at least one for every area', () => {
    for (const area of NINE_AREAS) {
      const sectors = sectorsOfService({ area, category: '示例' });
      expect(sectors.length).toBeGreaterThan(0);
      for (const s of sectors) expect(SECTORS).toContain(s);
    }
  });
});
