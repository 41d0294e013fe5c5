/**
 * Scenarios (情景, `#/resources/scenarios?id=&with=&type=`): the list and a new scenario's name; for the
 * chosen one, its changes with the editor (components/scenario-editor) for planners and admins, and
 * its comparison with today or another scenario (components/scenario-comparison.tsx), computed again
 * after every save.
 */
import { useState } from 'preact/hooks';
import type { ScenarioView } from '../../domain/scenarios/scenario.ts';
import type { ApiError } from '../api.ts';
import { api, asApiError } from '../api.ts';
import { useApp } from '../app-context.ts';
import { ResourcesNav } from '../components/district-select.tsx';
import { ErrorMessage, Loading } from '../components/error-message.tsx';
import { ScenarioComparisonView, comparedType } from '../components/scenario-comparison.tsx';
import { ScenarioEditor } from '../components/scenario-editor/scenario-editor.tsx';
import type { Route } from '../router.ts';
import { replaceQuery } from '../router.ts';
import { useApi } from '../use-api.ts';
import { useDocumentTitle } from '../use-document-title.ts';

export function ScenariosPage({ route }: { route: Route }) {
  const { t, user } = useApp();
  useDocumentTitle(t('scenariosTitle'));
  const list = useApi<ScenarioView[]>('/api/scenarios');
  const mayWrite = user.role === 'admin' || user.role === 'planner';
  const selected = Number(route.query.get('id')) || null;
  const [name, setName] = useState('');
  const [createError, setCreateError] = useState<ApiError | null>(null);

  const create = async (e: Event) => {
    e.preventDefault();
    setCreateError(null);
    try {
      const s = await api.post<ScenarioView>('/api/scenarios', { name, changes: [] });
      setName('');
      list.reload();
      replaceQuery(route, { id: s.id });
    } catch (err) {
      setCreateError(asApiError(err, { zh: t('unexpectedError'), en: t('unexpectedError') }));
    }
  };

  return (
    <>
      <h1>{t('scenariosTitle')}</h1>
      <ResourcesNav current="scenarios" />
      <p>{t('scenariosIntro')}</p>
      {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <Loading />}
      {list.data && (
        <div class="table-wrap">
          <table data-testid="scenario-list">
            <caption>{t('scenariosListCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('scenarioName')}</th>
                <th scope="col" class="num">
                  {t('scenarioChanges')}
                </th>
                <th scope="col" class="num">
                  {t('scenarioRevision')}
                </th>
                <th scope="col">{t('scenarioUpdatedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.length === 0 && (
                <tr>
                  <td colSpan={4}>{t('scenariosNone')}</td>
                </tr>
              )}
              {list.data.map((s) => (
                <tr key={s.id} aria-current={s.id === selected ? 'true' : undefined}>
                  <td>
                    <a href={`#/resources/scenarios?id=${s.id}`}>{s.name}</a>
                  </td>
                  <td class="num">{s.changes.length}</td>
                  <td class="num">{s.revision}</td>
                  <td>{s.updatedBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mayWrite && (
        <form class="form form-inline" onSubmit={create} noValidate>
          <div class="field field-inline">
            <label for="scenario-new-name">{t('scenarioNewName')}</label>
            <input id="scenario-new-name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </div>
          <button type="submit">{t('scenarioCreate')}</button>
        </form>
      )}
      {createError && <ErrorMessage error={createError} />}
      {selected !== null && list.data && (
        <ScenarioDetail
          key={selected}
          id={selected}
          route={route}
          others={list.data.filter((s) => s.id !== selected)}
          mayWrite={mayWrite}
          onSaved={list.reload}
        />
      )}
    </>
  );
}

function ScenarioDetail({
  id,
  route,
  others,
  mayWrite,
  onSaved,
}: {
  id: number;
  route: Route;
  others: ScenarioView[];
  mayWrite: boolean;
  onSaved: () => void;
}) {
  const { t } = useApp();
  const scenario = useApi<ScenarioView>(`/api/scenarios/${id}`);
  if (scenario.error) return <ErrorMessage error={scenario.error} onRetry={scenario.reload} />;
  if (!scenario.data) return <Loading />;
  const s = scenario.data;
  return (
    <section aria-labelledby="scenario-heading" data-testid="scenario-detail">
      <h2 id="scenario-heading">{t('scenarioHeading', { name: s.name })}</h2>
      {s.description && <p>{s.description}</p>}
      <ScenarioEditor
        scenario={s}
        mayWrite={mayWrite}
        type={comparedType(route)}
        onSaved={() => {
          scenario.reload();
          onSaved();
        }}
      />
      {/* A new revision compares again. */}
      <ScenarioComparisonView
        key={s.revision}
        id={id}
        changes={s.changes.length}
        route={route}
        others={others}
      />
    </section>
  );
}
