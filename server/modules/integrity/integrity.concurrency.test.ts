/**
 * The double sign-off race (SECURITY.md §9 case 24, §10): separate OS processes, each with its own database
 * connection, sign the same conclusions through the real service at the same moment:
 *
 * - 黄花镇: two processes of the Party secretary race for the SECRETARY slot and two of the discipline secretary
 *   for the DISCIPLINE slot on every conclusion;
 * - 江背镇: one person holds BOTH posts; one process signs as secretary while another signs as discipline secretary.
 *
 * Whatever the interleaving, the result can never hold two signatures for one role, one person in both roles, or a
 * DOUBLE_SIGNED conclusion without both signatures; every signature has exactly one ledger event and the ledger
 * verifies. SQLite: one WAL file shared by the processes; PostgreSQL: one schema shared by the processes.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { testPostgresUrl } from '../../config.ts';
import { createDatabase, migrateToLatest, type DatabaseHandle } from '../../db/database.ts';
import { createFieldCipher } from '../../platform/crypto.ts';
import { verifyLedgerChain } from '../../platform/ledger/index.ts';
import { buildTestWorld } from '../../test/factories.ts';
import { TEST_DIALECTS } from '../../test/test-db.ts';
import { buildIntegrityFixture, insertDraftConclusion } from './testdata/integrity-fixtures.ts';

const WORKER = path.resolve(import.meta.dirname, 'testdata/sign-worker.ts');
const ROOT = path.resolve(import.meta.dirname, '../../..');
const N = 20;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-integrity-race-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Worker = { name: string; ready: Promise<void>; done: Promise<Record<string, number>>; child: ReturnType<typeof spawn> };

function startWorker(name: string, url: string, schema: string, username: string, role: string, items: string[], key: string): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, url, schema, username, role, items.join(',')], { cwd: ROOT, env: { ...process.env, BW_TEST_KEY: key }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => out.includes('ready') && resolve());
    child.on('exit', () => reject(new Error(`worker ${name} exited early: ${err}`)));
  });
  const done = new Promise<Record<string, number>>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.split('\n').filter(Boolean).pop()!) as Record<string, number>) : reject(new Error(`worker ${name} failed (${code}): ${err}`)))),
  );
  return { name, ready, done, child };
}

async function race(handle: DatabaseHandle, url: string, schema: string): Promise<void> {
  const key = randomBytes(32);
  const cipher = createFieldCipher(key);
  await migrateToLatest(handle.db);
  const world = await buildTestWorld(handle.db, cipher);
  const fx = await buildIntegrityFixture(handle.db, cipher, world);
  const hh: { id: string; contentHash: string }[] = [];
  const jb: { id: string; contentHash: string }[] = [];
  for (let i = 0; i < N; i++) {
    hh.push(await insertDraftConclusion(handle.db, cipher, fx.people.staff[i % 4]!, fx.party.hhParty.id));
    jb.push(await insertDraftConclusion(handle.db, cipher, world.people.siblingTownPerson, fx.party.jbParty.id));
  }
  const items = (list: typeof hh) => list.map((c) => `${c.id}:${c.contentHash}`);
  const hex = key.toString('hex');
  const workers = [
    startWorker('sec-1', url, schema, 'townsec', 'SECRETARY', items(hh), hex),
    startWorker('sec-2', url, schema, 'townsec', 'SECRETARY', items(hh), hex),
    startWorker('disc-1', url, schema, 'hh.disc', 'DISCIPLINE', items(hh), hex),
    startWorker('disc-2', url, schema, 'hh.disc', 'DISCIPLINE', items(hh), hex),
    startWorker('dual-sec', url, schema, 'jb.dual', 'SECRETARY', items(jb), hex),
    startWorker('dual-disc', url, schema, 'jb.dual', 'DISCIPLINE', items(jb), hex),
  ];
  await Promise.all(workers.map((w) => w.ready));
  for (const w of workers) w.child.stdin!.write('go\n');
  const results = Object.fromEntries(await Promise.all(workers.map(async (w) => [w.name, await w.done] as const)));
  const signed = (name: string) => results[name]!.signed ?? 0;
  // every failure is a refused transition (409), never a crash or a constraint error leaking out
  for (const r of Object.values(results)) expect(Object.keys(r).every((k) => k === 'signed' || k === 'ILLEGAL_TRANSITION')).toBe(true);
  expect(signed('sec-1') + signed('sec-2')).toBe(N);
  expect(signed('disc-1') + signed('disc-2')).toBe(N);
  expect(signed('dual-sec') + signed('dual-disc')).toBe(N);

  const rows = await handle.db.selectFrom('integrity_conclusion').select(['id', 'status']).execute();
  const sigs = await handle.db.selectFrom('integrity_signature').selectAll().execute();
  for (const c of rows) {
    const mine = sigs.filter((s) => s.conclusion_id === c.id);
    const roles = mine.map((s) => s.signer_role).sort();
    expect(new Set(roles).size).toBe(roles.length); // never two signatures for one role
    expect(new Set(mine.map((s) => s.signer_person_id)).size).toBe(mine.length); // never one person in both roles
    const expected = roles.length === 2 ? 'DOUBLE_SIGNED' : roles.length === 0 ? 'DRAFT' : roles[0] === 'SECRETARY' ? 'SIGNED_BY_SECRETARY' : 'SIGNED_BY_DISCIPLINE';
    expect(c.status).toBe(expected); // DOUBLE_SIGNED ⇔ both signatures
  }
  expect(rows.filter((r) => hh.some((h) => h.id === r.id)).every((r) => r.status === 'DOUBLE_SIGNED')).toBe(true);
  expect(sigs.filter((s) => jb.some((j) => j.id === s.conclusion_id))).toHaveLength(N);
  const events = await handle.db.selectFrom('ledger_event').select(['object_id', 'payload']).where('action', '=', 'integrity.signed').execute();
  expect(events).toHaveLength(sigs.length);
  expect(new Set(events.map((e) => `${e.object_id}/${(JSON.parse(e.payload) as { role: string }).role}`)).size).toBe(sigs.length);
  expect((await verifyLedgerChain(handle.db)).ok).toBe(true);
}

describe('integrity double sign-off race', () => {
  it.runIf(TEST_DIALECTS.includes('sqlite'))('sqlite: 6 processes on one WAL file', async () => {
    const file = path.join(tmp, 'race.sqlite');
    const handle = createDatabase(`sqlite:${file}`);
    try {
      await race(handle, `sqlite:${file}`, '-');
    } finally {
      await handle.destroy();
    }
  }, 180_000);

  it.runIf(TEST_DIALECTS.includes('postgres'))('postgres: 6 processes on one schema', async () => {
    const url = testPostgresUrl()!;
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const handle = createDatabase(url, { schema, poolSize: 2 });
    try {
      await race(handle, url, schema);
    } finally {
      await handle.destroy();
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    }
  }, 180_000);
});
