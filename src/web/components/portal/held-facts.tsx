/**
 * 政府部门已掌握的信息: the facts the records hold about the resident (GET /api/my/profile), each by
 * its registry label, marked 示例 when they come from the synthetic population, with their source.
 */
import { useApp } from '../../app-context.ts';
import { SampleTag } from '../sample-tag.tsx';
import { groupFacts } from '../cases/case-format.ts';
import type { ProfileView } from './case-model.ts';

export function HeldFacts({ profile }: { profile: ProfileView }) {
  const { t, lang, meta } = useApp();
  const idLine = profile.idNumber ? (
    <p data-testid="pt-id-number">
      {t('myIdNumber')}：{profile.idNumber}
    </p>
  ) : null;
  if (!profile.facts || !profile.personId)
    return (
      <>
        {idLine}
        <p class="muted">{t('ptNoProfile')}</p>
      </>
    );
  const groups = groupFacts(profile.facts, meta.areas, lang);
  const s = profile.source;
  return (
    <div class="pt-held" data-testid="pt-held-facts">
      <p>
        {t('ptHeldIntro', { id: profile.personId })} {profile.synthetic && <SampleTag />}
      </p>
      {idLine}
      {s && (
        <p class="hint">
          {s.kind === 'syntheticPopulation'
            ? t('ptSourceSynthetic', {
                snapshot: s.snapshotId ?? '—',
                date: s.onDate ?? '—',
                size: s.size ?? '—',
              })
            : s.kind}
        </p>
      )}
      {groups.map((g) => (
        <dl key={g.group} class="pt-facts">
          {g.lines.map((l) => (
            <div key={l.key} class="pt-fact">
              <dt>{l.label}</dt>
              <dd>{l.value}</dd>
            </div>
          ))}
        </dl>
      ))}
    </div>
  );
}
