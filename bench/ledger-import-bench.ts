/**
 * Issue 3, deliverable 9: the ledger inside real service writes, full verification of 1,000,000 events and the
 * import of 20,000 roster rows, each against a baseline measured in the same run on the same machine.
 *
 *   tsx bench/ledger-import-bench.ts [--write] [options]   standalone: prints the RESULTS.md section (--write splices it into bench/RESULTS.md)
 *   npm run bench                                          run.ts runs it after its own sections
 *   npm run bench -- --only=ledger-import                  only this part; its section of RESULTS.md is replaced in place
 *
 * Options (defaults are what RESULTS.md is made with):
 *   --ledger-people=1000    people created per variant, over all rounds   --ledger-rounds=5   rounds (variants rotate)
 *   --ledger-batch=20000    events per appendLedgerEvents transaction     --batch-rounds=3
 *   --ledger-events=1000000 ledger size for the full verification         --verify-runs=3
 *   --pg-ledger-limit=180   seconds allowed for growing the PostgreSQL ledger (the size reached is reported)
 *   --import-rows=20000     roster rows                                   --import-runs=3    (fresh database and process each)
 *   --ledger-parts=writes,import,verify   run only some parts (development)
 *   --no-pg  --keep
 *
 * Databases: SQLite files opened by the product (createDatabase: WAL, synchronous=FULL) in a scratch directory; a
 * fresh PostgreSQL schema `bench_*` per database (PG_URL, else postgres://postgres@127.0.0.1:5432/test), dropped at
 * the end. Every database is seeded with the demo county (openDeps + seedDemoIfEmpty).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { demoAccountsPath, openDeps, seedDemoIfEmpty, type DemoAccountsFile, type OpenedDeps } from '../server/bootstrap.ts';
import { loadConfig } from '../server/config.ts';
import { serverVersion } from '../server/db/dialect.ts';
import { buildActor } from '../server/modules/auth/auth.service.ts';
import { ledgerActor } from '../server/platform/deps.ts';
import { runImportChild, writeRoster, type ImportRun, type RosterFile } from './import-bench.ts';
import { elapsedSeconds, fmt, machine, median, progress, ratio, table, type Machine } from './lib.ts';
import { growLedger, postgresLedgerSink, sqliteLedgerSink, verifyBench, type GrowLedger, type VerifyBench } from './ledger-verify.ts';
import { batchAppendRates, serviceWriteRates, type BatchAppend, type ServiceWrites } from './ledger-writes.ts';
import { ROSTER_COLUMNS } from '../server/modules/transfer/index.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
export const SECTION_TITLE = '## 5. Ledger, verification and import (issue 3)';

// ---------- options ----------

export type LedgerImportOptions = {
  people: number;
  rounds: number;
  batch: number;
  batchRounds: number;
  events: number;
  verifyRuns: number;
  pgLedgerLimit: number;
  importRows: number;
  importRuns: number;
  /** which parts run (all by default): writes, import, verify */
  parts: Set<string>;
  pg: boolean;
  keep: boolean;
};

export function ledgerImportOptions(argv: readonly string[]): LedgerImportOptions {
  const option = (name: string, fallback: number): number => {
    const arg = argv.find((a) => a.startsWith(`--${name}=`));
    if (!arg) return fallback;
    const n = Number(arg.slice(name.length + 3));
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer`);
    return n;
  };
  return {
    people: option('ledger-people', 1000),
    rounds: option('ledger-rounds', 5),
    batch: option('ledger-batch', 20_000),
    batchRounds: option('batch-rounds', 3),
    events: option('ledger-events', 1_000_000),
    verifyRuns: option('verify-runs', 3),
    pgLedgerLimit: option('pg-ledger-limit', 180),
    importRows: option('import-rows', 20_000),
    importRuns: option('import-runs', 3),
    parts: new Set((argv.find((a) => a.startsWith('--ledger-parts='))?.slice('--ledger-parts='.length) ?? 'writes,import,verify').split(',')),
    pg: !argv.includes('--no-pg'),
    keep: argv.includes('--keep'),
  };
}

// ---------- databases ----------

type Fresh = { url: string; dispose: () => Promise<void> };

type Target = {
  label: 'SQLite' | 'PostgreSQL';
  /** a new empty database */
  create: (name: string) => Promise<Fresh>;
};

function pgBaseUrl(): string {
  return process.env.PG_URL || 'postgres://postgres@127.0.0.1:5432/test';
}

async function pgProblem(url: string): Promise<string | null> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('select 1');
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  } finally {
    await c.end().catch(() => undefined);
  }
}

function sqliteTarget(dir: string): Target {
  return {
    label: 'SQLite',
    create: async (name) => {
      const file = path.join(dir, `${name}.sqlite`);
      fs.mkdirSync(dir, { recursive: true });
      return {
        url: `sqlite:${file}`,
        dispose: async () => {
          for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
        },
      };
    },
  };
}

function postgresTarget(keep: boolean): Target {
  const base = pgBaseUrl();
  return {
    label: 'PostgreSQL',
    create: async () => {
      const schema = `bench_${randomBytes(5).toString('hex')}`;
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      await admin.end();
      return {
        url: `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
        dispose: async () => {
          if (keep) return;
          const c = new pg.Client({ connectionString: base });
          await c.connect();
          await c.query(`drop schema if exists ${schema} cascade`);
          await c.end();
        },
      };
    },
  };
}

function envFor(dataDir: string, url: string, masterKey: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: url,
    BELLWETHER_DATA_DIR: dataDir,
    BELLWETHER_MASTER_KEY: masterKey,
    BELLWETHER_LEDGER_KEY_FILE: path.join(dataDir, 'keys', 'ledger-ed25519.pem'),
    BELLWETHER_DEMO: '1',
    LOG_LEVEL: 'warn',
  };
}

async function openSeeded(dataDir: string, url: string, masterKey: string): Promise<{ deps: OpenedDeps; seedMs: number; accounts: DemoAccountsFile }> {
  const config = loadConfig(envFor(dataDir, url, masterKey), ROOT);
  const deps = await openDeps(config);
  try {
    const t0 = Date.now();
    const seeded = await seedDemoIfEmpty(deps);
    if (!seeded.seeded) throw new Error('database was not empty');
    const seedMs = Date.now() - t0;
    const accounts = JSON.parse(fs.readFileSync(demoAccountsPath(config), 'utf8')) as DemoAccountsFile;
    return { deps, seedMs, accounts };
  } catch (e) {
    await deps.destroy();
    throw e;
  }
}

// ---------- one database ----------

export type DbResult = {
  label: string;
  version: string;
  seedMs: number;
  seedPeople: number;
  writes: ServiceWrites | null;
  batch: BatchAppend | null;
  imports: ImportRun[];
  importFreshMs: number[];
  grow: GrowLedger | null;
  verify: VerifyBench | null;
};

async function benchTarget(target: Target, o: LedgerImportOptions, dir: string, masterKey: string, roster: () => Promise<RosterFile>, rosterFor: (db: OpenedDeps['db']) => void): Promise<DbResult> {
  const label = `${target.label} (issue 3)`;
  const main = await target.create('main');
  const mainDir = path.join(dir, 'main');
  const { deps, seedMs, accounts } = await openSeeded(mainDir, main.url, masterKey);
  try {
    const version = await serverVersion(deps.db);
    const seedPeople = Number((await deps.db.selectFrom('person').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    progress(`${label}: ${version}; demo county seeded in ${fmt(seedMs / 1000, 1)} s (${fmt(seedPeople)} people)`);
    rosterFor(deps.db);

    // A fresh seeded database for each import run: SQLite copies the seeded file, PostgreSQL seeds a new schema.
    let freshImportDb: (k: number) => Promise<Fresh>;
    if (target.label === 'SQLite') {
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(deps.db);
      const file = main.url.slice('sqlite:'.length);
      const template = path.join(dir, 'import-template.sqlite');
      fs.copyFileSync(file, template);
      freshImportDb = async (k) => {
        const f = await target.create(`import-${k}`);
        fs.copyFileSync(template, f.url.slice('sqlite:'.length));
        return f;
      };
    } else {
      freshImportDb = async (k) => {
        const f = await target.create(`import-${k}`);
        const seeded = await openSeeded(path.join(dir, `import-${k}`), f.url, masterKey);
        await seeded.deps.destroy();
        return f;
      };
    }

    // ---- 1. ledger in service writes ----
    const orgHead = accounts.accounts.ORG_HEAD;
    if (!orgHead) throw new Error('no ORG_HEAD demo account');
    const user = await deps.db.selectFrom('app_user').selectAll().where('username', '=', orgHead.username).executeTakeFirstOrThrow();
    const actor = await buildActor(deps, user, 'bench', new Date());
    const ctx = { ...deps, actor };
    let writes: ServiceWrites | null = null;
    let batch: BatchAppend | null = null;
    if (o.parts.has('writes')) {
      const perRound = Math.ceil(o.people / o.rounds);
      progress(`${label}: createPerson with and without the ledger, ${perRound} per variant × ${o.rounds} rounds`);
      writes = await serviceWriteRates(ctx, label, perRound, o.rounds);
      batch = await batchAppendRates(deps.db, ledgerActor(actor), o.batch, o.batchRounds, label);
    }

    // ---- 3. import ----
    const section = accounts.accounts.ORG_CADRE_SECTION;
    if (!section) throw new Error('no ORG_CADRE_SECTION demo account');
    const imports: ImportRun[] = [];
    const importFreshMs: number[] = [];
    const file = o.parts.has('import') ? await roster() : null;
    for (let k = 1; file && k <= o.importRuns; k++) {
      const t0 = Date.now();
      const fresh = await freshImportDb(k);
      importFreshMs.push(Date.now() - t0);
      try {
        imports.push(await runImportChild({ url: fresh.url, dataDir: path.join(dir, `import-${k}`), masterKey, file: file.file, username: section.username, breakdown: k === 1 }, `${label} import run ${k}/${o.importRuns}`));
      } finally {
        await fresh.dispose();
      }
    }

    // ---- 2. full verification ----
    if (!o.parts.has('verify')) return { label: target.label, version, seedMs, seedPeople, writes, batch, imports, importFreshMs, grow: null, verify: null };
    progress(`${label}: growing the ledger to ${fmt(o.events)} events`);
    const sink = target.label === 'SQLite' ? sqliteLedgerSink(main.url.slice('sqlite:'.length)) : await postgresLedgerSink(main.url);
    const grow = await growLedger(deps.db, sink, o.events, target.label === 'PostgreSQL' ? o.pgLedgerLimit * 1000 : undefined, label, target.label === 'PostgreSQL');
    progress(`${label}: ${fmt(grow.after)} events (+${fmt(grow.inserted)} in ${fmt(grow.ms / 1000, 1)} s incl. index rebuild ${fmt(grow.indexMs / 1000, 1)} s)${grow.vacuumMs !== null ? `; VACUUM (ANALYZE) ledger_event ${fmt(grow.vacuumMs / 1000, 1)} s` : ''}`);
    const verify = await verifyBench(deps.db, deps.clock, o.verifyRuns, label, main.url);
    progress(`${label}: verify ${fmt(verify.verifyMs / 1000, 2)} s, raw chained SHA-256 ${fmt(verify.chainMs / 1000, 2)} s (${ratio(verify.chainMs / verify.verifyMs)}), string digests ${fmt(verify.chainStringMs / 1000, 2)} s (${ratio(verify.chainStringMs / verify.verifyMs)}), with Merkle ${fmt(verify.merkleMs / 1000, 2)} s (${ratio(verify.merkleMs / verify.verifyMs)})`);
    return { label: target.label, version, seedMs, seedPeople, writes, batch, imports, importFreshMs, grow, verify };
  } finally {
    await deps.destroy();
    if (!o.keep) await main.dispose();
  }
}

// ---------- run ----------

export type LedgerImportResult = {
  options: LedgerImportOptions;
  command: string;
  started: Date;
  seconds: number;
  machine: Machine;
  load: { start: number[]; end: number[] };
  dbs: DbResult[];
  skipped: string[];
  roster: RosterFile | null;
  failed: boolean;
};

export async function runLedgerImportBench(o: LedgerImportOptions, command: string, dataRoot: string): Promise<LedgerImportResult> {
  const started = new Date();
  const t0 = Date.now();
  const loadStart = os.loadavg();
  fs.rmSync(dataRoot, { recursive: true, force: true });
  fs.mkdirSync(dataRoot, { recursive: true });
  const masterKey = randomBytes(32).toString('base64');
  const skipped: string[] = [];
  const dbs: DbResult[] = [];
  let failed = false;
  progress(`issue 3 bench: options ${JSON.stringify({ ...o, parts: [...o.parts] })}`);

  // The roster is written once (from the first seeded database: the demo county is deterministic, and the file
  // names units by their name paths, which are the same in every seeded database).
  let rosterDb: OpenedDeps['db'] | null = null;
  let roster: RosterFile | null = null;
  const getRoster = async (): Promise<RosterFile> => {
    if (roster) return roster;
    if (!rosterDb) throw new Error('no database to read the units from');
    roster = await writeRoster(rosterDb, path.join(dataRoot, 'roster-20000.xlsx'), o.importRows);
    progress(`roster: ${fmt(roster.rows)} rows, ${fmt(roster.bytes / 1024 / 1024, 2)} MB, written in ${fmt(roster.ms / 1000, 1)} s`);
    return roster;
  };

  const targets: Target[] = [sqliteTarget(path.join(dataRoot, 'sqlite'))];
  if (o.pg) {
    const problem = await pgProblem(pgBaseUrl());
    if (problem) skipped.push(`PostgreSQL at ${pgBaseUrl().replace(/\/\/[^@/]*@/, '//***@')} unreachable (${problem})`);
    else targets.push(postgresTarget(o.keep));
  } else skipped.push('PostgreSQL (--no-pg)');

  for (const target of targets) {
    try {
      dbs.push(
        await benchTarget(target, o, path.join(dataRoot, target.label.toLowerCase()), masterKey, getRoster, (db) => {
          rosterDb ??= db;
        }),
      );
    } catch (e) {
      failed = true;
      const msg = e instanceof Error ? (e.stack ?? e.message) : String(e);
      skipped.push(`${target.label} failed: ${msg.split('\n')[0]!}`);
      console.error(`${target.label} (issue 3) bench failed:`, msg);
    } finally {
      rosterDb = null;
    }
  }
  if (!o.keep) fs.rmSync(dataRoot, { recursive: true, force: true });
  return { options: o, command, started, seconds: (Date.now() - t0) / 1000, machine: machine(), load: { start: loadStart, end: os.loadavg() }, dbs, skipped, roster, failed };
}

// ---------- report ----------

const met = (pass: boolean) => (pass ? 'met' : '**missed**');
const s = (msValue: number, decimals = 2) => fmt(msValue / 1000, decimals);
const list = (values: number[], f: (v: number) => string) => values.map(f).join(' / ');

export const TARGETS = { writeSlowdown: 0.15, verifyRatio: 0.5, importSeconds: 10, importPeakMB: 300 };

export function ledgerImportReport(r: LedgerImportResult): string {
  const o = r.options;
  const out: string[] = [];
  const loadText = (l: number[]) => l.map((x) => fmt(x, 1)).join(', ');
  out.push(`${SECTION_TITLE}

Made by \`${r.command}\` on ${r.started.toISOString()} in ${fmt(r.seconds / 60, 1)} min; ${r.machine.cpu} × ${r.machine.cores} cores,
${fmt(r.machine.ramGiB, 1)} GiB, Node ${r.machine.node}; load average ${loadText(r.load.start)} at the start, ${loadText(r.load.end)} at the end${Math.max(...r.load.start, ...r.load.end) > r.machine.cores ? ' (**other processes competed for the CPU**; ratios are less affected than absolute figures)' : ''}.
Every database is a fresh one seeded with the demo county (\`openDeps\` + \`seedDemoIfEmpty\`): SQLite is a file opened by the product's
\`createDatabase\` (WAL, \`synchronous=FULL\`, every commit is fsynced), PostgreSQL a fresh \`bench_*\` schema dropped afterwards.
Code: \`bench/ledger-writes.ts\`, \`bench/ledger-verify.ts\`, \`bench/import-bench.ts\`, \`bench/import-child.ts\`.
${r.skipped.length ? `\nSkipped or failed: ${r.skipped.join('; ')}\n` : ''}`);

  // 5.1
  out.push(`### 5.1 Ledger inside real service writes

Measured: the people service's \`createPerson\` as the ORG_HEAD demo account (scope check, GB 11643 and mobile validation,
AES-GCM envelopes, blind index, masks, pinyin, code and duplicate lookups, person row + cadre row for 25 %, its \`person.created\`
ledger event, the dossier reload), one person per transaction, one writer. Baseline: the same writes without the ledger, a
replica of \`createPerson\` (\`createPersonReplica\` in bench/ledger-writes.ts) doing every step above through the same
people.repository.ts functions in one transaction per person, but without \`appendLedgerEvent\`. Second pair: the write
transaction alone (no dossier reload), replica with and without its ledger event; there the time spent inside
\`appendLedgerEvent\` and the time of BEGIN + COMMIT (transaction minus its body) are measured too. ${fmt(Math.ceil(o.people / o.rounds) * o.rounds)} people per variant, ${o.rounds} rounds of ${fmt(Math.ceil(o.people / o.rounds))}, the four variants interleaved call by call
(rotating order, each call timed) so drift and background load fall on all of them alike; 20 warm-up writes per variant;
valid ID numbers from \`makeIdNumber\`. Figures: median over the rounds of writes/s; "slower by" = 1 − with ÷ without
(target ≤ ${fmt(TARGETS.writeSlowdown * 100)} %).

${table(
    ['database', 'createPerson with ledger, writes/s', 'same writes without ledger, writes/s', 'ratio', 'slower by', 'target', 'ms per write: with / without', 'write transaction only: with / without, writes/s', 'slower by', 'inside appendLedgerEvent, µs', 'BEGIN + COMMIT with / without ledger event, µs', 'writes/s of each round (with; without)'],
    r.dbs.flatMap((d) => (d.writes ? [{ ...d, writes: d.writes }] : [])).map((d) => {
      const m = d.writes.median;
      const slow = 1 - m.service / m.noLedger;
      const slowW = 1 - m.writeLedger / m.writeNoLedger;
      return [
        d.version,
        fmt(m.service),
        fmt(m.noLedger),
        ratio(m.service / m.noLedger),
        `${fmt(slow * 100, 1)} %`,
        met(slow <= TARGETS.writeSlowdown),
        `${fmt(1000 / m.service, 2)} / ${fmt(1000 / m.noLedger, 2)}`,
        `${fmt(m.writeLedger)} / ${fmt(m.writeNoLedger)}`,
        `${fmt(slowW * 100, 1)} %`,
        fmt(d.writes.appendUs),
        `${fmt(d.writes.commitUs.with)} / ${fmt(d.writes.commitUs.without)}`,
        `${list(d.writes.runs.service, (v) => fmt(v))}; ${list(d.writes.runs.noLedger, (v) => fmt(v))}`,
      ];
    }),
  )}

Batch append (the import's path): \`appendLedgerEvents\` of ${fmt(o.batch)} \`person.created\` events (payloads as the import writes them) in one
transaction, against a plain Kysely insert of the identical, pre-hashed rows (same columns, the same four secondary indexes, the same
500-row statements) into a copy of the table; ${o.batchRounds} rounds, alternating. The difference is the ledger's own work: the
lock, the read of the chain head, canonical JSON and two SHA-256 per event.

${table(
    ['database', 'appendLedgerEvents, events/s', 'plain insert of the same rows, rows/s', 'ratio', 'events/s of each round (ledger; plain)'],
    r.dbs.flatMap((d) => (d.batch ? [{ ...d, batch: d.batch }] : [])).map((d) => [d.version, fmt(d.batch.ledger), fmt(d.batch.plain), ratio(d.batch.ledger / d.batch.plain), `${list(d.batch.ledgerRuns, (v) => fmt(v))}; ${list(d.batch.plainRuns, (v) => fmt(v))}`]),
  )}
`);

  // 5.2
  out.push(`### 5.2 Full verification of ${fmt(o.events)} events

The ledger is grown to ${fmt(o.events)} events: the seed's and the writes' above, then a mix of dossier views (35 %), people created (20 %)
and updated (15 %), logins, reveals, posts, exports and archive views by the demo accounts over the demo org tree. Each row is computed
as \`appendLedgerEvents\` computes it (canonical JSON payload, leaf = SHA-256(0x00 ‖ leaf bytes), chain over the previous head; the
first row of every 20,000-row chunk is checked against the ledger's own \`leafHash\` and \`chainHash\`) and loaded through a raw loader
(better-sqlite3 prepared statement / PostgreSQL \`unnest\`), the table's four audit indexes dropped for the load and rebuilt after it.
Then one pass of the verifier's own loop (\`eventTuples\` + \`LedgerScanner.checkTuple\`), instrumented, which also reads every record into
memory for the baseline; one signed checkpoint through the product's \`createCheckpoint\` with a generated Ed25519 key (handed the
tree state that pass verified, as the hourly timer keeps it, so it signs without a second full scan), exported and handed back as an
external checkpoint. Measured: \`verifyLedger({ db, publicKeyPem, checkpoints, parallel })\` over everything, ${o.verifyRuns} runs (it checks sequence,
every leaf hash, the chain, the Merkle root and the chain head at both checkpoints, the two signatures), as \`bellwether ledger verify\`
runs it: from 200,000 events the log splits at the largest power of two below its size and a second process (its own read-only
connection; PostgreSQL on the verifier's exported snapshot) checks the second half at the same time, the roots composing by RFC 6962
(server/platform/ledger/verify-range.ts). The process start (about 1 s of tsx) is inside the measured time; the baselines use one core. Baseline: the same leaf bytes
in memory (\`leafJson\` of scan.ts, byte-identical to ledger.ts \`leafData\`, which is compared on every 1,000th record), only the
hashing loop timed: leaf = SHA-256(0x00 ‖ data), chain = SHA-256(prev ‖ leaf), one-shot \`crypto.hash\`; second baseline the same
plus the RFC 6962 Merkle root, which the verifier also computes. These two take every digest as a Buffer (\`crypto.hash(…, 'buffer')\`),
as the verifier did before; on Node 20 a Buffer digest costs more than hashing the 64 bytes of a chain link, and the verifier now takes its
digests as hex strings and decodes them into preallocated buffers. So a third, stricter baseline is the raw chain in that same form
(string digests): the fastest raw chained SHA-256 this Node offers. All baselines end on the verifier's chain head and root.
Ratio = baseline time ÷ verify time (target ≥ ${TARGETS.verifyRatio}×, i.e. the verifier at most ${fmt(1 / TARGETS.verifyRatio)}× the raw chained hashing); medians of ${o.verifyRuns} runs
(baselines ${Math.max(3, o.verifyRuns)}).

${table(
    ['database', 'events (leaf data)', 'load', 'checkpoint', 'verifyLedger (median)', 'raw chained SHA-256 (Buffer digests)', 'ratio', 'target', 'raw chain + Merkle (Buffer digests)', 'ratio', 'raw chain, string digests (strict)', 'ratio', 'target', 'verify runs', 'verdict'],
    r.dbs.flatMap((d) => (d.verify && d.grow ? [{ ...d, verify: d.verify, grow: d.grow }] : [])).map((d) => {
      const v = d.verify;
      return [
        d.version,
        `${fmt(v.events)}${d.grow.reachedTarget ? '' : ` (**load stopped at the ${fmt(o.pgLedgerLimit)} s limit**)`} (${fmt(v.leafBytes / 1e6, 0)} MB)`,
        `+${fmt(d.grow.inserted)} in ${s(d.grow.ms, 1)} s (incl. index rebuild ${s(d.grow.indexMs, 1)} s)${d.grow.vacuumMs !== null ? `; VACUUM (ANALYZE) ${s(d.grow.vacuumMs, 1)} s` : ''}`,
        `${s(v.checkpointMs)} s`,
        `${s(v.verifyMs)} s (${fmt(v.events / (v.verifyMs / 1000))} events/s)`,
        `${s(v.chainMs)} s`,
        ratio(v.chainMs / v.verifyMs),
        met(v.chainMs / v.verifyMs >= TARGETS.verifyRatio),
        `${s(v.merkleMs)} s`,
        ratio(v.merkleMs / v.verifyMs),
        `${s(v.chainStringMs)} s`,
        ratio(v.chainStringMs / v.verifyMs),
        met(v.chainStringMs / v.verifyMs >= TARGETS.verifyRatio),
        list(v.verifyRuns, (x) => `${s(x)} s`),
        v.verdict,
      ];
    }),
  )}

Where the verifier's time goes (one instrumented pass of the same loop, \`eventTuples\` + \`LedgerScanner.checkTuple\`):

${table(
    ['database', 'waiting for row batches (event-reader.ts: raw driver, arrays, 10,000 rows each)', 'checking rows (leaf JSON, 3 hashes, hex, compare, Merkle)', 'raw chain + Merkle over the same rows', 'check ÷ raw'],
    r.dbs.flatMap((d) => (d.verify ? [{ ...d, verify: d.verify }] : [])).map((d) => [d.version, `${s(d.verify.readMs)} s`, `${s(d.verify.checkMs)} s`, `${s(d.verify.merkleMs)} s`, ratio(d.verify.checkMs / d.verify.merkleMs)]),
  )}
`);

  // 5.3
  const rf = r.roster;
  out.push(`### 5.3 Import of ${fmt(o.importRows)} rows

${
    rf
      ? `The roster: ${fmt(rf.rows)} valid rows with the template's ${ROSTER_COLUMNS.length} columns (bench/import-bench.ts: exceljs streaming writer with shared strings), ${fmt(rf.bytes / 1024 / 1024, 2)} MB;
people placed over ${fmt(rf.units)} villages, communities, towns and county departments of the demo county named by their name paths
(黄花镇/黄花村), valid ID numbers, 90 % with a mobile number, ${fmt(rf.posts)} with a post, ${fmt(rf.partyMembers)} Party members, ${fmt(rf.cadres)} cadres (rank, education, authority).`
      : 'No roster was written.'
  }
Each run: a fresh copy of the seeded database (SQLite: a copy of the seeded file; PostgreSQL: a newly seeded schema) and a fresh
child process (\`node --import tsx bench/import-child.ts\`) that imports the file through the product's CLI path
\`importPeopleFileAs(deps, { file, username: 'cadre.section' })\` (ORG_CADRE_SECTION, county scope): inspect, parse, validate every
row, duplicate check, encrypt, then ONE transaction with the batch row, people, cadres, posts and ${fmt(o.importRows + 1)} ledger events.
Wall and CPU (user + system of the child; PostgreSQL's own CPU is not included) of that call; peak RSS = the child's VmHWM during the
import (the counter is reset just before it; the child's RSS before the import is shown too). Then, in the same child, the baselines:
\`new ExcelJS.Workbook().xlsx.load(buffer)\` of the same file, the product's \`inspectXlsx\` + \`readSheetTable\` (the parsing part of the
import), and a raw insert of the same rows (the people, cadres and posts the import wrote, read back, re-keyed and inserted in one
committed transaction through better-sqlite3 prepared statements / PostgreSQL \`unnest\`, no validation, encryption or ledger).
Median of ${o.importRuns} runs; targets: wall < ${TARGETS.importSeconds} s and peak RSS < ${TARGETS.importPeakMB} MB.

${table(
    ['database', 'import wall', 'target', 'CPU', 'peak RSS', 'target', 'RSS before', 'exceljs load alone', 'ratio import ÷ load', 'raw insert alone', 'ratio import ÷ raw insert', 'import ÷ (load + raw insert)', 'wall of each run'],
    r.dbs
      .filter((d) => d.imports.length > 0)
      .map((d) => {
        const med = (f: (x: ImportRun) => number) => median(d.imports.map(f));
        const wall = med((x) => x.import.wallMs);
        const peak = med((x) => x.import.peakMB ?? x.maxRssMB);
        const load = med((x) => x.exceljs.wallMs);
        const raw = med((x) => x.raw.wallMs);
        return [
          d.version,
          `${s(wall)} s`,
          met(wall < TARGETS.importSeconds * 1000),
          `${s(med((x) => x.import.cpuMs))} s`,
          `${fmt(peak)} MB`,
          met(peak < TARGETS.importPeakMB),
          `${fmt(med((x) => x.import.rssBeforeMB ?? Number.NaN))} MB`,
          `${s(load)} s (peak ${fmt(med((x) => x.exceljs.peakMB ?? Number.NaN))} MB)`,
          ratio(wall / load),
          `${s(raw)} s`,
          ratio(wall / raw),
          ratio(wall / (load + raw)),
          list(
            d.imports.map((x) => x.import.wallMs),
            (x) => `${s(x)} s`,
          ),
        ];
      }),
  )}

Where the import's time goes: the product's parse (\`inspectXlsx\` + \`readSheetTable\`, median), and, from run 1, the import's two write
steps run alone on the same rows (re-keyed) in a transaction that is rolled back: \`insertPeopleRows\` (Kysely, 500-row statements) and
\`appendLedgerEvents\` of ${fmt(o.importRows + 1)} events; the rest is validation, the duplicate check, AES-GCM and blind indexes, pinyin and the commit:

${table(
    ['database', 'import', 'parse (inspect + read table)', 'of which exceljs load', 'insertPeopleRows (run 1)', 'appendLedgerEvents (run 1)', 'rest', 'raw insert of the same rows', 'people / cadres / posts written', 'child process, start to exit'],
    r.dbs
      .filter((d) => d.imports.length > 0)
      .map((d) => {
        const med = (f: (x: ImportRun) => number) => median(d.imports.map(f));
        const wall = med((x) => x.import.wallMs);
        const parse = med((x) => x.read.wallMs);
        const first = d.imports[0]!;
        const w = first.writes;
        return [
          d.version,
          `${s(wall)} s`,
          `${s(parse)} s`,
          `${s(med((x) => x.exceljs.wallMs))} s`,
          w ? `${s(w.insertMs)} s` : '—',
          w ? `${s(w.ledgerMs)} s` : '—',
          w ? `${s(wall - parse - w.insertMs - w.ledgerMs)} s` : `${s(wall - parse)} s`,
          `${s(med((x) => x.raw.wallMs))} s`,
          `${fmt(first.import.created)} / ${fmt(first.import.cadres)} / ${fmt(first.import.posts)}`,
          `${s(med((x) => x.childWallMs), 1)} s`,
        ];
      }),
  )}
`);
  return out.join('\n');
}

/** Replaces this part's section of RESULTS.md (up to the next `## ` heading), or appends it. */
export function spliceSection(resultsFile: string, section: string): void {
  const current = fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, 'utf8') : '# Bellwether benchmark results\n';
  const start = current.indexOf(SECTION_TITLE);
  if (start < 0) {
    fs.writeFileSync(resultsFile, `${current.trimEnd()}\n\n${section.trimEnd()}\n`);
    return;
  }
  const next = current.indexOf('\n## ', start + SECTION_TITLE.length);
  const after = next < 0 ? '' : current.slice(next);
  fs.writeFileSync(resultsFile, `${current.slice(0, start)}${section.trimEnd()}\n${after}`);
}

// ---------- standalone ----------

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const o = ledgerImportOptions(process.argv.slice(2));
  const command = `tsx bench/ledger-import-bench.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`;
  const result = await runLedgerImportBench(o, command, path.join(os.tmpdir(), `bellwether-bench-issue3-${process.pid}`));
  const section = ledgerImportReport(result);
  if (process.argv.includes('--write')) {
    spliceSection(path.join(ROOT, 'bench', 'RESULTS.md'), section);
    progress(`wrote the section into bench/RESULTS.md (${fmt(elapsedSeconds() / 60, 1)} min)`);
  } else console.log(`\n${section}`);
  process.exit(result.failed ? 1 : 0);
}
