/**
 * "加入情景 / Add to a scenario" under a finished siting run: the proposed sites become added
 * facilities (with the run's median capacity) in a new scenario or an existing one, and a link opens
 * the comparison with today.
 */
import { useState } from 'preact/hooks';
import type { FacilityType } from '../../domain/resources/facility.ts';
import type { ScenarioView } from '../../domain/scenarios/scenario.ts';
import type { ApiError } from '../api.ts';
import { api, asApiError } from '../api.ts';
import { useApp } from '../app-context.ts';
import { useApi } from '../use-api.ts';
import { ErrorMessage } from './error-message.tsx';

export function ScenarioAccept({ jobId, type }: { jobId: string; type: FacilityType }) {
  const { t } = useApp();
  const list = useApi<ScenarioView[]>('/api/scenarios');
  const [target, setTarget] = useState('');
  const [done, setDone] = useState<ScenarioView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const accept = async () => {
    setError(null);
    setBusy(true);
    try {
      const s = await api.post<ScenarioView>('/api/scenarios/from-siting', {
        jobId,
        ...(target ? { scenarioId: Number(target) } : {}),
      });
      setDone(s);
      list.reload();
    } catch (err) {
      setError(asApiError(err, { zh: t('unexpectedError'), en: t('unexpectedError') }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="toolbar scenario-accept" data-testid="scenario-accept">
      <div class="field field-inline">
        <label for="accept-target">{t('scenariosListCaption')}</label>
        <select id="accept-target" value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
          <option value="">{t('scenarioCreate')}</option>
          {(list.data ?? []).map((s) => (
            <option key={s.id} value={String(s.id)}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <button type="button" onClick={() => void accept()} disabled={busy}>
        {t('sitingAddToScenario')}
      </button>
      {done && (
        <p role="status">
          {t('sitingAddedToScenario', { name: done.name })}
          <a href={`#/resources/scenarios?id=${done.id}&with=baseline&type=${type}`}>
            {t('sitingOpenScenario')}
          </a>
        </p>
      )}
      {error && <ErrorMessage error={error} />}
    </div>
  );
}
