/**
 * Sequence numbers stay contiguous and the chain valid under concurrent writers, including rolled-back appends:
 * SQLite with 3 processes (each its own connection to one WAL file), PostgreSQL with parallel transactions on a pool.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, inTransaction, migrateToLatest } from '../../db/database.ts';
import { createTestDatabase, TEST_DIALECTS } from '../../test/test-db.ts';
import type { Database } from '../../db/schema.ts';
import type { Kysely } from 'kysely';
import { appendLedgerEvent } from './ledger.ts';
import { generateLedgerSigner } from './signing-key.ts';
import { verifyLedger } from './verify.ts';

const key = generateLedgerSigner();
const WORKER = path.resolve(import.meta.dirname, 'testing/append-worker.ts');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-ledger-conc-'));

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function expectContiguous(db: Kysely<Database>, writers: string[], perWriter: number) {
  const verdict = await verifyLedger({ db, publicKeyPem: key.publicKeyPem });
  expect(verdict).toMatchObject({ ok: true, size: writers.length * perWriter });
  const rows = await db.selectFrom('ledger_event').select(['seq', 'object_id']).orderBy('seq').execute();
  expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
  for (const w of writers) expect(rows.filter((r) => r.object_id === w)).toHaveLength(perWriter);
  // the writers really interleaved
  const switches = rows.filter((r, i) => i > 0 && r.object_id !== rows[i - 1]!.object_id).length;
  expect(switches).toBeGreaterThan(writers.length - 1);
}

describe('concurrent appends', () => {
  it.runIf(TEST_DIALECTS.includes('sqlite'))('sqlite: 3 processes × 100 transactions (every 10th rolled back) on one WAL file', async () => {
    const file = path.join(tmp, 'concurrent.sqlite');
    const handle = createDatabase(`sqlite:${file}`);
    await migrateToLatest(handle.db);
    const names = ['w1', 'w2', 'w3'];
    const workers = names.map((name) => {
      const child = spawn(process.execPath, ['--import', 'tsx', WORKER, file, name, '100'], { cwd: path.resolve(import.meta.dirname, '../../..'), stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const ready = new Promise<void>((resolve, reject) => {
        child.stdout.on('data', () => out.includes('ready') && resolve());
        child.on('exit', () => reject(new Error(`worker ${name} exited early: ${err}`)));
      });
      const done = new Promise<string>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`worker ${name} failed (${code}): ${err}`)))));
      return { child, ready, done };
    });
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.child.stdin.write('go\n');
    const outputs = await Promise.all(workers.map((w) => w.done));
    for (const o of outputs) expect(o).toMatch(/done 90 in \d+ ms/);
    await expectContiguous(handle.db, names, 90);
    await handle.destroy();
  });

  it.runIf(TEST_DIALECTS.includes('postgres'))('postgres: 4 writers × 50 parallel transactions on a pool (every 10th rolled back)', async () => {
    const t = await createTestDatabase('postgres');
    try {
      const names = ['p1', 'p2', 'p3', 'p4'];
      await Promise.all(
        names.map(async (name) => {
          for (let i = 1; i <= 50; i++) {
            await inTransaction(t.db, async (trx) => {
              await appendLedgerEvent(trx, { userId: name, role: 'TEST' }, { action: 'test.append', objectType: 'worker', objectId: name, orgPath: '/', payload: { i } }, new Date());
              if (i % 10 === 0) throw new Error('rollback');
            }).catch((e: unknown) => {
              if (!(e instanceof Error && e.message === 'rollback')) throw e;
            });
          }
        }),
      );
      await expectContiguous(t.db, names, 45);
    } finally {
      await t.cleanup();
    }
  });

  it.runIf(TEST_DIALECTS.includes('postgres'))('postgres: two pools on one schema (as two processes): each pool\'s head hint goes stale and the conditional insert catches it', async () => {
    const t = await createTestDatabase('postgres');
    const other = createDatabase(t.url!, { schema: t.schema!, poolSize: 2 });
    try {
      const names = ['a1', 'a2', 'b1', 'b2'];
      await Promise.all(
        names.map(async (name) => {
          const db = name.startsWith('a') ? t.db : other.db;
          for (let i = 1; i <= 30; i++) {
            await inTransaction(db, async (trx) => {
              await appendLedgerEvent(trx, { userId: name, role: 'TEST' }, { action: 'test.append', objectType: 'worker', objectId: name, orgPath: '/', payload: { i } }, new Date());
              if (i % 10 === 0) throw new Error('rollback');
            }).catch((e: unknown) => {
              if (!(e instanceof Error && e.message === 'rollback')) throw e;
            });
          }
        }),
      );
      await expectContiguous(t.db, names, 27);
    } finally {
      await other.destroy();
      await t.cleanup();
    }
  });
});
