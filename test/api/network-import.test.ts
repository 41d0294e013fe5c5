/**
 * Network import over HTTP (issue 3 §2): the .osm.pbf fixture uploaded as multipart, the job
 * followed to success, the network shown by GET /api/network and used by coverage; a broken file
 * fails its job and leaves the network; only an admin may import.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.ts';
import { waitForJob } from '../../src/app/jobs/jobs.ts';
import { addGridChildcare, testPoint } from '../support/residential-fixtures.ts';
import { readOsmNetworkFile } from '../../src/store/network/osm-file.ts';
import { writeNetworkFile } from '../../src/store/network/network-file.ts';
import { ResidentialPointRepository } from '../../src/store/repositories/residential-point.repository.ts';
import { syntheticGridOsm } from '../fixtures/osm/synthetic-grid.ts';
import type { TestPlatform } from '../support/test-db.ts';
import {
  ADMIN_PASSWORD,
  USER_PASSWORD,
  countOf,
  createUserAs,
  engineName,
  openTestPlatform,
} from '../support/test-db.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/osm/${name}`, import.meta.url));
const PBF = readFileSync(fixture('small-grid.osm.pbf'));

interface Session {
  cookie: string;
  csrf: string;
}

describe(`network import over the API (${engineName()})`, () => {
  let p: TestPlatform;
  let app: FastifyInstance;
  let dir: string;
  let admin: Session;

  async function signIn(username: string, password: string): Promise<Session> {
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'fuwu_session');
    return { cookie: `fuwu_session=${cookie?.value}`, csrf: res.json<{ csrfToken: string }>().csrfToken };
  }

  const get = (s: Session, url: string) => app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });

  function upload(s: Session, fileName: string, content: Uint8Array): Promise<LightMyRequestResponse> {
    const boundary = `----fuwu-test-${Math.random().toString(16).slice(2)}`;
    const head =
      `--${boundary}\r\n` +
      `Content-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n';
    return app.inject({
      method: 'POST',
      url: '/api/network/import',
      headers: {
        cookie: s.cookie,
        'x-fuwu-csrf': s.csrf,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: Buffer.concat([
        Buffer.from(head),
        Buffer.from(content),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
  }

  /** Waits for the job to finish (it runs in this process), then reads it through GET /api/jobs/:id. */
  async function finished(s: Session, id: string) {
    await waitForJob(p.ctx, id);
    const res = await get(s, `/api/jobs/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  beforeAll(async () => {
    p = await openTestPlatform();
    dir = mkdtempSync(join(tmpdir(), 'fuwu-network-api-'));
    p.ctx.networkDir = dir;
    app = await buildServer(p.ctx);
    admin = await signIn('admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await p?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports the .osm.pbf fixture as a job, then coverage walks over it', async () => {
    expect((await get(admin, '/api/network')).json()).toBeNull();
    await new ResidentialPointRepository(p.db).insertMany([testPoint('r16', 104.063, 30.653)]);
    await addGridChildcare(p);

    const res = await upload(admin, 'small-grid.osm.pbf', PBF);
    expect(res.statusCode, res.body).toBe(202);
    const queued = res.json();
    expect(queued).toMatchObject({
      kind: 'network.import',
      // Pinned to this process (the upload is on its disk): running from the start.
      status: 'running',
      params: { source: 'small-grid.osm.pbf', format: 'pbf', bytes: PBF.length },
    });

    const job = await finished(admin, queued.id);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(job.progress).toEqual({ stage: 'saving', done: 1, total: 1 });
    // The same network as the XML it was made from.
    const fromXml = await readOsmNetworkFile(fixture('small-grid.osm'), { reorder: true });
    const xmlHash = writeNetworkFile(join(dir, 'xml.fwnet'), fromXml.graph).sha256;
    expect(job.result).toMatchObject({
      sha256: xmlHash,
      source: 'small-grid.osm.pbf',
      stats: { nodes: 18, edges: 20 },
    });

    const meta = (await get(admin, '/api/network')).json();
    expect(meta).toMatchObject({ sha256: xmlHash, source: 'small-grid.osm.pbf', stats: { nodes: 18 } });
    expect(await countOf(p.db, "SELECT count(*) AS n FROM audit_log WHERE action = 'network.import'")).toBe(
      1,
    );

    const coverage = await get(admin, '/api/coverage?type=childcare');
    expect(coverage.statusCode, coverage.body).toBe(200);
    expect(coverage.json()).toMatchObject({
      method: 'network',
      approximation: null,
      network: { sha256: xmlHash, source: 'small-grid.osm.pbf' },
      report: { all: { population: 100, covered: 100 } },
    });
  });

  it('fails the job of a truncated file and keeps the network; refuses a file that is not OSM at once', async () => {
    const before = (await get(admin, '/api/network')).json();
    const res = await upload(admin, 'cut.osm.pbf', PBF.subarray(0, PBF.length - 20));
    expect(res.statusCode, res.body).toBe(202);
    const job = await finished(admin, res.json().id);
    expect(job.status).toBe('failed');
    expect(job.error).toMatchObject({ code: 'import_rejected' });
    expect(job.error.en).toMatch(/truncated/);
    expect(job.error.zh).toMatch(/截断/);
    expect((await get(admin, '/api/network')).json()).toEqual(before);

    const notOsm = await upload(admin, 'notes.osm', new TextEncoder().encode('hello'));
    expect(notOsm.statusCode).toBe(422);
    expect(notOsm.json()).toMatchObject({ code: 'import_rejected' });
    // No upload is left behind.
    expect(readdirSafe(join(dir, 'incoming'))).toEqual([]);
  });

  it('takes .osm XML larger than the 10 MiB limit of other imports, to the network of its .osm.pbf', async () => {
    const padding = `<!-- ${'填充 padding '.repeat(1_000_000)} -->\n`;
    const xml = new TextEncoder().encode(syntheticGridOsm().replace('</osm>', `${padding}</osm>`));
    expect(xml.length).toBeGreaterThan(12 * 1024 * 1024);
    const res = await upload(admin, 'grid.osm', xml);
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json().params).toMatchObject({ format: 'xml', bytes: xml.length });
    const job = await finished(admin, res.json().id);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    const fromPbf = await readOsmNetworkFile(fixture('synthetic-grid.osm.pbf'), { reorder: true });
    expect(job.result.sha256).toBe(writeNetworkFile(join(dir, 'pbf.fwnet'), fromPbf.graph).sha256);
    expect(job.result.stats).toEqual(fromPbf.stats);
  });

  it('lets only an admin import; anyone signed in may see the network', async () => {
    await createUserAs(p.ctx, p.admin, { username: 'planner1', role: 'planner' });
    const planner = await signIn('planner1', USER_PASSWORD);
    expect((await upload(planner, 'small-grid.osm.pbf', PBF)).statusCode).toBe(403);
    expect((await get(planner, '/api/network')).json()).toMatchObject({ source: 'grid.osm' });
    expect((await app.inject({ method: 'GET', url: '/api/network' })).statusCode).toBe(401);
  });
});

function readdirSafe(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}
