/**
 * The districts as an SVG choropleth coloured by status. Each status also has its own pattern
 * (plain, dots, stripes, cross-hatch, blank), the legend is text, every district carries a <title>
 * with its name and status, and each district is a link that opens the indicator for it, so the
 * map is usable with a keyboard. The district table next to it holds the same information.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Status } from '../../domain/plan/status.ts';
import { STATUSES, STATUS_LABELS } from '../../domain/plan/status.ts';
import { useApp } from '../app-context.ts';
import type { BoundaryCollection } from '../map-projection.ts';
import { projectBoundaries } from '../map-projection.ts';
import { api } from '../api.ts';
import { Loading } from './error-message.tsx';

const WIDTH = 560;

// The boundaries (about 350 kB) do not change while the app runs: fetch them once per page load.
let boundariesOnce: Promise<BoundaryCollection> | null = null;

/** The district boundaries, fetched once per page load; shared by the maps. */
export function useBoundaries(): { data: BoundaryCollection | undefined; failed: boolean } {
  const [data, setData] = useState<BoundaryCollection | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    boundariesOnce ??= api.get<BoundaryCollection>('/api/areas/boundaries');
    boundariesOnce.then(
      (b) => live && setData(b),
      () => {
        boundariesOnce = null; // try again next time
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return { data, failed };
}

export interface DistrictMapProps {
  id: string;
  /** Status of each district by code; a district not in the map has none ("not applicable"). */
  statuses: ReadonlyMap<string, Status>;
  selectedCode: string;
  linkFor: (areaCode: string) => string;
  indicatorName: string;
  year: number;
}

export function DistrictMap(props: DistrictMapProps) {
  const { t, pick, lang } = useApp();
  const boundaries = useBoundaries();
  const projected = useMemo(
    () => (boundaries.data ? projectBoundaries(boundaries.data, WIDTH) : null),
    [boundaries.data],
  );
  if (!boundaries.data && !boundaries.failed) return <Loading />;
  if (!projected || projected.areas.length === 0) return <p class="muted">{t('mapUnavailable')}</p>;
  const titleId = `${props.id}-title`;
  const descId = `${props.id}-desc`;
  const pattern = (s: Status) => `${props.id}-pattern-${s}`;
  return (
    <figure class="map">
      <svg
        viewBox={`0 0 ${projected.width} ${projected.height}`}
        class="map-svg"
        role="group"
        aria-labelledby={titleId}
        aria-describedby={descId}
      >
        <title id={titleId}>{t('mapTitle')}</title>
        <desc id={descId}>{t('mapDesc', { name: props.indicatorName, year: props.year })}</desc>
        <StatusPatterns idFor={pattern} />
        {projected.areas.map((area) => {
          const status = props.statuses.get(area.code);
          const name = lang === 'zh' ? area.name : area.nameEn;
          const label = `${name}${lang === 'zh' ? '：' : ': '}${status ? pick(STATUS_LABELS[status]) : t('notApplicable')}`;
          return (
            <a key={area.code} href={props.linkFor(area.code)} aria-label={label} class="map-link">
              <path
                d={area.d}
                fill-rule="evenodd"
                class={`map-area map-${status ?? 'none'}${area.code === props.selectedCode ? ' map-selected' : ''}`}
                style={status ? { fill: `url(#${pattern(status)})` } : undefined}
              >
                <title>{label}</title>
              </path>
            </a>
          );
        })}
      </svg>
      <figcaption>
        <ul class="map-legend">
          {STATUSES.map((s) => (
            <li key={s}>
              <svg class="swatch" viewBox="0 0 20 20" aria-hidden="true">
                <rect
                  x="1"
                  y="1"
                  width="18"
                  height="18"
                  class="map-area"
                  style={{ fill: `url(#${pattern(s)})` }}
                />
              </svg>
              {pick(STATUS_LABELS[s])}
            </li>
          ))}
        </ul>
        <p class="muted small">{t('mapSource')}</p>
      </figcaption>
    </figure>
  );
}

/** One fill pattern per status: the colour plus a texture, so colour is never the only cue. */
function StatusPatterns({ idFor }: { idFor: (s: Status) => string }) {
  return (
    <defs>
      <pattern id={idFor('achieved')} width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" class="fill-achieved" />
      </pattern>
      <pattern id={idFor('onTrack')} width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" class="fill-onTrack" />
        <circle cx="4" cy="4" r="1.3" class="ink" />
      </pattern>
      <pattern
        id={idFor('lagging')}
        width="8"
        height="8"
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(45)"
      >
        <rect width="8" height="8" class="fill-lagging" />
        <line x1="0" y1="0" x2="0" y2="8" class="ink-line" />
      </pattern>
      <pattern id={idFor('atRisk')} width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" class="fill-atRisk" />
        <path d="M0 0L8 8M8 0L0 8" class="ink-line" />
      </pattern>
      <pattern id={idFor('noData')} width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" class="fill-noData" />
      </pattern>
    </defs>
  );
}
