/** Townships and communities: loaded with the pack in bulk, browsable by parent, revised on change. */
import { SYSTEM_ACTOR } from '../../src/app/audit.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAreas } from '../../src/app/plan/list-areas.ts';
import { SubAreaRepository } from '../../src/store/repositories/sub-area.repository.ts';
import type { TestPlatform } from '../support/test-db.ts';
import { engineName, openTestPlatform } from '../support/test-db.ts';

describe(`townships and communities (${engineName()})`, () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await openTestPlatform();
  });
  afterAll(async () => {
    await p?.close();
  });

  it('loads every township and community of the pack, each with one revision', async () => {
    expect(await new SubAreaRepository(p.db).counts()).toEqual({ township: 261, community: 3047 });
    const r = await p.db.query<{ n: number }>(
      "SELECT count(DISTINCT row_key)::int AS n FROM revisions WHERE table_name = 'sub_areas'",
    );
    expect(r.rows[0]?.n).toBe(261 + 3047);
  });

  it('lists the townships of a district and the communities of a township', async () => {
    const top = await listAreas(p.ctx, SYSTEM_ACTOR);
    expect(top.filter((a) => a.kind === 'district')).toHaveLength(20);
    const townships = await listAreas(p.ctx, SYSTEM_ACTOR, '510104');
    expect(townships.every((t) => t.kind === 'township' && t.parent === '510104')).toBe(true);
    expect(townships.map((t) => t.name)).toContain('锦官驿街道');
    const communities = await listAreas(p.ctx, SYSTEM_ACTOR, '510104017');
    expect(communities).toHaveLength(6);
    expect(communities[0]).toMatchObject({
      code: '510104017001',
      name: '水井坊社区居委会',
      type: 'community',
    });
    await expect(listAreas(p.ctx, SYSTEM_ACTOR, '999999')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('syncs a changed table: renames, removals and additions, each with a revision', async () => {
    const repo = new SubAreaRepository(p.db);
    const all = [...(await repo.listByParent('510104')), ...(await repo.listByParent('510104017'))];
    const at = new Date('2026-01-01T00:00:00Z');
    const edited = all
      .filter((s) => s.code !== '510104017006')
      .map((s) => (s.code === '510104017001' ? { ...s, name: '水井坊社区' } : s));
    const r = await p.db.transaction((tx) => new SubAreaRepository(tx).sync(edited, 'test', at, 'edit'));
    // Everything not in `edited` (the rest of the city, and one community) is removed.
    expect(r.updated).toBe(1);
    expect(r.added).toBe(0);
    expect(r.removed).toBe(261 + 3047 - edited.length);
    expect((await repo.get('510104017001'))?.name).toBe('水井坊社区');
    expect(await repo.get('510104017006')).toBeNull();
    const history = await p.db.query<{ revision: number; previous: { name: string } }>(
      "SELECT revision, previous FROM revisions WHERE table_name = 'sub_areas' AND row_key = '510104017001' ORDER BY id",
    );
    expect(history.rows.map((h) => h.revision)).toEqual([1, 2]);
    expect(history.rows[1]?.previous.name).toBe('水井坊社区居委会');
  });
});
