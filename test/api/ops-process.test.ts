/**
 * `fuwu serve` as an operator runs it, stopped with SIGTERM while requests are in flight: a request
 * already being received completes, readiness says 503 on a connection already open, new connections
 * are refused, the process exits 0, every log line is JSON with the documented fields (and no
 * secrets), and a second start on the same PGlite folder works (the lock was released).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FuwuServer } from '../support/fuwu-process.ts';
import { serveFuwu } from '../support/fuwu-process.ts';
import { httpSession } from '../support/http-session.ts';

const ADMIN_PASSWORD = 'ops-process-admin-password';

/** `fuwu serve` on the folder with the request log on and time to finish what is in flight. */
async function serve(dataDir: string): Promise<FuwuServer & { port: number }> {
  const served = await serveFuwu({
    env: {
      FUWU_DATA_DIR: dataDir,
      FUWU_ADMIN_PASSWORD: ADMIN_PASSWORD,
      DATABASE_URL: '',
      FUWU_LOG_LEVEL: 'info',
      FUWU_SHUTDOWN_SECONDS: '20',
    },
  });
  return { ...served, port: Number(new URL(served.url).port) };
}

/** A raw connection, so a request can be sent in parts and its answer read whole. */
function rawConnection(port: number): Promise<{ socket: Socket; response: Promise<string> }> {
  return new Promise((ok, fail) => {
    const socket = connect(port, '127.0.0.1', () => {
      let data = '';
      socket.setEncoding('utf8').on('data', (c: string) => (data += c));
      const response = new Promise<string>((done) => socket.once('close', () => done(data)));
      ok({ socket, response });
    });
    socket.once('error', fail);
  });
}

const statusOf = (raw: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1]);
const bodyOf = (raw: string) => raw.slice(raw.indexOf('\r\n\r\n') + 4);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, test: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

describe('fuwu serve: graceful SIGTERM (PGlite)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fuwu-ops-'));
  const running: FuwuServer[] = [];
  afterAll(async () => {
    for (const s of running) await s.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes the request in flight, says 503 when asked, exits 0, logs JSON, and starts again', async () => {
    const first = await serve(dataDir);
    running.push(first);
    const ready = await fetch(`${first.url}/api/ready`, { headers: { 'x-request-id': 'probe-1' } });
    expect(ready.status).toBe(200);
    expect(ready.headers.get('x-request-id')).toBe('probe-1');

    // A sign-in whose body is still arriving when the stop comes.
    const body = JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD });
    const signIn = await rawConnection(first.port);
    signIn.socket.write(
      'POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: held-sign-in\r\nCookie: fuwu_session=not-a-real-one\r\n\r\n` +
        body.slice(0, 10),
    );
    // A readiness probe whose headers are still arriving.
    const probe = await rawConnection(first.port);
    probe.socket.write('GET /api/ready HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    await sleep(300);

    first.child.kill('SIGTERM');
    await until('the shutdown to begin', () => first.stdout().includes('"shutdown begun"'));

    probe.socket.write('X-Request-Id: late-probe\r\n\r\n');
    const probeAnswer = await probe.response;
    expect(statusOf(probeAnswer), probeAnswer).toBe(503);
    const probeBody = JSON.parse(bodyOf(probeAnswer)) as { en: string; zh: string };
    expect(probeBody.en).toBe('not ready: the server is shutting down');
    expect(probeBody.zh).toBe('未就绪：服务正在停止');

    // No new connections once the stop has begun.
    await expect(fetch(`${first.url}/api/health`)).rejects.toThrow();

    signIn.socket.write(body.slice(10));
    const signInAnswer = await signIn.response;
    expect(statusOf(signInAnswer), signInAnswer).toBe(200);
    expect(signInAnswer).toMatch(/set-cookie: fuwu_session=/i);

    expect(await first.exited).toBe(0);

    // Every log line is one JSON object; the request lines carry the documented fields.
    const jsonLines = first
      .stdout()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    const logs = jsonLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = logs.filter((l) => l.msg === 'request');
    const held = requests.find((l) => l.reqId === 'held-sign-in');
    expect(held).toMatchObject({ method: 'POST', route: '/api/session', status: 200, level: 30 });
    expect(typeof held?.durationMs).toBe('number');
    expect(typeof held?.time).toBe('string');
    expect(held).toHaveProperty('userId');
    expect(held).toHaveProperty('role');
    expect(requests.find((l) => l.reqId === 'probe-1')).toMatchObject({
      method: 'GET',
      route: '/api/ready',
      status: 200,
      userId: null,
      role: null,
    });
    expect(requests.find((l) => l.reqId === 'late-probe')).toMatchObject({
      route: '/api/ready',
      status: 503,
    });
    expect(logs.some((l) => l.msg === 'escalation run' && l.timer === 'escalation')).toBe(true);
    expect(logs.find((l) => l.msg === 'shutdown done')).toMatchObject({
      requestsCutOff: false,
      jobsCutOff: false,
    });
    const all = jsonLines.join('\n');
    expect(all).not.toContain(ADMIN_PASSWORD);
    expect(all).not.toContain('not-a-real-one');

    // The same folder opens again: the lock was released and the data kept.
    const second = await serve(dataDir);
    running.push(second);
    expect((await fetch(`${second.url}/api/ready`)).status).toBe(200);
    const again = await httpSession(second, 'admin', ADMIN_PASSWORD); // fails unless 200
    expect(again.cookie).toMatch(/(^|; )fuwu_session=/);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  }, 600_000);
});
