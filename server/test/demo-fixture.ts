/**
 * The seeded demo county for tests, made once per dialect per test run and cloned per test file.
 *
 * Seeding the whole county (all modules' demo data) costs 10–60 s per dialect; a dozen test files each seeding their
 * own would dominate the suite. The first file that asks claims the seeding (an atomic mkdir in the run directory
 * that `demo-fixture.setup.ts` provides), the others wait for it. Copies are independent: SQLite files get an
 * in-memory image (`sqlite::memory:` deserialised from the seeded file), PostgreSQL files get their own database made
 * with `CREATE DATABASE … TEMPLATE`. The seeded content is exactly what `seedDemoCounty` writes with the default seed
 * and the fixed seeding time below, so counts and figures are the same as a test seeding it itself.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { inject } from 'vitest';
import { testPostgresUrl } from '../config.ts';
import { createDatabase, migrateToLatest } from '../db/database.ts';
import type { DialectName } from '../db/dialect.ts';
import { createFieldCipher, type FieldCipher } from '../platform/crypto.ts';
import { generatePassword, hashPassword } from '../platform/password.ts';
import { seedDemoCounty, type SeedResult } from '../modules/demo/demo.seeder.ts';
import type { TestDatabase } from './test-db.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    demoFixtureDir: string;
  }
}

/** The seeding time every demo fixture uses (created_at columns; business dates come from the 2016 timeline). */
export const DEMO_FIXTURE_NOW = '2026-11-26T08:00:00.000Z';

export type DemoDatabase = TestDatabase & { cipher: FieldCipher; seeded: SeedResult; counts: Record<string, number> };

type Ready = { keyHex: string; seeded: SeedResult; image: string };

/** This test run's directory for shared fixtures (removed by the global teardown). */
export function runDir(): string {
  let dir: string | undefined;
  try {
    dir = inject('demoFixtureDir');
  } catch {
    dir = undefined;
  }
  // Outside the vitest run (or a project without the global setup): one directory per parent process.
  dir ??= path.join(os.tmpdir(), `bellwether-demo-${process.ppid}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** The PostgreSQL URL with another database name. */
export function postgresUrlFor(database: string): string {
  const base = testPostgresUrl();
  if (!base) throw new Error('PostgreSQL test requested but PG_URL is not set (required when CI=true)');
  const u = new URL(base);
  u.pathname = `/${database}`;
  return u.toString();
}

async function adminQuery(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: testPostgresUrl()! });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

function templateName(dir: string): string {
  return `bw_demo_${path.basename(dir).replace(/[^a-z0-9]/gi, '').toLowerCase().slice(-24)}`;
}

async function seedTemplate(dialect: DialectName, dir: string): Promise<Ready> {
  const key = randomBytes(32);
  const cipher = createFieldCipher(key);
  const deps = (db: TestDatabase['db']) => ({ db, cipher, now: () => new Date(DEMO_FIXTURE_NOW), hashPassword, generatePassword });
  if (dialect === 'sqlite') {
    const file = path.join(dir, 'demo-template.sqlite');
    fs.rmSync(file, { force: true });
    const handle = createDatabase(`sqlite:${file}`);
    try {
      await migrateToLatest(handle.db);
      const seeded = await seedDemoCounty(deps(handle.db));
      return { keyHex: key.toString('hex'), seeded, image: file };
    } finally {
      await handle.destroy();
      // Fold the WAL into the main file so the image is complete on its own.
      const raw = new Database(file);
      raw.pragma('journal_mode = DELETE');
      raw.close();
    }
  }
  const name = templateName(dir);
  await adminQuery(`drop database if exists ${name}`);
  await adminQuery(`create database ${name}`);
  const handle = createDatabase(postgresUrlFor(name), { poolSize: 4 });
  try {
    await migrateToLatest(handle.db);
    const seeded = await seedDemoCounty(deps(handle.db));
    return { keyHex: key.toString('hex'), seeded, image: name };
  } finally {
    await handle.destroy();
  }
}

async function readyTemplate(dialect: DialectName): Promise<Ready> {
  const dir = runDir();
  const readyFile = path.join(dir, `ready-${dialect}.json`);
  const failedFile = path.join(dir, `failed-${dialect}.txt`);
  let claimed = false;
  try {
    fs.mkdirSync(path.join(dir, `claim-${dialect}`));
    claimed = true;
  } catch {
    claimed = false;
  }
  if (claimed) {
    try {
      const ready = await seedTemplate(dialect, dir);
      fs.writeFileSync(`${readyFile}.tmp`, JSON.stringify(ready));
      fs.renameSync(`${readyFile}.tmp`, readyFile);
      return ready;
    } catch (e) {
      fs.writeFileSync(failedFile, e instanceof Error ? (e.stack ?? e.message) : String(e));
      throw e;
    }
  }
  const deadline = Date.now() + 15 * 60_000;
  while (Date.now() < deadline) {
    if (fs.existsSync(readyFile)) return JSON.parse(fs.readFileSync(readyFile, 'utf8')) as Ready;
    if (fs.existsSync(failedFile)) throw new Error(`seeding the demo fixture on ${dialect} failed in another test file:\n${fs.readFileSync(failedFile, 'utf8')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for the demo fixture on ${dialect} (${dir})`);
}

/** A private copy of the seeded demo county on `dialect`; `cleanup()` drops it. */
export async function openDemoDatabase(dialect: DialectName): Promise<DemoDatabase> {
  const ready = await readyTemplate(dialect);
  const cipher = createFieldCipher(Buffer.from(ready.keyHex, 'hex'));
  const seeded = structuredClone(ready.seeded);
  if (dialect === 'sqlite') {
    const handle = createDatabase('sqlite::memory:', { sqliteImage: fs.readFileSync(ready.image) });
    return { ...handle, cipher, seeded, counts: seeded.counts, cleanup: () => handle.destroy() };
  }
  const copy = `${ready.image}_${randomBytes(5).toString('hex')}`;
  await adminQuery(`create database ${copy} template ${ready.image}`);
  const handle = createDatabase(postgresUrlFor(copy), { poolSize: 4 });
  return {
    ...handle,
    cipher,
    seeded,
    counts: seeded.counts,
    cleanup: async () => {
      await handle.destroy();
      await adminQuery(`drop database if exists ${copy}`);
    },
  };
}

/**
 * Copies the seeded SQLite demo database to `file` (a data directory's `bellwether.sqlite`) and returns its master key
 * in the form of BELLWETHER_MASTER_KEY, for tests of start-up, backup and restore that need a full county on disk.
 */
export async function copyDemoSqliteFile(file: string): Promise<{ masterKey: string; seeded: SeedResult }> {
  const ready = await readyTemplate('sqlite');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.copyFileSync(ready.image, file);
  return { masterKey: Buffer.from(ready.keyHex, 'hex').toString('base64'), seeded: structuredClone(ready.seeded) };
}

/** Global teardown: the run directory and every PostgreSQL database made from it. */
export async function removeDemoFixtures(dir: string): Promise<void> {
  fs.rmSync(dir, { recursive: true, force: true });
  if (!testPostgresUrl()) return;
  const c = new pg.Client({ connectionString: testPostgresUrl()! });
  try {
    await c.connect();
    const prefix = templateName(dir);
    const { rows } = await c.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`${prefix}%`]);
    for (const r of rows) await c.query(`drop database if exists ${r.datname} with (force)`);
  } catch {
    // PostgreSQL unreachable: nothing of ours can be there.
  } finally {
    await c.end().catch(() => undefined);
  }
}
