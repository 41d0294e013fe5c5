/**
 * The walking network (步行路网): the current one (source file, nodes, edges, length, SHA-256) for
 * everyone, and for an admin the import of an OpenStreetMap extract (.osm or .osm.pbf) as a
 * background job (POST /api/network/import) with its progress by stage and the resulting network.
 * Without a network, coverage is a straight-line approximation, and this says so.
 */
import { useEffect, useState } from 'preact/hooks';
import type { JobView } from '../../domain/shared/job-view.ts';
import type { ApiError } from '../api.ts';
import { api, asApiError } from '../api.ts';
import { useApp } from '../app-context.ts';
import type { MessageKey } from '../i18n.ts';
import { formatDateTime, formatNumber } from '../format.ts';
import { useApi } from '../use-api.ts';
import { useJob } from '../use-job.ts';
import { ErrorMessage } from './error-message.tsx';
import { JobProgress } from './job-progress.tsx';

/** What GET /api/network sends (the fields shown here). */
export interface NetworkMetaView {
  sha256: string;
  source: string;
  builtAt: string;
  speedMps: number;
  stats: { nodes: number; edges: number; totalLengthMetres: number; walkableWays: number; ways: number };
}

const STAGES: Record<string, MessageKey> = {
  readingWays: 'networkStageReadingWays',
  readingNodes: 'networkStageReadingNodes',
  buildingGraph: 'networkStageBuildingGraph',
  reordering: 'networkStageReordering',
  saving: 'networkStageSaving',
};

export function NetworkSection() {
  const { t, user } = useApp();
  const current = useApi<NetworkMetaView | null>('/api/network');
  return (
    <section aria-labelledby="network-heading" data-testid="network-section">
      <h2 id="network-heading">{t('networkTitle')}</h2>
      {current.error && <ErrorMessage error={current.error} onRetry={current.reload} />}
      {current.data === null && <p data-testid="network-none">{t('networkNone')}</p>}
      {current.data && <NetworkStats meta={current.data} />}
      {user.role === 'admin' && <NetworkImportForm onImported={current.reload} />}
    </section>
  );
}

function NetworkStats({ meta }: { meta: NetworkMetaView }) {
  const { t, lang } = useApp();
  const rows: Array<[MessageKey, string]> = [
    ['networkSource', meta.source],
    ['networkNodes', formatNumber(meta.stats.nodes, lang)],
    ['networkEdges', formatNumber(meta.stats.edges, lang)],
    ['networkLength', formatNumber(Math.round(meta.stats.totalLengthMetres / 100) / 10, lang)],
    ['networkBuiltAt', formatDateTime(meta.builtAt, lang)],
    ['networkSha', meta.sha256],
  ];
  return (
    <dl class="definition" data-testid="network-stats">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{t(label)}</dt>
          <dd
            class={label === 'networkSha' ? 'small' : undefined}
            style={label === 'networkSha' ? { overflowWrap: 'anywhere' } : undefined}
          >
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function NetworkImportForm({ onImported }: { onImported: () => void }) {
  const { t } = useApp();
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [startError, setStartError] = useState<ApiError | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const { job, error: jobError } = useJob<NetworkMetaView>(jobId);
  const running = busy || (job !== null && (job.status === 'queued' || job.status === 'running'));

  useEffect(() => {
    if (job?.status === 'succeeded') onImported();
  }, [job?.status]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setStartError(null);
    if (!file) {
      setMissing(true);
      return;
    }
    setMissing(false);
    const body = new FormData();
    body.append('file', file, file.name);
    setBusy(true);
    try {
      const started = await api.post<JobView>('/api/network/import', body);
      setJobId(started.id);
    } catch (err) {
      setStartError(asApiError(err, { zh: t('unexpectedError'), en: t('unexpectedError') }));
    } finally {
      setBusy(false);
    }
  };
  const stageLabel = (stage: string) => (stage in STAGES ? t(STAGES[stage]!) : stage);
  const result = job?.status === 'succeeded' ? job.result : null;

  return (
    <form class="form" onSubmit={submit} noValidate aria-labelledby="network-import-heading">
      <h3 id="network-import-heading">{t('networkImportTitle')}</h3>
      <p id="network-import-help" class="hint">
        {t('networkImportIntro')}
      </p>
      <div class={`field${missing ? ' field-invalid' : ''}`}>
        <label for="network-import-file">{t('networkImportFile')}</label>
        <input
          id="network-import-file"
          type="file"
          accept=".osm,.pbf,application/xml,application/octet-stream"
          aria-describedby={missing ? 'network-import-help network-import-file-error' : 'network-import-help'}
          aria-invalid={missing || undefined}
          onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
        />
        {missing && (
          <p id="network-import-file-error" class="field-errors">
            {t('importChooseFile')}
          </p>
        )}
      </div>
      <div class="buttons">
        <button type="submit" class="primary" disabled={running} data-testid="network-import-submit">
          {running ? t('networkImporting') : t('networkImportButton')}
        </button>
      </div>
      {startError && <ErrorMessage error={startError} />}
      {jobError && <ErrorMessage error={jobError} />}
      {job && <JobProgress job={job} stageLabel={stageLabel} />}
      {result && (
        <p class="message message-ok" role="status" data-testid="network-imported">
          {t('networkImported', { nodes: result.stats.nodes, edges: result.stats.edges })}
        </p>
      )}
    </form>
  );
}
