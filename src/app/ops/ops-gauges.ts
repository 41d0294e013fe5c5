/**
 * The few domain figures a scrape reads, one cheap query each: jobs by status, notice deliveries
 * waiting, cases by state. When the database does not answer only `dbUp: false` is reported, so a
 * scrape never waits on a dead database more than once.
 */
import { OpsRepository } from '../../store/repositories/ops.repository.ts';
import type { AppContext } from '../context.ts';
import { within } from './within.ts';

export interface OpsGauges {
  dbUp: boolean;
  jobsByStatus: { status: string; n: number }[];
  pendingDeliveries: number | null;
  casesByState: { state: string; n: number }[];
}

const SCRAPE_QUERY_MS = 2000;

export async function readOpsGauges(ctx: AppContext): Promise<OpsGauges> {
  const ops = new OpsRepository(ctx.db);
  const down: OpsGauges = { dbUp: false, jobsByStatus: [], pendingDeliveries: null, casesByState: [] };
  try {
    await within(SCRAPE_QUERY_MS, ops.ping(), 'SELECT 1');
  } catch {
    return down;
  }
  try {
    return {
      dbUp: true,
      jobsByStatus: await within(SCRAPE_QUERY_MS, ops.jobsByStatus(), 'jobs by status'),
      pendingDeliveries: await within(SCRAPE_QUERY_MS, ops.pendingDeliveries(), 'pending deliveries'),
      casesByState: await within(SCRAPE_QUERY_MS, ops.casesByState(), 'cases by state'),
    };
  } catch {
    return { ...down, dbUp: true };
  }
}
