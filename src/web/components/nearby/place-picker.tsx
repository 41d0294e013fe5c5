/**
 * The ways a resident sets the starting point without a geocoder: search a community or township by
 * name, use the device's location (when allowed), or type coordinates (the keyboard path of a map
 * click). Each calls `onChoose` with the point and a name to show.
 */
import { useState } from 'preact/hooks';
import type { ApiError } from '../../api.ts';
import { api, asApiError, withQuery } from '../../api.ts';
import { useEntitlementsUi } from '../../entitlements-ui.ts';

export interface NearbyPlace {
  code: string;
  kind: 'community' | 'township';
  name: string;
  district: string | null;
  lon: number;
  lat: number;
  synthetic: boolean;
}

export interface ChosenPoint {
  lon: number;
  lat: number;
  label: string;
}

export function PlacePicker({ onChoose }: { onChoose: (p: ChosenPoint) => void }) {
  const { t, lang } = useEntitlementsUi();
  const [q, setQ] = useState('');
  const [searched, setSearched] = useState('');
  const [places, setPlaces] = useState<NearbyPlace[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [locating, setLocating] = useState(false);
  const [locationFailed, setLocationFailed] = useState(false);
  const [lon, setLon] = useState('');
  const [lat, setLat] = useState('');

  const search = (e: Event) => {
    e.preventDefault();
    const text = q.trim();
    setSearched(text);
    api.get<{ places: NearbyPlace[] }>(withQuery('/api/nearby/places', { q: text })).then(
      (r) => {
        setPlaces(r.places);
        setError(null);
      },
      (err: unknown) => {
        setPlaces(null);
        setError(asApiError(err, { zh: String(err), en: String(err) }));
      },
    );
  };

  const locate = () => {
    setLocationFailed(false);
    if (!('geolocation' in navigator)) {
      setLocationFailed(true);
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        onChoose({ lon: pos.coords.longitude, lat: pos.coords.latitude, label: t('nbMyLocation') });
      },
      () => {
        setLocating(false);
        setLocationFailed(true);
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const useCoordinates = (e: Event) => {
    e.preventDefault();
    onChoose({ lon: Number(lon), lat: Number(lat), label: `${lon.trim()}, ${lat.trim()}` });
  };

  const placeLabel = (p: NearbyPlace) =>
    [p.name, p.district, t(p.kind === 'community' ? 'nbKindCommunity' : 'nbKindTownship')]
      .filter(Boolean)
      .join(' · ');

  return (
    <section class="nearby-picker" aria-labelledby="nearby-where">
      <h2 id="nearby-where">{t('nbWhere')}</h2>
      <form class="nearby-search" role="search" onSubmit={search}>
        <label for="nearby-q">{t('nbSearchLabel')}</label>
        <p id="nearby-q-hint" class="muted">
          {t('nbSearchHint')}
        </p>
        <div class="nearby-search-row">
          <input
            id="nearby-q"
            type="search"
            value={q}
            maxLength={40}
            aria-describedby="nearby-q-hint"
            onInput={(e) => setQ((e.target as HTMLInputElement).value)}
          />
          <button type="submit">{t('nbSearch')}</button>
        </div>
      </form>
      {error && (
        <p class="message message-error" role="alert">
          {lang === 'zh' ? error.zh : error.en}
        </p>
      )}
      <div aria-live="polite">
        {places && places.length === 0 && <p>{t('nbNoPlaces', { q: searched })}</p>}
        {places && places.length > 0 && (
          <>
            <p>{t('nbPlacesFound', { n: places.length })}</p>
            <ul class="nearby-places">
              {places.map((p) => (
                <li key={p.code}>
                  <button
                    type="button"
                    class="nearby-place"
                    data-code={p.code}
                    onClick={() => onChoose({ lon: p.lon, lat: p.lat, label: p.name })}
                  >
                    {placeLabel(p)}
                    {p.synthetic && (
                      <>
                        {' '}
                        <abbr class="sample-tag" title={t('sampleTagTitle')}>
                          {t('sampleTag')}
                        </abbr>
                      </>
                    )}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <p class="nearby-locate">
        <button type="button" onClick={locate} disabled={locating}>
          {locating ? t('nbLocating') : t('nbUseLocation')}
        </button>
      </p>
      {locationFailed && (
        <p class="message message-error" role="alert">
          {t('nbLocationDenied')}
        </p>
      )}
      <details class="nearby-coordinates">
        <summary>{t('nbCoordinates')}</summary>
        <form onSubmit={useCoordinates}>
          <label for="nearby-lon">{t('nbLon')}</label>
          <input
            id="nearby-lon"
            inputMode="decimal"
            value={lon}
            onInput={(e) => setLon((e.target as HTMLInputElement).value)}
          />
          <label for="nearby-lat">{t('nbLat')}</label>
          <input
            id="nearby-lat"
            inputMode="decimal"
            value={lat}
            onInput={(e) => setLat((e.target as HTMLInputElement).value)}
          />
          <button type="submit">{t('nbUseCoordinates')}</button>
        </form>
      </details>
    </section>
  );
}
