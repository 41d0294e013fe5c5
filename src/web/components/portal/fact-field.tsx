/**
 * One fact of the application form, typed as the fact registry says (number, date, yes/no, a choice;
 * the district from the pack's areas), labelled with the registry's label and question. A value the
 * government holds is prefilled and said to be so; the applicant may correct it, and the correction
 * is shown next to the held value, with a way back.
 */
import type { FactKey } from '../../../domain/entitlements/facts.ts';
import { FACTS } from '../../../domain/entitlements/facts.ts';
import type { Problem } from '../../api.ts';
import { useApp } from '../../app-context.ts';
import { factValueText } from '../cases/case-format.ts';
import { enumValueLabel, factQuestion, factUnit } from '../fact-words.ts';
import { Field } from '../field.tsx';
import { SampleTag } from '../sample-tag.tsx';
import { DISTRICT_FACT, provenanceOf, toInputText } from './apply-model.ts';

export interface FactFieldProps {
  fact: FactKey;
  text: string;
  /** The value the records hold (undefined: none held). */
  held: unknown;
  /** The held values are synthetic (示例). */
  synthetic: boolean;
  required: boolean;
  problems: Problem[];
  messages: string[];
  onChange: (text: string) => void;
}

export function fieldId(fact: FactKey): string {
  return `pt-fact-${fact.replace(/\./g, '-')}`;
}

export function FactField(props: FactFieldProps) {
  const { t, lang, meta } = useApp();
  const def = FACTS[props.fact];
  const id = fieldId(props.fact);
  const held = props.held !== undefined && props.held !== null ? props.held : undefined;
  const provenance = held === undefined ? 'entered' : provenanceOf(held, props.text);
  const unit = factUnit(props.fact, lang);
  const label = `${lang === 'zh' ? def.label : def.labelEn}${unit ? (lang === 'zh' ? `（${unit}）` : ` (${unit})`) : ''}`;
  const hint = factQuestion(props.fact, lang);
  const districts = meta.areas.filter((a) => a.kind !== 'city');
  const onInput = (e: Event) =>
    props.onChange((e.currentTarget as HTMLInputElement | HTMLSelectElement).value);
  const unknownLabel = props.required ? t('ptChoose') : t('ptNotSure');
  return (
    <div class={`pt-fact-field pt-${provenance}`} data-fact={props.fact} data-provenance={provenance}>
      <Field
        id={id}
        label={label}
        hint={hint}
        required={props.required}
        problems={props.problems}
        messages={props.messages}
      >
        {(aria) => {
          if (props.fact === DISTRICT_FACT)
            return (
              <select {...aria} value={props.text} onChange={onInput}>
                <option value="">{unknownLabel}</option>
                {districts.map((a) => (
                  <option key={a.code} value={a.code}>
                    {lang === 'zh' ? a.name : a.nameEn}
                  </option>
                ))}
              </select>
            );
          if (def.type === 'boolean')
            return (
              <select {...aria} value={props.text} onChange={onInput}>
                <option value="">{unknownLabel}</option>
                <option value="true">{t('scYes')}</option>
                <option value="false">{t('scNo')}</option>
              </select>
            );
          if (def.type === 'enum')
            return (
              <select {...aria} value={props.text} onChange={onInput}>
                <option value="">{unknownLabel}</option>
                {(def.values ?? []).map((v) => (
                  <option key={v} value={v}>
                    {enumValueLabel(props.fact, v, lang)}
                  </option>
                ))}
              </select>
            );
          return (
            <input
              {...aria}
              type={def.type === 'date' ? 'date' : 'number'}
              min={def.type === 'number' ? 0 : undefined}
              step={def.type === 'number' ? 'any' : undefined}
              inputMode={def.type === 'number' ? 'decimal' : undefined}
              value={props.text}
              onInput={onInput}
            />
          );
        }}
      </Field>
      {held !== undefined && (
        <p class="pt-provenance">
          {provenance === 'held' ? (
            <>
              <span class="pt-held-mark">{t('ptHeldMark')}</span> {props.synthetic && <SampleTag />}
            </>
          ) : (
            <>
              <strong class="pt-corrected-mark">
                {t('ptCorrected', { value: factValueText(props.fact, held, meta.areas, lang) })}
              </strong>{' '}
              <button
                type="button"
                onClick={() => props.onChange(toInputText(held))}
                aria-label={t('ptRestoreOne', { fact: label })}
              >
                {t('ptRestore')}
              </button>
            </>
          )}
        </p>
      )}
    </div>
  );
}
