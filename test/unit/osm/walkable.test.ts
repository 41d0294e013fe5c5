import { describe, expect, it } from 'vitest';
import type { ExclusionReason } from '../../../src/domain/osm/walkable.ts';
import { WALK_RULES, isWalkable, walkability } from '../../../src/domain/osm/walkable.ts';

const cases: [Record<string, string>, ExclusionReason | 'walkable'][] = [
  [{ highway: 'footway' }, 'walkable'],
  [{ highway: 'path' }, 'walkable'],
  [{ highway: 'pedestrian' }, 'walkable'],
  [{ highway: 'pedestrian', area: 'yes' }, 'walkable'],
  [{ highway: 'steps' }, 'walkable'],
  [{ highway: 'living_street' }, 'walkable'],
  [{ highway: 'residential' }, 'walkable'],
  [{ highway: 'service' }, 'walkable'],
  [{ highway: 'unclassified' }, 'walkable'],
  [{ highway: 'tertiary_link' }, 'walkable'],
  [{ highway: 'secondary' }, 'walkable'],
  [{ highway: 'primary_link' }, 'walkable'],
  [{ highway: 'track' }, 'walkable'],
  [{ highway: 'cycleway' }, 'walkable'],
  [{ highway: 'corridor' }, 'walkable'],
  [{ highway: 'cycleway', foot: 'no' }, 'foot_no'],
  [{ highway: 'footway', foot: 'no' }, 'foot_no'],
  [{ highway: 'primary', foot: 'use_sidepath' }, 'foot_no'],
  [{ highway: 'motorway' }, 'motor_road'],
  [{ highway: 'motorway_link' }, 'motor_road'],
  [{ highway: 'trunk' }, 'motor_road'],
  [{ highway: 'trunk_link', foot: 'yes' }, 'walkable'],
  [{ highway: 'trunk', foot: 'designated' }, 'walkable'],
  [{ highway: 'motorway', foot: 'permissive' }, 'walkable'],
  [{ highway: 'construction' }, 'not_built'],
  [{ highway: 'proposed', foot: 'yes' }, 'not_built'],
  [{ highway: 'abandoned' }, 'not_built'],
  [{ highway: 'platform' }, 'platform'],
  [{ highway: 'bridleway' }, 'not_walkable_highway'],
  [{ highway: 'bus_guideway' }, 'not_walkable_highway'],
  [{ highway: 'service', access: 'private' }, 'access'],
  [{ highway: 'residential', access: 'no' }, 'access'],
  [{ highway: 'service', access: 'private', foot: 'yes' }, 'walkable'],
  [{ highway: 'service', access: 'no', foot: 'designated' }, 'walkable'],
  [{ highway: 'service', access: 'no', foot: 'permissive' }, 'walkable'],
  [{ highway: 'service', access: 'destination' }, 'walkable'],
  [{ highway: 'footway', area: 'yes' }, 'area'],
  [{ highway: 'service', area: 'yes' }, 'area'],
  [{ building: 'yes' }, 'not_highway'],
  [{}, 'not_highway'],
];

describe('walkability', () => {
  it.each(cases)('%j → %s', (tags, expected) => {
    const w = walkability(tags);
    expect(w.walkable ? 'walkable' : w.reason).toBe(expected);
    expect(isWalkable(tags)).toBe(expected === 'walkable');
  });

  it('every listed walkable highway is walkable on its own, and no motor road is', () => {
    for (const h of WALK_RULES.walkableHighways) expect(isWalkable({ highway: h })).toBe(true);
    for (const h of WALK_RULES.motorHighways) expect(isWalkable({ highway: h })).toBe(false);
  });
});
