#!/usr/bin/env node
// Run the database and API tests against a PostgreSQL server: create a fresh database for this run,
// point the tests at it (FUWU_TEST_DATABASE_URL), and drop it afterwards, pass or fail.
// The server defaults to the machine's PostgreSQL at 127.0.0.1:5432 (trust auth); override with
// FUWU_TEST_PG_URL (a URL of any database on the server, used to create and drop the test one).
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const adminUrl = process.env.FUWU_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `fuwu_test_${process.pid}_${Date.now()}`;

async function admin(sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

try {
  await admin(`CREATE DATABASE ${name}`);
} catch (e) {
  console.error(`error: cannot create a test database on ${adminUrl}: ${e.message}`);
  console.error('       start PostgreSQL or set FUWU_TEST_PG_URL.');
  process.exit(1);
}
const url = new URL(adminUrl);
url.pathname = `/${name}`;
console.log(`PostgreSQL tests in fresh database ${name}`);
const run = spawnSync('npx', ['vitest', 'run', '--project', 'db'], {
  stdio: 'inherit',
  env: { ...process.env, FUWU_TEST_DATABASE_URL: url.toString() },
});
await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((e) =>
  console.error(`warning: could not drop ${name}: ${e.message}`),
);
process.exit(run.status ?? 1);
