/**
 * The application form (issue 6 §1): the facts the service's rule reads, typed and labelled by the
 * fact registry, and always the district of residence; what the government holds is prefilled and
 * may be corrected (visibly); a file input for each required material. The entitlement check runs
 * as the form changes and says plainly whether the applicant is likely to qualify and why.
 * Submitting uses one idempotency key per form, so a double click or a retry makes one case; then
 * the files are uploaded (a retry sends only those not yet stored) and the case page opens.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { FactKey } from '../../../domain/entitlements/facts.ts';
import type { CatalogItem, CheckResult } from '../../../domain/entitlements/views.ts';
import type { ApiError, Problem } from '../../api.ts';
import { api, asApiError } from '../../api.ts';
import { useApp } from '../../app-context.ts';
import { href } from '../../router.ts';
import type { CaseSummary } from '../cases/case-types.ts';
import {
  DISTRICT_FACT,
  factsToSend,
  fileProblem,
  newIdempotencyKey,
  parseFactText,
  toInputText,
} from './apply-model.ts';
import type { ProfileView } from './case-model.ts';
import { FactField, fieldId } from './fact-field.tsx';
import type { Evaluated } from './likely-outcome.tsx';
import { LikelyOutcome } from './likely-outcome.tsx';
import { MaterialFiles, materialInputId } from './material-files.tsx';
import { PledgeSigning } from './pledge-signing.tsx';
import { uploadAttachment } from './upload.ts';

export function ApplyForm(props: { item: CatalogItem; keys: FactKey[]; profile: ProfileView }) {
  const { t, pick } = useApp();
  const service = props.item.service;
  const held = props.profile.facts ?? {};
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(props.keys.map((k) => [k, toInputText(held[k])])),
  );
  const [files, setFiles] = useState<Map<string, File>>(new Map());
  /** The pledge (告知承诺书) ticked: only offered where the service allows pledge-based approval. */
  const [pledge, setPledge] = useState(false);
  const [evaluation, setEvaluation] = useState<Evaluated | null>(null);
  const [checking, setChecking] = useState(true);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [uploadErrors, setUploadErrors] = useState<Map<string, string>>(new Map());
  const [progress, setProgress] = useState('');
  /** The case made, when its files could not all be uploaded (the resident may open it or retry). */
  const [madeCase, setMadeCase] = useState<string | null>(null);
  /** One key per form, reused on every retry: the server returns the same case. */
  const idempotencyKey = useRef(newIdempotencyKey(crypto));
  const sending = useRef(false);
  /** Materials already stored on the case (a retry after a failed upload sends only the rest). */
  const uploaded = useRef(new Set<string>());
  const latestCheck = useRef(0);

  // The likely outcome follows the form (a short pause so typing does not send every key).
  useEffect(() => {
    const id = ++latestCheck.current;
    setChecking(true);
    const timer = setTimeout(() => {
      api
        .post<CheckResult>('/api/entitlements/check', {
          facts: factsToSend(props.keys, texts),
          services: [service.code],
        })
        .then(
          (r) => {
            if (id !== latestCheck.current) return;
            setEvaluation(r.evaluations[0] ?? null);
            setChecking(false);
          },
          () => {
            if (id === latestCheck.current) setChecking(false);
          },
        );
    }, 250);
    return () => clearTimeout(timer);
  }, [texts, props.keys, service.code]);

  const setText = (fact: FactKey, text: string) => {
    setTexts((prev) => ({ ...prev, [fact]: text }));
    setLocal((prev) => {
      const next = { ...prev };
      delete next[fact];
      return next;
    });
  };
  const chooseFile = (material: string, file: File | null) => {
    setFiles((prev) => {
      const next = new Map(prev);
      if (file) next.set(material, file);
      else next.delete(material);
      return next;
    });
    setUploadErrors((prev) => {
      const next = new Map(prev);
      next.delete(material);
      return next;
    });
  };

  /** The browser's own checks; returns the id of the first field in error (to focus). */
  const checkLocally = (): string | null => {
    const problems: Record<string, string> = {};
    for (const k of props.keys) {
      const p = parseFactText(k, texts[k] ?? '');
      if (!p.ok)
        problems[k] = t(
          p.problem === 'number' ? 'ptNeedNumber' : p.problem === 'date' ? 'ptNeedDate' : 'ptNeedChoice',
        );
      else if (k === DISTRICT_FACT && p.value === null) problems[k] = t('ptNeedDistrict');
    }
    setLocal(problems);
    const firstFact = props.keys.find((k) => problems[k]);
    if (firstFact) return fieldId(firstFact);
    const badFile = service.requiredMaterials.findIndex((m) => {
      const f = files.get(m);
      return f !== undefined && fileProblem(f) !== null;
    });
    return badFile >= 0 ? materialInputId(badFile) : null;
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (sending.current) return; // a second click while the first is on its way
    setFailure(null);
    const first = checkLocally();
    if (first) {
      document.getElementById(first)?.focus();
      return;
    }
    sending.current = true;
    setBusy(true);
    try {
      setProgress(t('ptSending'));
      const r = await api.post<{ case: CaseSummary; created: boolean }>('/api/applications', {
        serviceCode: service.code,
        facts: factsToSend(props.keys, texts),
        idempotencyKey: idempotencyKey.current,
        ...(service.pledgeAllowed && pledge ? { pledge: true } : {}),
      });
      const caseId = r.case.id;
      const errors = new Map<string, string>();
      for (const m of service.requiredMaterials) {
        const f = files.get(m);
        if (!f || uploaded.current.has(m)) continue;
        setProgress(t('ptUploading', { name: f.name }));
        try {
          await uploadAttachment(caseId, f, m);
          uploaded.current.add(m);
        } catch (err) {
          const ae = asApiError(err, { zh: String(err), en: String(err) });
          errors.set(m, pick(ae));
        }
      }
      setUploadErrors(errors);
      if (errors.size > 0) {
        setMadeCase(caseId);
        setProgress(t('ptUploadFailed', { id: caseId }));
        return;
      }
      location.hash = href(`/portal/cases/${encodeURIComponent(caseId)}`, { submitted: 1 });
    } catch (err) {
      setProgress('');
      setFailure(asApiError(err, { zh: String(err), en: String(err) }));
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  const problemsFor = (fact: string): Problem[] => failure?.problemsFor(`facts.${fact}`) ?? [];
  const otherProblems = failure?.problems.filter((p) => !p.field.startsWith('facts.')) ?? [];
  const anyHeld = props.keys.some((k) => held[k] !== undefined && held[k] !== null);

  return (
    <form class="pt-form" onSubmit={(e) => void submit(e)} noValidate>
      <section class="card" aria-labelledby="pt-about-h">
        <h2 id="pt-about-h">{t('ptAboutService')}</h2>
        <dl class="pt-about">
          <dt>{t('catContent')}</dt>
          <dd>{service.content}</dd>
          <dt>{t('catLead')}</dt>
          <dd>{service.leadDepartment}</dd>
          {service.deadlineWorkingDays !== null && (
            <>
              <dt>{t('ptDecisionWithin')}</dt>
              <dd>{t('ptWorkingDays', { n: service.deadlineWorkingDays })}</dd>
            </>
          )}
        </dl>
        {service.applicationNeeded === false && (
          <p class="message message-info">{t('ptNoApplicationNeeded')}</p>
        )}
      </section>

      <section class="card" aria-labelledby="pt-form-h">
        <h2 id="pt-form-h">{t('ptYourFacts')}</h2>
        <p class="hint">{anyHeld ? t('ptFactsIntroHeld') : t('ptFactsIntro')}</p>
        {props.keys.map((k) => (
          <FactField
            key={k}
            fact={k}
            text={texts[k] ?? ''}
            held={held[k]}
            synthetic={props.profile.synthetic}
            required={k === DISTRICT_FACT}
            problems={problemsFor(k)}
            messages={local[k] ? [local[k]] : []}
            onChange={(v) => setText(k, v)}
          />
        ))}
      </section>

      <section class="card" aria-labelledby="pt-materials-h">
        <h2 id="pt-materials-h">{t('catMaterials')}</h2>
        <MaterialFiles
          materials={service.requiredMaterials}
          chosen={files}
          uploadErrors={uploadErrors}
          onChoose={chooseFile}
        />
      </section>

      {service.pledgeAllowed && <PledgeSigning signed={pledge} onChange={setPledge} />}

      <LikelyOutcome evaluation={evaluation} checking={checking} />

      {failure && (
        <div class="message message-error" role="alert">
          <p>{pick(failure)}</p>
          {otherProblems.length > 0 && (
            <ul>
              {otherProblems.map((p, i) => (
                <li key={i}>{pick(p)}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <p class="pt-progress" role="status">
        {progress}
      </p>
      {madeCase && (
        <p>
          <a href={href(`/portal/cases/${encodeURIComponent(madeCase)}`)}>
            {t('ptOpenCase', { id: madeCase })}
          </a>
        </p>
      )}
      <div class="pt-submit">
        <button type="submit" class="primary big-button" disabled={busy} data-testid="pt-submit">
          {uploadErrors.size > 0 ? t('ptRetryUpload') : t('ptSubmit')}
        </button>
        <span class="hint">{t('ptSubmitHint')}</span>
      </div>
    </form>
  );
}
