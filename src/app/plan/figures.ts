/** Observations and judgements from storage, as the domain's evaluation inputs. */
import type { Judgement, Observation } from '../../domain/plan/evaluate.ts';
import type { Db } from '../../store/db.ts';
import type { ObservationFilter } from '../../store/repositories/observation.repository.ts';
import { ObservationRepository } from '../../store/repositories/observation.repository.ts';

export interface Figures {
  observations: Observation[];
  judgements: Judgement[];
}

export async function loadFigures(
  db: Db,
  filter: Pick<ObservationFilter, 'indicatorCode' | 'areaCode' | 'maxYear'> = {},
): Promise<Figures> {
  const repo = new ObservationRepository(db);
  const [obs, juds] = await Promise.all([repo.list(filter), repo.listJudgements(filter)]);
  return {
    observations: obs.map((o) => ({
      indicatorCode: o.indicatorCode,
      areaCode: o.areaCode,
      year: o.year,
      value: o.value,
      source: o.source,
      sample: o.sample,
    })),
    judgements: juds.map((j) => ({
      indicatorCode: j.indicatorCode,
      areaCode: j.areaCode,
      year: j.year,
      status: j.status,
      reason: j.reason,
      sample: j.sample,
    })),
  };
}
