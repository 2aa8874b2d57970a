/**
 * Issue 5 deliverable 10: citizen-matter intake commits concurrent requests together (platform/group-commit.ts) and
 * still loses no acknowledged matter on kill -9. A child process runs the real app (public surface) over a SQLite file
 * (WAL, synchronous=FULL) or a PostgreSQL schema; this test keeps 24 submissions in flight over HTTP and SIGKILLs the
 * child at a random moment, three times. Afterwards every matter whose code was acknowledged (HTTP 200) is in the
 * database with its event and its ledger event, nothing half-written exists (matters = submit events = ledger events),
 * the ledger chain verifies, and the child's own counters show batches of more than one matter were committed.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, migrateToLatest, type DatabaseHandle } from '../../db/database.ts';
import { createFieldCipher } from '../../platform/crypto.ts';
import { verifyLedgerChain } from '../../platform/ledger/index.ts';
import { buildTestWorld } from '../../test/factories.ts';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../../test/test-db.ts';

const CHILD_SOURCE = fileURLToPath(new URL('./testdata/intake-server-child.ts', import.meta.url));
const CHILD = fileURLToPath(new URL('../../../node_modules/.cache/bellwether-tests/intake-server-child.mjs', import.meta.url));
const ROUNDS = 3;
const IN_FLIGHT = 24;

type Round = { acknowledged: string[]; largestBatch: number; requests: number };

function runRound(env: Record<string, string>, villageId: string): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const round: Round = { acknowledged: [], largestBatch: 0, requests: 0 };
    let buffered = '';
    let stderr = '';
    let killed = false;
    let started = false;
    const kill = () => {
      killed = true;
      child.kill('SIGKILL');
    };
    const guard = setTimeout(kill, 60_000);
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      killed = true;
      if (signal !== 'SIGKILL') reject(new Error(`child exited by itself (${code}): ${stderr}`));
      // give the in-flight fetches a moment to fail, then report
      else setTimeout(() => resolve(round), 200);
    });
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const [word, a, , c] = buffered.slice(0, nl).split(' ');
        buffered = buffered.slice(nl + 1);
        if (word === 'STATS') round.largestBatch = Math.max(round.largestBatch, Number(c));
        if (word === 'READY' && !started) {
          started = true;
          const base = `http://127.0.0.1:${a}`;
          const send = async (worker: number): Promise<void> => {
            for (let i = 0; !killed; i++) {
              round.requests++;
              try {
                const res = await fetch(`${base}/api/public/o2o/matters`, {
                  method: 'POST',
                  headers: { 'content-type': 'application/json', origin: base, 'x-forwarded-for': `10.${worker}.${(i >> 8) & 255}.${i & 255}` },
                  body: JSON.stringify({ category: 'HELP', locationOrgUnitId: villageId, description: `路灯不亮，请尽快修理（${worker}-${i}）`, anonymous: true }),
                });
                const body = (await res.json()) as { code?: string };
                if (res.status === 200 && body.code) round.acknowledged.push(body.code);
                else if (!killed) throw new Error(`intake answered ${res.status}: ${JSON.stringify(body)}`);
              } catch (e) {
                if (!killed) {
                  kill();
                  reject(e instanceof Error ? e : new Error(String(e)));
                }
                return;
              }
            }
          };
          for (let w = 0; w < IN_FLIGHT; w++) void send(w);
          setTimeout(kill, 400 + Math.random() * 1200);
        }
      }
    });
  });
}

describe.each(TEST_DIALECTS)('O2O intake under kill -9 on %s', (dialect) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-intake-crash-'));
  const key = randomBytes(32);
  let env: Record<string, string>;
  let villageId: string;
  let pgTest: TestDatabase | null = null;
  let open: () => DatabaseHandle;

  beforeAll(async () => {
    fs.mkdirSync(path.dirname(CHILD), { recursive: true });
    await build({
      entryPoints: [CHILD_SOURCE],
      outfile: CHILD,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'error',
    });
    if (dialect === 'sqlite') {
      const file = path.join(dir, 'intake.sqlite');
      open = () => createDatabase(`sqlite:${file}`);
      const h = open();
      await migrateToLatest(h.db);
      villageId = (await buildTestWorld(h.db, createFieldCipher(key))).units.huanghuaVillage.id;
      await h.destroy();
      env = { DATABASE_URL: `sqlite:${file}`, BW_CRASH_KEY: key.toString('base64') };
    } else {
      pgTest = await createTestDatabase('postgres');
      villageId = (await buildTestWorld(pgTest.db, createFieldCipher(key))).units.huanghuaVillage.id;
      const { url, schema } = pgTest;
      open = () => createDatabase(url!, { schema: schema!, poolSize: 2 });
      env = { DATABASE_URL: url!, BW_PG_SCHEMA: schema!, BW_CRASH_KEY: key.toString('base64') };
    }
  }, 120_000);

  afterAll(async () => {
    await pgTest?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged matter, whole, across SIGKILLs while batches of concurrent submissions commit', async () => {
    const acknowledged: string[] = [];
    let largest = 0;
    for (let r = 0; r < ROUNDS; r++) {
      const round = await runRound(env, villageId);
      acknowledged.push(...round.acknowledged);
      largest = Math.max(largest, round.largestBatch);
    }
    expect(acknowledged.length).toBeGreaterThan(ROUNDS * 5);
    expect(largest, 'batches of more than one matter were committed').toBeGreaterThan(1);

    const h = open();
    try {
      if (dialect === 'sqlite') expect((await sql<{ integrity_check: string }>`pragma integrity_check`.execute(h.db)).rows[0]!.integrity_check).toBe('ok');
      const codes = new Set((await h.db.selectFrom('citizen_matter').select('code').execute()).map((r) => r.code));
      const lost = acknowledged.filter((c) => !codes.has(c));
      expect(lost, 'acknowledged but lost').toEqual([]);
      const events = await h.db.selectFrom('matter_event').select(sql<number>`count(*)`.as('n')).where('action', '=', 'submit').executeTakeFirstOrThrow();
      const ledger = await h.db.selectFrom('ledger_event').select(sql<number>`count(*)`.as('n')).where('action', '=', 'o2o.matter.submitted').executeTakeFirstOrThrow();
      expect(Number(events.n)).toBe(codes.size);
      expect(Number(ledger.n)).toBe(codes.size);
      const chain = await verifyLedgerChain(h.db);
      expect(chain.ok).toBe(true);
    } finally {
      await h.destroy();
    }
  }, 180_000);
});
