/**
 * The crash_import test (SECURITY.md §6.4, §9 case 27): a child process imports 3,000-row roster files one
 * after another into a SQLite file database (WAL, synchronous=FULL, as db/dialect.ts opens it) while this test
 * SIGKILLs it at random moments — half of the rounds at any moment, half aimed inside the import transaction.
 * After every kill: `PRAGMA integrity_check` is ok, every import batch has exactly its 3,000 people, posts and
 * ledger events and nothing else exists (no partial file), every batch the child acknowledged is there, and
 * the ledger chain verifies. The next round retries the interrupted file, which would fail with duplicate ID
 * numbers if any part of it had survived.
 *
 * SIGKILL simulates an application crash, not a power loss (see SECURITY.md §6.4 for the limits). SQLite only:
 * the file-level WAL recovery is what is under test; PostgreSQL's atomic commit has its own guarantees.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, migrateToLatest } from '../../db/database.ts';
import { createFieldCipher } from '../../platform/crypto.ts';
import { verifyLedgerChain } from '../../platform/ledger/index.ts';
import { buildTestWorld } from '../../test/factories.ts';
import { rosterXlsxStreamed, validRows } from './testdata/roster-fixtures.ts';

const CHILD_SOURCE = fileURLToPath(new URL('./testdata/crash-import-child.ts', import.meta.url));
// Inside node_modules so the bundle's external packages (native SQLite, argon2) resolve from the repository.
const CHILD = fileURLToPath(new URL('../../../node_modules/.cache/bellwether-tests/crash-import-child.mjs', import.meta.url));
const ROWS = 3000;
const ROUNDS = 10;

type RoundResult = { committed: { k: number; batchId: string }[]; killed: boolean; killedInTx: boolean; lastTx: number | null; txMs: number[]; fileMs: number[] };

/** One child run; killed at a random moment after READY, or (aimAtTx) at a random moment of its 1st or 2nd import transaction. */
function runRound(dbFile: string, dir: string, key: string, start: number, aimAtTx: boolean, estimate: { txMs: number; fileMs: number }): Promise<RoundResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dbFile, dir, String(start), 'townorg'], {
      env: { ...process.env, BW_CRASH_KEY: key },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const result: RoundResult = { committed: [], killed: false, killedInTx: false, lastTx: null, txMs: [], fileMs: [] };
    let inTx = false;
    let txStarted = 0;
    let fileStarted = 0;
    let killed = false;
    let buffered = '';
    let stderr = '';
    const kill = () => {
      if (killed) return;
      killed = true;
      result.killed = true;
      result.killedInTx = inTx;
      child.kill('SIGKILL');
    };
    const guard = setTimeout(kill, 60_000);
    const txToKill = 1 + Math.floor(Math.random() * 2);
    let txSeen = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const [word, a, b] = buffered.slice(0, nl).split(' ');
        buffered = buffered.slice(nl + 1);
        if (word === 'READY') {
          if (a !== 'wal' || b !== '2') reject(new Error(`child pragmas: journal_mode=${a} synchronous=${b}`));
          fileStarted = Date.now();
          if (!aimAtTx) setTimeout(kill, Math.random() * estimate.fileMs * 1.2);
        } else if (word === 'TX') {
          inTx = true;
          txStarted = Date.now();
          result.lastTx = Number(a);
          txSeen++;
          if (aimAtTx && txSeen === txToKill) setTimeout(kill, Math.random() * estimate.txMs * 1.1);
        } else if (word === 'COMMITTED') {
          inTx = false;
          result.txMs.push(Date.now() - txStarted);
          result.fileMs.push(Date.now() - fileStarted);
          fileStarted = Date.now();
          result.committed.push({ k: Number(a), batchId: b! });
        } else if (word === 'SKIPPED') {
          inTx = false;
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      if ((signal === 'SIGKILL' && killed) || code === 0) resolve(result);
      else reject(new Error(`child ended by itself (code ${code}, signal ${signal}): ${stderr.slice(-2000)}`));
    });
  });
}

describe('crash during an import (SQLite file database, WAL, synchronous=FULL)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-crash-'));
  beforeAll(async () => {
    // One bundled file starts in a fraction of the time the TypeScript sources take through a loader.
    await build({
      entryPoints: [CHILD_SOURCE],
      outfile: CHILD,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: ['better-sqlite3', '@node-rs/argon2', 'pg', 'pg-native'],
      banner: { js: "import { createRequire as __bwRequire } from 'node:module'; const require = __bwRequire(import.meta.url);" },
      logLevel: 'error',
    });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(`keeps each file all-or-nothing across ${ROUNDS} SIGKILLs at random moments`, { timeout: 180_000 }, async () => {
    const dbFile = path.join(dir, 'crash.db');
    const key = randomBytes(32);
    const setup = createDatabase(`sqlite:${dbFile}`);
    await migrateToLatest(setup.db);
    await buildTestWorld(setup.db, createFieldCipher(key));
    await setup.db
      .insertInto('code_item')
      .values([
        { catalog: 'ETHNICITY', code: '01', name_zh: '汉族', name_en: 'Han', sort_order: 1, active: 1 },
        { catalog: 'EDUCATION', code: '21', name_zh: '大学本科毕业', name_en: "Bachelor's", sort_order: 1, active: 1 },
      ])
      .execute();
    const count = async (db: typeof setup.db, table: 'person' | 'post') => Number((await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const base = { person: await count(setup.db, 'person'), post: await count(setup.db, 'post') };
    await setup.destroy();

    /** roster-<k>.xlsx, 3,000 rows with ID numbers of their own; written once, retried as the same bytes. */
    const ensureFiles = async (upTo: number) => {
      for (let k = 0; k <= upTo; k++) {
        const file = path.join(dir, `roster-${k}.xlsx`);
        if (!fs.existsSync(file)) fs.writeFileSync(file, await rosterXlsxStreamed(validRows(ROWS, { offset: 100_000 + k * ROWS })));
      }
    };

    const acknowledged = new Set<string>();
    let next = 0;
    const estimate = { txMs: 800, fileMs: 2500 };
    const stats = { kills: 0, killedInTxRolledBack: 0, killedInTxCommitted: 0, killedOutsideTx: 0, commits: 0 };
    for (let round = 0; stats.kills < ROUNDS && round < ROUNDS + 6; round++) {
      await ensureFiles(next + 3);
      const r = await runRound(dbFile, dir, key.toString('base64'), next, stats.kills % 2 === 1, estimate);
      for (const c of r.committed) acknowledged.add(c.batchId);
      if (r.txMs.length) estimate.txMs = Math.max(...r.txMs);
      if (r.fileMs.length) estimate.fileMs = Math.max(...r.fileMs);
      stats.commits += r.committed.length;

      const check = createDatabase(`sqlite:${dbFile}`);
      try {
        const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(check.db);
        expect(integrity.rows.map((x) => x.integrity_check), `round ${round}`).toEqual(['ok']);
        const batches = await check.db.selectFrom('import_batch').select(['id', 'row_count']).execute();
        for (const b of batches) expect(Number(b.row_count)).toBe(ROWS);
        const ids = new Set(batches.map((b) => b.id));
        for (const batchId of acknowledged) expect(ids.has(batchId), `acknowledged batch ${batchId} is missing after round ${round}`).toBe(true);
        // exactly the rows of the committed batches, and not one row of the interrupted file
        expect(await count(check.db, 'person'), `round ${round}`).toBe(base.person + batches.length * ROWS);
        expect(await count(check.db, 'post'), `round ${round}`).toBe(base.post + batches.length * ROWS);
        const events = await check.db
          .selectFrom('ledger_event')
          .select(['action', sql<number>`count(*)`.as('n')])
          .where('action', 'in', ['person.created', 'import.committed'])
          .groupBy('action')
          .execute();
        const byAction = new Map(events.map((e) => [e.action, Number(e.n)]));
        expect(byAction.get('import.committed') ?? 0).toBe(batches.length);
        expect(byAction.get('person.created') ?? 0).toBe(batches.length * ROWS);
        expect(await verifyLedgerChain(check.db), `round ${round}`).toMatchObject({ ok: true });
        if (r.killed) {
          stats.kills++;
          // Files go in order, so file k is committed exactly when more than k batches exist.
          if (r.killedInTx && r.lastTx !== null) {
            if (batches.length > r.lastTx) stats.killedInTxCommitted++;
            else stats.killedInTxRolledBack++;
          } else stats.killedOutsideTx++;
        }
        next = batches.length;
      } finally {
        await check.destroy();
      }
    }
    console.log(
      `crash_import: ${stats.kills} SIGKILLs, ${next} files of ${ROWS} rows committed (${stats.commits} acknowledged); ` +
        `kills inside the import transaction: ${stats.killedInTxRolledBack} rolled back, ${stats.killedInTxCommitted} just after COMMIT; outside: ${stats.killedOutsideTx}`,
    );
    expect(stats.kills).toBeGreaterThanOrEqual(ROUNDS);
    expect(stats.killedInTxRolledBack).toBeGreaterThan(0);
    expect(next).toBeGreaterThan(0);
  });
});
