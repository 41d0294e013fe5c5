/**
 * 附近服务 (#/nearby, issue 6 §4): a resident picks a place (by name, by the device's location, by
 * coordinates or a click on the map) and sees the public services within a walk of it, by type,
 * nearest first, with how the minutes were computed. Open without an account; nothing is stored.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { NearbyServicesView } from '../../domain/resources/nearby-view.ts';
import type { ApiError } from '../api.ts';
import { api, asApiError, withQuery } from '../api.ts';
import { NearbyList } from '../components/nearby/nearby-list.tsx';
import { NearbyMap } from '../components/nearby/nearby-map.tsx';
import type { ChosenPoint } from '../components/nearby/place-picker.tsx';
import { PlacePicker } from '../components/nearby/place-picker.tsx';
import { useEntitlementsUi } from '../entitlements-ui.ts';
import type { BoundaryCollection } from '../map-projection.ts';
import type { Route } from '../router.ts';
import { useDocumentTitle } from '../use-document-title.ts';

const MINUTE_CHOICES = [5, 10, 15, 20, 30] as const;

export function NearbyPage(_props: { route: Route }) {
  const { t, lang } = useEntitlementsUi();
  useDocumentTitle(t('nearbyTitle'));
  const [point, setPoint] = useState<ChosenPoint | null>(null);
  const [minutes, setMinutes] = useState(15);
  const [view, setView] = useState<NearbyServicesView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [boundaries, setBoundaries] = useState<BoundaryCollection | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    api.get<BoundaryCollection>('/api/nearby/boundaries').then(setBoundaries, () => setBoundaries(null));
  }, []);

  useEffect(() => {
    if (!point) return;
    const id = ++latest.current;
    api.get<NearbyServicesView>(withQuery('/api/nearby', { lon: point.lon, lat: point.lat, minutes })).then(
      (v) => {
        if (id !== latest.current) return;
        setView(v);
        setError(null);
      },
      (err: unknown) => {
        if (id !== latest.current) return;
        setView(null);
        setError(asApiError(err, { zh: String(err), en: String(err) }));
      },
    );
  }, [point, minutes]);

  const pickOnMap = (lon: number, lat: number) =>
    setPoint({ lon, lat, label: `${t('nbMapPoint')} (${lon.toFixed(5)}, ${lat.toFixed(5)})` });

  return (
    <div class="nearby-page">
      <h1>{t('nearbyTitle')}</h1>
      <p>{t('nbIntro', { minutes })}</p>
      <div class="nearby-layout">
        <div class="nearby-side">
          <PlacePicker onChoose={setPoint} />
          <p class="nearby-minutes-choice">
            <label for="nearby-minutes">{t('nbMinutes')}</label>{' '}
            <select
              id="nearby-minutes"
              value={String(minutes)}
              onChange={(e) => setMinutes(Number((e.target as HTMLSelectElement).value))}
            >
              {MINUTE_CHOICES.map((m) => (
                <option key={m} value={String(m)}>
                  {t('nbMinutesOption', { n: m })}
                </option>
              ))}
            </select>
          </p>
          {error && (
            <p class="message message-error" role="alert">
              {lang === 'zh' ? error.zh : error.en}
            </p>
          )}
          {!point && !error && <p class="muted">{t('nbChoosePrompt')}</p>}
          {view && point && <NearbyList view={view} placeLabel={point.label} />}
        </div>
        {boundaries && (
          <div class="nearby-map-wrap">
            <p id="nearby-map-hint" class="muted">
              {t('nbMapHint')}
            </p>
            <NearbyMap
              boundaries={boundaries}
              point={point}
              view={view}
              onPick={pickOnMap}
              describe={(name, m) => `${name} · ${t('nbWalkMinutes', { n: m })}`}
              label={t('nbMapLabel')}
              describedBy="nearby-map-hint"
            />
          </div>
        )}
      </div>
    </div>
  );
}
