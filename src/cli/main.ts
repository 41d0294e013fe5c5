/**
 * The fuwu command line: start the server, validate or load a plan pack, import observations,
 * write a review document, load or remove sample data. Run `fuwu help` for the list.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SYSTEM_ACTOR } from '../app/audit.ts';
import { importObservations } from '../app/plan/import-observations.ts';
import { renderReviewDocument } from '../app/plan/get-review.ts';
import { importNetwork } from '../app/resources/import-network.ts';
import { loadSampleData, removeSampleData } from '../app/plan/sample-data.ts';
import { loadSyntheticResources, removeSyntheticResources } from '../app/resources/synthetic-resources.ts';
import { escalateCases } from '../app/cases/escalate-cases.ts';
import { configuredChannels } from '../app/notices/channels.ts';
import { dispatchNotices } from '../app/notices/dispatch-notices.ts';
import { FuwuError } from '../domain/shared/errors.ts';
import { loadPackFromDir } from '../store/pack/pack-loader.ts';
import { readConfig } from './config.ts';
import { auditVerify } from './audit-verify.ts';
import { backupCommand, restoreCommand } from './backup.ts';
import { openPlatform } from './platform.ts';
import { serve } from './serve.ts';
import { runWorker } from './worker.ts';

const WEB_DIR = fileURLToPath(new URL('../../dist/web', import.meta.url));

const HELP = `fuwu (服务): public services by the five-year plan

Usage: fuwu <command> [options]

  serve                              start the platform (web + API); prints the address
  worker                             run queued jobs only (PostgreSQL: any number of these share the queue)
  pack validate [dir]                check a plan pack against the schema (default: the Chengdu pack)
  pack load [dir]                    load a plan pack into the database (keeps revisions of changes)
  observations import <file.csv|xlsx> import observations (all rows or none)
  review <annual|midTerm|final> [--year Y] [--format docx|xlsx] [--out file]
                                     write a review document
  sample-data <load|remove>          load or remove the generated 示例数据 (figures)
  synthetic-resources <load|remove>  generate or remove 示例 facilities and residential points
  network import <file.osm|.osm.pbf> import the walking network from an OpenStreetMap extract
  cases escalate [--date YYYY-MM-DD] record the escalations of near-deadline and overdue cases (each once)
  notices dispatch                   send the notices due now (in-app; SMS when FUWU_SMS_GATEWAY_URL is set)
  audit verify                       check the audit log's hash chain: head hash, or the first broken
                                     entry and why (exit 2)
  backup <file>                      write a backup of the whole database (gzip; either engine restores it)
  restore <file>                     restore a backup into an empty database (new data folder, or an
                                     empty DATABASE_URL); all or nothing, the file's checksum verified
  help                               this text

Configuration (environment): PORT (8080), HOST (127.0.0.1), FUWU_DATA_DIR (./.data),
DATABASE_URL (PostgreSQL instead of the embedded database), FUWU_PACK_DIR, FUWU_ADMIN_PASSWORD,
FUWU_SAMPLE_DATA=1, FUWU_TRAJECTORY (linear|growthRate), FUWU_ESCALATION_MINUTES (60),
FUWU_SMS_GATEWAY_URL, FUWU_NOTICE_SECONDS (30),
FUWU_LOG_LEVEL (info), FUWU_METRICS_TOKEN, FUWU_SHUTDOWN_SECONDS (20), FUWU_WORKERS (1),
FUWU_JOB_LEASE_SECONDS (60).`;

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      year: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      date: { type: 'string' },
    },
  });
  const [command, sub, arg] = positionals;
  const config = readConfig();
  switch (command) {
    case 'serve':
      return serve(config, WEB_DIR);
    case 'worker':
      return runWorker(config);
    case 'pack': {
      if (sub === 'validate') {
        const pack = await loadPackFromDir(resolve(arg ?? config.packDir));
        console.log(
          `OK ${pack.meta.id}@${pack.meta.version}: ${pack.indicators.length} indicators (${pack.indicators.filter((i) => i.headline).length} headline), ${pack.norms.length} norms, ${pack.areas.length} areas; sha256 ${pack.contentHash}`,
        );
        return;
      }
      if (sub === 'load') {
        const p = await openPlatform(
          { ...config, packDir: resolve(arg ?? config.packDir) },
          { bootstrap: false },
        );
        const pack = p.pack!; // opened with the pack loaded
        console.log(
          pack.changed
            ? `loaded ${pack.id}@${pack.version}: +${pack.added} ~${pack.updated} -${pack.removed}`
            : `${pack.id}@${pack.version} already active`,
        );
        return p.close();
      }
      break;
    }
    case 'observations': {
      if (sub !== 'import' || !arg) break;
      const p = await openPlatform(config, { bootstrap: false });
      try {
        const r = await importObservations(p.ctx, SYSTEM_ACTOR, {
          name: basename(arg),
          bytes: await readFile(arg),
        });
        console.log(`imported ${r.rows} rows: ${r.created} new, ${r.updated} corrected`);
      } finally {
        await p.close();
      }
      return;
    }
    case 'review': {
      if (!sub) break;
      const format = values.format ?? 'docx';
      if (format !== 'docx' && format !== 'xlsx')
        throw new FuwuError('invalid_input', '--format 须为 docx 或 xlsx', '--format must be docx or xlsx');
      const p = await openPlatform(config, { bootstrap: false });
      try {
        const doc = await renderReviewDocument(
          p.ctx,
          SYSTEM_ACTOR,
          { kind: sub, year: values.year ? Number(values.year) : undefined },
          format,
        );
        const out = values.out ?? doc.fileName;
        await writeFile(out, doc.bytes);
        console.log(`wrote ${out}`);
      } finally {
        await p.close();
      }
      return;
    }
    case 'sample-data': {
      if (sub !== 'load' && sub !== 'remove') break;
      const p = await openPlatform(config, { bootstrap: false });
      try {
        const r =
          sub === 'load'
            ? await loadSampleData(p.ctx, SYSTEM_ACTOR)
            : await removeSampleData(p.ctx, SYSTEM_ACTOR);
        console.log(JSON.stringify(r));
      } finally {
        await p.close();
      }
      return;
    }
    case 'network': {
      if (sub !== 'import' || !arg) break;
      const p = await openPlatform(config, { bootstrap: false });
      try {
        const meta = await importNetwork(p.ctx, SYSTEM_ACTOR, resolve(arg));
        console.log(
          `network ${meta.source}: ${meta.stats.nodes} nodes, ${meta.stats.edges} edges; sha256 ${meta.sha256}`,
        );
      } finally {
        await p.close();
      }
      return;
    }
    case 'synthetic-resources': {
      if (sub !== 'load' && sub !== 'remove') break;
      const p = await openPlatform(config, { bootstrap: false });
      try {
        const r =
          sub === 'load'
            ? await loadSyntheticResources(p.ctx, SYSTEM_ACTOR)
            : await removeSyntheticResources(p.ctx, SYSTEM_ACTOR);
        console.log(JSON.stringify(r));
      } finally {
        await p.close();
      }
      return;
    }
    case 'cases': {
      if (sub !== 'escalate') break;
      const p = await openPlatform(config, { bootstrap: false });
      try {
        const r = await escalateCases(p.ctx, values.date);
        console.log(
          `escalation check ${r.onDate}${r.workingDay ? '' : ' (not a working day: none raised)'}: ${r.scanned} cases, ${r.near} new near-deadline reminders, ${r.overdue} new overdue escalations`,
        );
      } finally {
        await p.close();
      }
      return;
    }
    case 'backup':
    case 'restore': {
      if (!sub)
        throw new FuwuError('invalid_input', `${command}：缺少文件名`, `${command}: the file is missing`, [
          { field: 'file', zh: '缺少文件名', en: 'missing' },
        ]);
      return command === 'backup' ? backupCommand(config, sub) : restoreCommand(config, sub);
    }
    case 'audit': {
      if (sub !== 'verify') break;
      process.exitCode = await auditVerify(config);
      return;
    }
    case 'notices': {
      if (sub !== 'dispatch') break;
      const p = await openPlatform(config, { bootstrap: false });
      try {
        const r = await dispatchNotices(p.ctx, { channels: configuredChannels(config) });
        console.log(JSON.stringify(r));
      } finally {
        await p.close();
      }
      return;
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(HELP);
      return;
  }
  throw new FuwuError(
    'invalid_input',
    `未知命令：${positionals.join(' ')}`,
    `unknown command: ${positionals.join(' ')}\n\n${HELP}`,
  );
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof FuwuError) {
    console.error(`错误：${e.zh}\nerror: ${e.message}`);
    for (const p of e.problems.slice(0, 50))
      console.error(`  ${p.row ? `row ${p.row} ` : ''}${p.field}: ${p.zh} / ${p.en}`);
    if (e.problems.length > 50) console.error(`  … ${e.problems.length - 50} more`);
  } else {
    console.error(e);
  }
  process.exit(1);
});
