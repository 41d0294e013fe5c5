/**
 * The file a job produced (a rendered report), for whoever may see the job: its creator or an admin.
 * Another's job and a job with no file yet are both "not found".
 */
import type { Actor } from '../../domain/identity/roles.ts';
import { FuwuError } from '../../domain/shared/errors.ts';
import type { JobOutput } from '../../store/repositories/job-output.repository.ts';
import { JobOutputRepository } from '../../store/repositories/job-output.repository.ts';
import type { AppContext } from '../context.ts';
import { getJob } from './jobs.ts';

export type { JobOutput };

export async function getJobOutput(ctx: AppContext, actor: Actor, id: string): Promise<JobOutput> {
  await getJob(ctx, actor, id); // the permission and who may see the job
  const output = await new JobOutputRepository(ctx.db).find(id);
  if (!output)
    throw new FuwuError('not_found', `任务 ${id} 尚无输出文件`, `job ${id} has no output file (yet)`);
  return output;
}
