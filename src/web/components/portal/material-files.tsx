/**
 * The required materials of a service, each with a file input (JPEG, PNG or PDF up to 5 MiB; the
 * browser checks first, the server decides). A wrong file is named at once, beside its input.
 */
import { useApp } from '../../app-context.ts';
import { ACCEPT_ATTRIBUTE, fileProblem } from './apply-model.ts';

export interface ChosenFile {
  material: string;
  file: File;
}

export function materialInputId(index: number): string {
  return `pt-material-${index}`;
}

export function MaterialFiles(props: {
  materials: readonly string[];
  chosen: ReadonlyMap<string, File>;
  /** Problems the server reported for a material's upload. */
  uploadErrors: ReadonlyMap<string, string>;
  onChoose: (material: string, file: File | null) => void;
}) {
  const { t } = useApp();
  if (props.materials.length === 0) return <p class="muted">{t('ptNoMaterials')}</p>;
  return (
    <ul class="pt-materials">
      {props.materials.map((m, i) => {
        const id = materialInputId(i);
        const file = props.chosen.get(m);
        const local = file ? fileProblem(file) : null;
        const message = local
          ? t(local === 'type' ? 'ptFileType' : local === 'size' ? 'ptFileSize' : 'ptFileEmpty')
          : (props.uploadErrors.get(m) ?? null);
        return (
          <li key={m} class={`field${message ? ' field-invalid' : ''}`}>
            <label for={id}>
              {m}
              <span class="muted">{t('optional')}</span>
            </label>
            <p id={`${id}-hint`} class="hint">
              {t('ptFileHint')}
            </p>
            <input
              id={id}
              type="file"
              accept={ACCEPT_ATTRIBUTE}
              data-material={m}
              aria-describedby={`${id}-hint${message ? ` ${id}-error` : ''}`}
              aria-invalid={message ? true : undefined}
              onChange={(e) => props.onChoose(m, e.currentTarget.files?.[0] ?? null)}
            />
            {message && (
              <p id={`${id}-error`} class="field-errors" role="alert">
                {message}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
