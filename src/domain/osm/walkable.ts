/**
 * Which OSM ways a pedestrian may walk, decided from the way's tags alone (issue 3 §2).
 *
 * The rules, applied in this order (the first that matches decides; its reason is counted):
 *  1. `not_highway`   — no `highway` tag (buildings, landuse, rivers…): not part of the network.
 *  2. `foot_no`       — `foot=no` (or `foot=use_sidepath`): walking is forbidden, whatever the road.
 *  3. `not_built`     — `highway` is construction, proposed, abandoned, disused or razed: not open.
 *  4. `platform`      — `highway=platform`: a public-transport platform, mapped as an area or an edge of
 *                       one, not a through route (excluded; stops are snapped to nearby ways instead).
 *  5. `motor_road`    — motorway, trunk (and their links): walkable only with an explicit
 *                       foot=yes/designated/permissive.
 *  6. `not_walkable_highway` — `highway` not in WALKABLE_HIGHWAYS (e.g. bridleway, bus_guideway, raceway).
 *  7. `access`        — `access=no/private` (also agricultural, forestry, delivery, customers… kept
 *                       simple: no and private), unless foot=yes/designated/permissive overrides it.
 *  8. `area`          — `area=yes` on anything but highway=pedestrian: a closed outline of a square or
 *                       car park, whose outline is not a path (pedestrian areas are walked around their
 *                       edge as an approximation).
 * Otherwise the way is walkable; cycleways are walkable unless foot=no (rule 2).
 */

export type Tags = Readonly<Record<string, string>>;

export type ExclusionReason =
  | 'not_highway'
  | 'foot_no'
  | 'not_built'
  | 'platform'
  | 'motor_road'
  | 'not_walkable_highway'
  | 'access'
  | 'area';

export const EXCLUSION_REASONS: readonly ExclusionReason[] = [
  'not_highway',
  'foot_no',
  'not_built',
  'platform',
  'motor_road',
  'not_walkable_highway',
  'access',
  'area',
];

/** The rule as data. */
export const WALK_RULES = {
  walkableHighways: [
    'footway',
    'path',
    'pedestrian',
    'steps',
    'living_street',
    'residential',
    'service',
    'unclassified',
    'tertiary',
    'tertiary_link',
    'secondary',
    'secondary_link',
    'primary',
    'primary_link',
    'track',
    'cycleway',
    'corridor',
  ],
  /** Highways for motor traffic only: walkable only when foot is explicitly allowed. */
  motorHighways: ['motorway', 'motorway_link', 'trunk', 'trunk_link'],
  notBuiltHighways: ['construction', 'proposed', 'abandoned', 'disused', 'razed'],
  footAllowed: ['yes', 'designated', 'permissive'],
  footDenied: ['no', 'use_sidepath'],
  accessDenied: ['no', 'private'],
  /** Highways whose area=yes outline still counts as walkable. */
  walkableAreas: ['pedestrian'],
} as const satisfies Record<string, readonly string[]>;

const has = (list: readonly string[], v: string | undefined) => v !== undefined && list.includes(v);

export type Walkability = { walkable: true } | { walkable: false; reason: ExclusionReason };

/** Applies the rules in order; see the module comment. */
export function walkability(tags: Tags): Walkability {
  const highway = tags['highway'];
  const foot = tags['foot'];
  const footAllowed = has(WALK_RULES.footAllowed, foot);
  const no = (reason: ExclusionReason): Walkability => ({ walkable: false, reason });
  if (highway === undefined) return no('not_highway');
  if (has(WALK_RULES.footDenied, foot)) return no('foot_no');
  if (has(WALK_RULES.notBuiltHighways, highway)) return no('not_built');
  if (highway === 'platform') return no('platform');
  if (has(WALK_RULES.motorHighways, highway)) return footAllowed ? { walkable: true } : no('motor_road');
  if (!has(WALK_RULES.walkableHighways, highway)) return no('not_walkable_highway');
  if (has(WALK_RULES.accessDenied, tags['access']) && !footAllowed) return no('access');
  if (tags['area'] === 'yes' && !has(WALK_RULES.walkableAreas, highway)) return no('area');
  return { walkable: true };
}

export function isWalkable(tags: Tags): boolean {
  return walkability(tags).walkable;
}
