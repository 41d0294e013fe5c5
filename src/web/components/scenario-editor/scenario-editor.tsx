/**
 * One scenario: its changes in words, and for planners and admins a form to add a change or edit one,
 * and a button to remove one. Every save sends the whole list (PUT /api/scenarios/:id), which the API
 * keeps as a new revision; a refused save leaves the form as it was, with the problems beside the
 * fields.
 */
import { useState } from 'preact/hooks';
import type { FacilityType } from '../../../domain/resources/facility.ts';
import type { ScenarioChange, ScenarioView } from '../../../domain/scenarios/scenario.ts';
import type { ApiError } from '../../api.ts';
import { api, asApiError } from '../../api.ts';
import { useApp } from '../../app-context.ts';
import { ErrorMessage } from '../error-message.tsx';
import { ChangeForm } from './change-form.tsx';
import { ChangeList } from './change-list.tsx';

export function ScenarioEditor({
  scenario,
  mayWrite,
  type,
  onSaved,
}: {
  scenario: ScenarioView;
  mayWrite: boolean;
  /** The comparison's facility type (new facilities and searches start with it). */
  type: FacilityType;
  onSaved: () => void;
}) {
  const { t, pick } = useApp();
  const [editing, setEditing] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  // A new form after each save (its fields start empty again).
  const [formKey, setFormKey] = useState(0);
  const save = async (changes: unknown[]): Promise<boolean> => {
    setError(null);
    try {
      await api.put(`/api/scenarios/${scenario.id}`, { changes });
      onSaved();
      return true;
    } catch (err) {
      setError(asApiError(err, { zh: t('unexpectedError'), en: t('unexpectedError') }));
      return false;
    }
  };
  const replaceAt = (i: number, c: unknown) => scenario.changes.map((x, j): unknown => (j === i ? c : x));
  const done = () => {
    setEditing(null);
    setFormKey((k) => k + 1);
  };
  return (
    <>
      <ChangeList
        changes={scenario.changes}
        mayWrite={mayWrite}
        editing={editing}
        onEdit={(i) => {
          setError(null);
          setEditing(i);
        }}
        onRemove={(i) => {
          void save(scenario.changes.filter((_, j) => j !== i)).then((ok) => ok && done());
        }}
      />
      {error && (
        <div data-testid="scenario-save-error">
          <ErrorMessage error={error} />
          {error.problems.length > 0 && (
            <ul class="field-errors">
              {error.problems.map((p, i) => (
                <li key={i}>
                  <code>{p.field}</code> {pick(p)}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {mayWrite &&
        (editing !== null && scenario.changes[editing] ? (
          <ChangeForm
            key={`edit-${editing}-${scenario.revision}`}
            initial={scenario.changes[editing] as ScenarioChange}
            index={editing}
            type={type}
            error={error}
            onSubmit={(c) => void save(replaceAt(editing, c)).then((ok) => ok && done())}
            onCancel={done}
          />
        ) : (
          <ChangeForm
            key={`new-${formKey}`}
            index={scenario.changes.length}
            type={type}
            error={error}
            onSubmit={(c) => void save([...scenario.changes, c]).then((ok) => ok && done())}
          />
        ))}
    </>
  );
}
