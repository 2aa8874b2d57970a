/**
 * `npm run bench` (= tsx bench/run.ts): measures, and writes bench/RESULTS.md (overwritten on every run).
 *
 * Every figure is a median of several runs and is reported as a ratio to a baseline measured in the same run on
 * the same machine: a bare Fastify route (HTTP), the same SQL executed raw (queries), raw SHA-256 (ledger).
 * Scratch data lives in bench/.data/ (gitignored) and is deleted at the end; PostgreSQL data lives in a fresh
 * schema that is dropped at the end.
 *
 * Options (defaults are what RESULTS.md is made with):
 *   --people=100000     people for the API load test
 *   --scoped=1000000    people for the subtree query
 *   --seconds=5 --warmup=1 --rounds=3 --connections=10    autocannon
 *   --iterations=15     query timings per side
 *   --pg-grow-limit=180 seconds allowed for growing PostgreSQL to --scoped (it reports the size it reached)
 *   --no-county-at-scale  skip the county-wide (ORG_HEAD) list at --scoped people
 *   --no-pg             SQLite only
 *   --keep              keep bench/.data (and the PostgreSQL schema) for inspection
 *   --no-ledger-import  skip §5 (issue 3: ledger in service writes, verification of 1,000,000 events, 20,000-row import)
 *   --only=ledger-import  run §5 only and replace its section of the existing RESULTS.md in place
 *   --only=evaluation   run the reverse-evaluation section only (bench/evaluation-bench.ts; its options are listed there)
 *   --only=o2o          run §7 only, O2O intake and dashboard (bench/o2o-bench.ts; its options are listed there)
 *   (§5's own options are listed in bench/ledger-import-bench.ts)
 * PostgreSQL: PG_URL, else postgres://postgres@127.0.0.1:5432/test (skipped, and said so, when unreachable).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import type { ListPeopleQuery } from '../contracts/people.ts';
import { demoAccountsPath, openDeps, seedDemoIfEmpty, type DemoAccountsFile, type OpenedDeps } from '../server/bootstrap.ts';
import { loadConfig } from '../server/config.ts';
import { refreshStatistics, serverVersion, type DialectName } from '../server/db/dialect.ts';
import { authenticate } from '../server/modules/auth/auth.service.ts';
import { listPeople as listPeopleService } from '../server/modules/people/people.service.ts';
import { scopePaths, upperBound } from '../server/platform/scope.ts';
import { loadTest, login, startBenchServer, type LoadSummary, type LoadTarget } from './http-bench.ts';
import { ledgerAppendRate, rawHashing, type HashBaseline, type LedgerRate } from './ledger-bench.ts';
import { elapsedSeconds, fmt, machine, median, ms, progress, ratio, table, timeOnce, type Machine } from './lib.ts';
import { compareListPeople, type ListCall, type QueryComparison, type RawTarget } from './query-bench.ts';
import { countPeople, growPeople, postgresPersonSink, sqlitePersonSink, type GrowResult, type PersonSink } from './scale-data.ts';
import { analyseWebBundle, GZIP_BUDGET_KB, type BundleReport } from './web-bundle.ts';
import { ledgerImportOptions, ledgerImportReport, runLedgerImportBench, spliceSection, type LedgerImportResult } from './ledger-import-bench.ts';
import { evaluationBenchOptions, runEvaluationBench, spliceEvaluationSection } from './evaluation-bench.ts';
import { o2oBenchOptions, runO2oBench, spliceO2oSection } from './o2o-bench.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const DATA = path.join(ROOT, 'bench', '.data');
const RESULTS = path.join(ROOT, 'bench', 'RESULTS.md');

// ---------- options ----------

function option(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  if (!arg) return fallback;
  const n = Number(arg.slice(name.length + 3));
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

const OPT = {
  people: option('people', 100_000),
  scoped: option('scoped', 1_000_000),
  seconds: option('seconds', 5),
  warmup: option('warmup', 1),
  rounds: option('rounds', 3),
  connections: option('connections', 10),
  iterations: option('iterations', 15),
  pgGrowLimit: option('pg-grow-limit', 180),
  countyAtScale: !flag('no-county-at-scale'),
  pg: !flag('no-pg'),
  keep: flag('keep'),
  ledgerImport: !flag('no-ledger-import'),
  only: process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? null,
};

const TARGET = { rpsRatio: 0.5, p99Ms: 30, queryRatio: 1.2 };

// ---------- databases ----------

type DbTarget = {
  label: 'SQLite' | 'PostgreSQL';
  dialect: DialectName;
  env: NodeJS.ProcessEnv;
  raw: RawTarget;
  sink: () => Promise<PersonSink>;
  growLimitMs: number | undefined;
  drop: () => Promise<void>;
};

function baseEnv(dataDir: string, databaseUrl: string, masterKey: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    BELLWETHER_DATA_DIR: dataDir,
    BELLWETHER_MASTER_KEY: masterKey,
    BELLWETHER_DEMO: '1',
    // Request logging off (warn): the figure is the application, not the terminal the log goes to.
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: '0',
  };
}

function sqliteTarget(masterKey: string): DbTarget {
  const dataDir = path.join(DATA, 'sqlite');
  const file = path.join(dataDir, 'bench.sqlite');
  return {
    label: 'SQLite',
    dialect: 'sqlite',
    env: baseEnv(dataDir, `sqlite:${file}`, masterKey),
    raw: { dialect: 'sqlite', file },
    sink: async () => sqlitePersonSink(file),
    growLimitMs: undefined,
    drop: async () => undefined,
  };
}

function pgBaseUrl(): string {
  return process.env.PG_URL || 'postgres://postgres@127.0.0.1:5432/test';
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@').replace(/\?.*$/, '');
}

async function pgReachable(url: string): Promise<string | null> {
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

async function postgresTarget(masterKey: string): Promise<DbTarget> {
  const base = pgBaseUrl();
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return {
    label: 'PostgreSQL',
    dialect: 'postgres',
    env: baseEnv(path.join(DATA, 'pg'), url, masterKey),
    raw: { dialect: 'postgres', url },
    sink: () => postgresPersonSink(url),
    growLimitMs: OPT.pgGrowLimit * 1000,
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
      progress(`PostgreSQL: schema ${schema} dropped`);
    },
  };
}

// ---------- one database ----------

type Town = { id: string; name: string; path: string; people: number };

type Breakdown = { what: string; ms: number }[];

type DbResult = {
  label: string;
  version: string;
  describe: string;
  seedMs: number;
  seedCounts: Record<string, number>;
  grow: GrowStats;
  town: Town;
  totals: Record<string, number>;
  http: LoadSummary[];
  breakdown: Breakdown;
  listQueries: { label: string; cmp: QueryComparison }[];
  ledgerOne: LedgerRate;
  ledgerBatch: LedgerRate;
  scaled: GrowStats | null;
  scaledTown: Town | null;
  subtree: { label: string; cmp: QueryComparison }[];
};

async function largestTown(deps: OpenedDeps): Promise<Town> {
  const towns = await deps.db.selectFrom('org_unit').select(['id', 'name', 'path']).where('type', 'in', ['TOWN', 'STREET']).where('valid_to', 'is', null).execute();
  let best: Town | null = null;
  for (const t of towns) {
    const n = await deps.db
      .selectFrom('person')
      .select(sql<number>`count(*)`.as('n'))
      .where('org_path', '>=', t.path)
      .where('org_path', '<', t.path.slice(0, -1) + '0')
      .executeTakeFirstOrThrow();
    if (!best || Number(n.n) > best.people) best = { ...t, people: Number(n.n) };
  }
  if (!best) throw new Error('no town in the org tree');
  return best;
}

type GrowStats = GrowResult & { statsMs: number; vacuum: { town: string; beforeMs: number; afterMs: number; vacuumMs: number } | null };

async function grow(deps: OpenedDeps, target: DbTarget, people: number, limitMs: number | undefined, exactEnvelopes: boolean): Promise<GrowStats> {
  const sink = await target.sink();
  let last = 0;
  try {
    const result = await growPeople({
      db: deps.db,
      cipher: deps.cipher,
      sink,
      target: people,
      exactEnvelopes,
      ...(limitMs !== undefined ? { timeLimitMs: limitMs } : {}),
      onProgress: (rows, elapsed) => {
        if (elapsed - last > 10_000 || rows === people) {
          last = elapsed;
          progress(`${target.label}: ${fmt(rows)} people (${fmt(elapsed / 1000, 1)} s)`);
        }
      },
    });
    progress(`${target.label}: secondary indexes of person rebuilt in ${fmt(result.indexMs / 1000, 1)} s`);
    // What the product does after its own bulk loads (the demo seed): SQLite and PostgreSQL ANALYZE.
    const t = await timeOnce(() => refreshStatistics(deps.db, 'after-bulk-load'));
    progress(`${target.label}: refreshStatistics(after-bulk-load) took ${fmt(t / 1000, 1)} s`);
    let vacuum: GrowStats['vacuum'] = null;
    if (target.dialect === 'postgres') {
      // Right after a bulk load PostgreSQL's visibility map is empty, so count(*) cannot use an index-only scan
      // and reads the heap. Autovacuum's insert-triggered VACUUM fixes that shortly after any bulk load; the bench
      // runs it now (and records the difference) so the measurements show the steady state.
      const town = await deps.db.selectFrom('org_unit').select(['name', 'path']).where('type', '=', 'TOWN').where('valid_to', 'is', null).orderBy('sort_order').limit(1).executeTakeFirstOrThrow();
      const countAll = () => deps.db.selectFrom('person').select(sql<number>`count(*)`.as('n')).where('org_path', '>=', town.path).where('org_path', '<', upperBound(town.path)).execute();
      const timeCount = async () => {
        const runs: number[] = [];
        for (let i = 0; i < 3; i++) runs.push(await timeOnce(countAll));
        return median(runs);
      };
      const beforeMs = await timeCount();
      const vacuumMs = await timeOnce(() => sql`vacuum person`.execute(deps.db));
      const afterMs = await timeCount();
      vacuum = { town: town.name, beforeMs, afterMs, vacuumMs };
      progress(`${target.label}: VACUUM person ${fmt(vacuumMs / 1000, 1)} s; count(*) of ${town.name}'s subtree ${ms(beforeMs)} ms before, ${ms(afterMs)} ms after`);
    }
    return { ...result, statsMs: t, vacuum };
  } finally {
    await sink.close();
  }
}

function listQuery(extra: Partial<ListPeopleQuery> = {}): ListPeopleQuery & { page: number; pageSize: number } {
  return { page: 1, pageSize: 20, ...extra };
}

async function benchDatabase(target: DbTarget): Promise<DbResult> {
  const label = target.label;
  const config = loadConfig(target.env, ROOT);
  const deps = await openDeps(config);
  try {
    const version = await serverVersion(deps.db);
    progress(`${label}: ${version}; seeding the demo county`);
    const seedMs = await timeOnce(async () => {
      const r = await seedDemoIfEmpty(deps);
      if (!r.seeded) throw new Error(`${label}: database was not empty`);
    });
    const seedCounts = { people: await countPeople(deps.db) };
    const accounts = JSON.parse(fs.readFileSync(demoAccountsPath(config), 'utf8')) as DemoAccountsFile;
    const orgHead = accounts.accounts.ORG_HEAD;
    if (!orgHead) throw new Error('demo-accounts.json has no ORG_HEAD account');
    progress(`${label}: demo county seeded in ${fmt(seedMs / 1000, 1)} s; growing to ${fmt(OPT.people)} people`);
    const grown = await grow(deps, target, OPT.people, undefined, true);
    const town = await largestTown(deps);
    progress(`${label}: ${fmt(grown.after)} people; largest town ${town.name} holds ${fmt(town.people)}`);

    // ---- 1. HTTP ----
    const server = await startBenchServer(target.env);
    let session: { cookie: string; token: string };
    const totals: Record<string, number> = {};
    let http: LoadSummary[];
    try {
      session = await login(server.appUrl, orgHead.username, orgHead.password);
      const headers = { cookie: session.cookie, origin: server.appUrl };
      const targets: LoadTarget[] = [
        { key: 'bare', label: 'GET /bare (bare Fastify)', url: `${server.bareUrl}/bare`, headers: {} },
        { key: 'list', label: 'GET /api/people?page=1&pageSize=20', url: `${server.appUrl}/api/people?page=1&pageSize=20`, headers },
        { key: 'q', label: 'GET /api/people?q=zh&page=1&pageSize=20', url: `${server.appUrl}/api/people?q=zh&page=1&pageSize=20`, headers },
        { key: 'org', label: `GET /api/people?orgUnitId=<${town.name}>&page=1&pageSize=20`, url: `${server.appUrl}/api/people?orgUnitId=${town.id}&page=1&pageSize=20`, headers },
      ];
      for (const t of targets.slice(1)) {
        const res = await fetch(t.url, { headers: t.headers });
        const body = (await res.json()) as { total?: number; items?: unknown[] };
        if (res.status !== 200 || typeof body.total !== 'number' || body.items?.length !== 20) throw new Error(`${t.label}: HTTP ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
        totals[t.key] = body.total;
      }
      http = await loadTest(targets, { seconds: OPT.seconds, warmupSeconds: OPT.warmup, rounds: OPT.rounds, connections: OPT.connections, label: `${label} HTTP`, bareUrl: server.bareUrl });
    } finally {
      await server.stop();
    }

    // ---- where one request's time goes (in-process, sequential) ----
    progress(`${label}: per-request breakdown`);
    const actor = await authenticate(deps, session.token);
    const scope = scopePaths(actor, 'people.read');
    const variants: { key: string; label: string; query: ListPeopleQuery; call: ListCall }[] = [
      { key: 'list', label: 'county-wide, by name', query: {}, call: { scope, query: listQuery(), unitPath: null } },
      { key: 'q', label: 'q=zh', query: { q: 'zh' }, call: { scope, query: listQuery({ q: 'zh' }), unitPath: null } },
      { key: 'org', label: `orgUnitId=${town.name}`, query: { orgUnitId: town.id }, call: { scope, query: listQuery({ orgUnitId: town.id }), unitPath: town.path } },
    ];
    const breakdown: Breakdown = [];
    const repeat = async (fn: () => Promise<unknown>, wanted = 15) => {
      // Slow calls (over 750 ms) get the minimum of 3 timed runs, to keep the bench within its time budget.
      const n = (await timeOnce(fn)) > 750 ? 3 : wanted;
      const t: number[] = [];
      for (let i = 0; i < n; i++) t.push(await timeOnce(fn));
      return median(t);
    };
    breakdown.push({ what: 'authenticate (session + user + grants: 3 queries)', ms: await repeat(() => authenticate(deps, session.token)) });
    const listQueries: { label: string; cmp: QueryComparison }[] = [];
    for (const v of variants) {
      breakdown.push({ what: `people service listPeople, ${v.label} (all its queries: unit lookup if filtered, rows, count, titles)`, ms: await repeat(() => listPeopleService({ ...deps, actor }, v.query)) });
      listQueries.push({ label: v.label, cmp: await compareListPeople(deps.db, deps.dialect, target.raw, v.call, Math.max(5, Math.round(OPT.iterations / 2))) });
    }

    // ---- 4. ledger ----
    progress(`${label}: ledger appends`);
    const ledgerOne = await ledgerAppendRate(deps.db, 1);
    const ledgerBatch = await ledgerAppendRate(deps.db, 100);
    progress(`${label}: ledger ${fmt(ledgerOne.opsPerSec)}/s (1 per transaction), ${fmt(ledgerBatch.opsPerSec)}/s (100 per transaction)`);

    // ---- 2. subtree query at scale ----
    progress(`${label}: growing to ${fmt(OPT.scoped)} people${target.growLimitMs ? ` (limit ${fmt(target.growLimitMs / 1000)} s)` : ''}`);
    const scaled = await grow(deps, target, OPT.scoped, target.growLimitMs, false);
    const scaledTown = await largestTown(deps);
    progress(`${label}: ${fmt(scaled.after)} people in ${fmt(scaled.ms / 1000, 1)} s; ${scaledTown.name} subtree holds ${fmt(scaledTown.people)}`);
    const subtree: { label: string; cmp: QueryComparison }[] = [];
    const calls: { label: string; call: ListCall }[] = [
      { label: `town scope (${scaledTown.name}), by name`, call: { scope: [scaledTown.path], query: listQuery(), unitPath: null } },
      ...(OPT.countyAtScale ? [{ label: 'county scope (ORG_HEAD), by name', call: { scope, query: listQuery(), unitPath: null } }] : []),
    ];
    for (const c of calls) {
      const cmp = await compareListPeople(deps.db, deps.dialect, target.raw, c.call, OPT.iterations);
      progress(`${label}: ${c.label}: repository ${ms(cmp.kyselyMs)} ms, raw ${ms(cmp.rawMs)} ms (${ratio(cmp.ratio)}); raw rows ${ms(cmp.rawRowsMs)} ms, raw count ${ms(cmp.rawCountMs)} ms`);
      subtree.push({ label: c.label, cmp });
    }
    return { label, version, describe: deps.describe, seedMs, seedCounts, grow: grown, town, totals, http, breakdown, listQueries, ledgerOne, ledgerBatch, scaled, scaledTown, subtree };
  } finally {
    await deps.destroy();
  }
}

// ---------- report ----------

const ok = (pass: boolean) => (pass ? 'met' : '**missed**');

function planBlock(cmp: QueryComparison): string {
  return ['```', '-- page rows', ...cmp.plan.rows, '-- count', ...cmp.plan.count, '```'].join('\n');
}

function queryTable(items: { label: string; cmp: QueryComparison }[], withTarget: boolean): string {
  return table(
    ['query', 'rows / total', 'runs', 'repository ms', 'raw ms', 'ratio', ...(withTarget ? ['target'] : []), 'raw: page rows only', 'raw: count(*) only'],
    items.map(({ label, cmp }) => [
      label,
      `${cmp.rows} / ${fmt(cmp.total)}`,
      String(cmp.iterations),
      ms(cmp.kyselyMs),
      ms(cmp.rawMs),
      ratio(cmp.ratio),
      ...(withTarget ? [ok(cmp.ratio <= TARGET.queryRatio)] : []),
      ms(cmp.rawRowsMs),
      ms(cmp.rawCountMs),
    ]),
  );
}

type ReportInput = {
  machine: Machine;
  load: { start: number[]; end: number[] };
  started: Date;
  wallSeconds: number;
  command: string;
  dbs: DbResult[];
  skipped: string[];
  hash: HashBaseline;
  bundle: BundleReport | null;
  bundleError: string | null;
  ledgerImport: LedgerImportResult | null;
};

function report(o: ReportInput): string {
  const out: string[] = [];
  const versions = o.dbs.map((d) => d.version).join(', ');
  const loadText = (l: number[]) => l.map((x) => fmt(x, 1)).join(', ');
  const busy = Math.max(...o.load.start, ...o.load.end) > o.machine.cores;
  out.push(`# Bellwether benchmark results

Generated by \`${o.command}\` on ${o.started.toISOString()} in ${fmt(o.wallSeconds / 60, 1)} min. **Do not edit by hand; re-run the bench.**

How to read this file: every figure is the **median of several runs** (the count is given) and sits next to a
**baseline measured in the same run on the same machine**: a bare Fastify route for HTTP, the same SQL executed
raw for queries, raw SHA-256 for the ledger (§5 states its own baselines). Compare ratios across machines, not absolute numbers. "Target" is
the project's goal; a missed target is reported as measured, with the diagnosis next to it.

## Machine

${table(['', ''], [
    ['CPU', `${o.machine.cpu} × ${o.machine.cores} cores`],
    ['RAM', `${fmt(o.machine.ramGiB, 1)} GiB`],
    ['OS', o.machine.platform],
    ['Node', o.machine.node],
    ['Databases', versions || 'none'],
    ['Load average (1, 5, 15 min)', `start ${loadText(o.load.start)}; end ${loadText(o.load.end)}${busy ? ' — **other processes were competing for the CPU; absolute numbers are pessimistic, ratios less affected**' : ''}`],
    ['Command', `\`${o.command}\``],
    ['Date', o.started.toISOString()],
  ])}
${o.skipped.length ? `\nSkipped or failed: ${o.skipped.join('; ')}\n` : ''}
## Data sizes

${table(
    ['database', 'demo county seed', 'people for the API test', 'people for the subtree query', 'town used (largest)'],
    o.dbs.map((d) => [
      d.label,
      `${fmt(d.seedCounts.people ?? 0)} people + org tree, Party orgs, accounts (${fmt(d.seedMs / 1000, 1)} s)`,
      `${fmt(d.grow.after)} (+${fmt(d.grow.inserted)} bulk rows in ${fmt(d.grow.ms / 1000, 1)} s incl. index rebuild ${fmt(d.grow.indexMs / 1000, 1)} s; ANALYZE ${fmt(d.grow.statsMs / 1000, 1)} s)`,
      d.scaled
        ? `${fmt(d.scaled.after)}${d.scaled.reachedTarget ? '' : ` (**stopped at the ${fmt(OPT.pgGrowLimit)} s limit**; target ${fmt(OPT.scoped)})`} (+${fmt(d.scaled.inserted)} in ${fmt(d.scaled.ms / 1000, 1)} s incl. index rebuild ${fmt(d.scaled.indexMs / 1000, 1)} s; ANALYZE ${fmt(d.scaled.statsMs / 1000, 1)} s)`
        : '—',
      `${d.town.name}: ${fmt(d.town.people)} people at ${fmt(d.grow.after)}${d.scaledTown ? `; ${fmt(d.scaledTown.people)} at ${fmt(d.scaled?.after ?? 0)}` : ''}`,
    ]),
  )}

Bulk rows come from \`bench/scale-data.ts\`: people spread over the villages, communities, town organs and county
departments of the demo county (names from the demo's surname frequencies, pinyin keys, valid GB 11643 ID numbers
with unique blind index and mask, 85 % with a mobile number, ~10 % Party members), inserted in 10,000-row
transactions with the person table's secondary indexes dropped and rebuilt afterwards from their own definitions.
Rows up to the API-test size carry their own AES-GCM envelopes; rows added beyond it reuse envelopes from a pool of
4,096 real encryptions (same format and length; the queries never read them).
After each bulk load the bench calls the product's \`refreshStatistics(db, 'after-bulk-load')\` (\`ANALYZE\` on both databases),
as the product does after its own bulk load (the demo seed); the server also runs \`PRAGMA optimize\` when it opens SQLite.
${o.dbs
    .filter((d) => d.grow.vacuum)
    .map(
      (d) => `${d.label} is then \`VACUUM\`ed (person table), as autovacuum does shortly after a bulk insert: until then the visibility map is empty
and \`count(*)\` of a subtree cannot use an index-only scan. \`count(*)\` of one town's subtree before → after VACUUM: ${[d.grow, d.scaled]
        .filter((g): g is GrowStats => g !== null && g.vacuum !== null)
        .map((g) => `${g.vacuum!.town} ${ms(g.vacuum!.beforeMs)} → ${ms(g.vacuum!.afterMs)} ms at ${fmt(g.after)} people (VACUUM took ${fmt(g.vacuum!.vacuumMs / 1000, 1)} s)`)
        .join('; ')}.`,
    )
    .join('\n')}
`);

  out.push(`## 1. People list API at ${fmt(OPT.people)} people

Server in a child process (\`bench/serve.ts\`: \`buildApp\` with every plugin and module; LOG_LEVEL=warn, so no
per-request log lines), load from the parent with autocannon: ${OPT.connections} connections, ${OPT.seconds} s per measurement after a
${OPT.warmup} s warm-up, ${OPT.rounds} rounds; each round measures the baseline and every route back to back, and waits until the
server has finished requests still in flight. Logged in as the ORG_HEAD demo account (county-wide scope); session
cookie and \`origin\` header sent. Baseline: \`GET /bare\` of a bare Fastify instance (no plugins, no logger) in the same
process. Ratio = route req/s ÷ bare req/s (target ≥ ${TARGET.rpsRatio}); p99 target < ${TARGET.p99Ms} ms. The default sort is by name (pinyin).
`);
  for (const d of o.dbs) {
    const bare = d.http.find((h) => h.target.key === 'bare')!;
    out.push(`### ${d.version}

${table(
      ['route', 'rows matched (total)', 'req/s', 'ratio to bare', 'p50 ms', 'p99 ms', 'ratio target', 'p99 target', 'req/s of each run'],
      d.http.map((h) => {
        const isBare = h.target.key === 'bare';
        const r = h.rps / bare.rps;
        return [
          `\`${h.target.label}\``,
          isBare ? '—' : fmt(d.totals[h.target.key] ?? 0),
          fmt(h.rps, h.rps < 10 ? 1 : 0),
          isBare ? 'baseline' : ratio(r),
          fmt(h.p50, 0),
          fmt(h.p99, 0),
          isBare ? '' : ok(r >= TARGET.rpsRatio),
          isBare ? '' : ok(h.p99 < TARGET.p99Ms),
          h.runs.map((x) => fmt(x.rps, x.rps < 10 ? 1 : 0)).join(' / ') + (h.bad ? ` (**${h.bad} non-2xx/errors**)` : ''),
        ];
      }),
    )}

Where one request's time goes (in-process, one call at a time, median; the HTTP figures above add Fastify
routing, validation, serialisation and 10 concurrent requests on one event loop):

${table(['step', 'ms'], d.breakdown.map((b) => [b.what, ms(b.ms)]))}

The two statements of \`listPeople\` for each route (SQL captured from Kysely), through the repository and raw, and
split into their parts:

${queryTable(d.listQueries, false)}

<details><summary>Plans</summary>

${d.listQueries.map((x) => `${x.label}:\n\n${planBlock(x.cmp)}`).join('\n\n')}

</details>
`);
  }

  out.push(`## 2. Subtree query at ${fmt(OPT.scoped)} people

The query the product runs for a town-scoped user: \`listPeople\` in people.repository.ts (\`person.org_path\` range
of the town's subtree, first page of 20 ordered by name pinyin with the unit name and cadre rank joined, plus the
total \`count(*)\`; SQL below), called through the repository (Kysely), against the same SQL text and parameters
captured from Kysely's query log and executed raw (better-sqlite3 statement prepared once / pg pool running both
statements in parallel, like listPeople's \`Promise.all\`). Alternating runs after a warm-up; target ratio ≤ ${TARGET.queryRatio}×.
`);
  for (const d of o.dbs) {
    if (!d.scaled) continue;
    out.push(`### ${d.version}: ${fmt(d.scaled.after)} people${d.scaled.reachedTarget ? '' : ` (growth stopped at the time limit; target was ${fmt(OPT.scoped)})`}

${queryTable(d.subtree, true)}

${d.subtree.map((x) => `Plan, ${x.label}:\n\n${planBlock(x.cmp)}`).join('\n\n')}
`);
  }
  const sqlSample = o.dbs[0]?.subtree[0]?.cmp.sql;
  if (sqlSample) out.push(`SQL (${o.dbs[0]!.label}, captured from Kysely):\n\n\`\`\`sql\n${sqlSample.rows};\n${sqlSample.count};\n\`\`\`\n`);

  out.push(`## 3. First route's JavaScript\n`);
  if (o.bundle) {
    const b = o.bundle;
    out.push(`From \`web/dist/index.html\` (built ${b.builtAt}${b.built ? ' by this run' : ''}): the module entry script and its \`modulepreload\` links; gzip = node:zlib level 9.
Budget ${GZIP_BUDGET_KB} KB gzip: **${ok(b.gzipKB <= GZIP_BUDGET_KB)}** (${fmt(b.gzipKB, 1)} KB = ${fmt((100 * b.gzipKB) / GZIP_BUDGET_KB, 0)} % of the budget).

${table(['file', 'raw KB', 'gzip KB'], [...b.initial.map((a) => [a.file, fmt(a.rawKB, 1), fmt(a.gzipKB, 1)]), ['**JavaScript total**', `**${fmt(b.rawKB, 1)}**`, `**${fmt(b.gzipKB, 1)}**`], ...b.css.map((a) => [`${a.file} (CSS, not counted)`, fmt(a.rawKB, 1), fmt(a.gzipKB, 1)])])}

Lazy route chunks (loaded on navigation; "adds" = the chunk plus its dependencies that are not in the first load):

${table(['chunk', 'raw KB', 'gzip KB', 'adds gzip KB', 'extra dependencies'], b.lazy.map((l) => [l.file, fmt(l.rawKB, 1), fmt(l.gzipKB, 1), fmt(l.extraGzipKB, 1), l.extraDeps.join(', ') || '—']))}
`);
  } else out.push(`Not measured: ${o.bundleError ?? 'unknown error'}\n`);

  out.push(`## 4. Ledger append vs raw hashing

Baseline: SHA-256 of a 1 KB payload in a tight loop: **${fmt(o.hash.opsPerSec)} hashes/s** (median of ${o.hash.runs.length} runs).
Measured: \`appendLedgerEvent\` with a ~1 KB payload (lock, read the chain head, canonical JSON, two hashes, insert),
median of 3 runs of 1.5 s, on the database of §1.

${table(
    ['database', 'appends/s, 1 per transaction (as each business write)', 'ratio to raw hashing', 'µs per append', 'appends/s, 100 per transaction', 'ratio to raw hashing', 'µs per append'],
    o.dbs.map((d) => [
      d.version,
      fmt(d.ledgerOne.opsPerSec),
      ratio(d.ledgerOne.opsPerSec / o.hash.opsPerSec),
      fmt(1e6 / d.ledgerOne.opsPerSec),
      fmt(d.ledgerBatch.opsPerSec),
      ratio(d.ledgerBatch.opsPerSec / o.hash.opsPerSec),
      fmt(1e6 / d.ledgerBatch.opsPerSec),
    ]),
  )}

One SHA-256 of 1 KB takes ${fmt(1e6 / o.hash.opsPerSec, 1)} µs.

Hashing is not the cost of an append: the gap between the two columns is the commit (SQLite \`synchronous=FULL\`
fsync / PostgreSQL WAL flush); the rest is the serialised read of the chain head and the insert.
`);
  out.push(o.ledgerImport ? ledgerImportReport(o.ledgerImport) : `## 5. Ledger, verification and import (issue 3)\n\nNot measured (--no-ledger-import).\n`);
  return out.join('\n');
}

// ---------- main ----------

async function main(): Promise<void> {
  const started = new Date();
  const loadStart = os.loadavg();
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''} (= tsx bench/run.ts)`;
  fs.rmSync(DATA, { recursive: true, force: true });
  fs.mkdirSync(DATA, { recursive: true });
  const masterKey = randomBytes(32).toString('base64');
  const skipped: string[] = [];
  const dbs: DbResult[] = [];
  let exitCode = 0;

  if (OPT.only === 'ledger-import') {
    const result = await runLedgerImportBench(ledgerImportOptions(process.argv), command, path.join(DATA, 'ledger-import'));
    spliceSection(RESULTS, ledgerImportReport(result));
    if (!OPT.keep) fs.rmSync(DATA, { recursive: true, force: true });
    progress(`replaced §5 of ${path.relative(ROOT, RESULTS)} (${fmt(elapsedSeconds() / 60, 1)} min)`);
    process.exit(result.failed ? 1 : 0);
  } else if (OPT.only === 'evaluation') {
    // issue 4 deliverable 9 (evaluation parts): its own section of RESULTS.md, replaced in place
    const result = await runEvaluationBench(evaluationBenchOptions(process.argv), path.join(DATA, 'evaluation'));
    spliceEvaluationSection(RESULTS, result.section);
    if (!OPT.keep) fs.rmSync(DATA, { recursive: true, force: true });
    progress(`replaced the evaluation section of ${path.relative(ROOT, RESULTS)} (${fmt(elapsedSeconds() / 60, 1)} min)`);
    process.exit(result.failed ? 1 : 0);
  } else if (OPT.only === 'o2o') {
    // issue 5 deliverable 10: §7 of RESULTS.md, replaced in place
    const result = await runO2oBench(o2oBenchOptions(process.argv), path.join(DATA, 'o2o'), command);
    spliceO2oSection(RESULTS, result.section);
    if (!OPT.keep) fs.rmSync(DATA, { recursive: true, force: true });
    progress(`replaced §7 of ${path.relative(ROOT, RESULTS)} (${fmt(elapsedSeconds() / 60, 1)} min)`);
    process.exit(result.failed ? 1 : 0);
  } else if (OPT.only !== null) throw new Error(`--only=${OPT.only}: only --only=ledger-import, --only=evaluation or --only=o2o is supported`);

  progress(`options ${JSON.stringify(OPT)}`);
  progress('raw SHA-256 baseline');
  const hash = rawHashing();

  const targets: (() => Promise<DbTarget>)[] = [async () => sqliteTarget(masterKey)];
  if (OPT.pg) {
    const problem = await pgReachable(pgBaseUrl());
    if (problem) {
      skipped.push(`PostgreSQL at ${redact(pgBaseUrl())} unreachable (${problem})`);
      progress(`PostgreSQL skipped: ${problem}`);
    } else targets.push(() => postgresTarget(masterKey));
  } else skipped.push('PostgreSQL (--no-pg)');

  for (const make of targets) {
    const target = await make();
    // Ctrl-C during a run still drops the PostgreSQL schema.
    const onInterrupt = () => {
      void (OPT.keep ? Promise.resolve() : target.drop()).finally(() => process.exit(130));
    };
    process.once('SIGINT', onInterrupt);
    try {
      dbs.push(await benchDatabase(target));
    } catch (e) {
      exitCode = 1;
      const msg = e instanceof Error ? (e.stack ?? e.message) : String(e);
      skipped.push(`${target.label} failed: ${msg.split('\n')[0]!}`);
      console.error(`${target.label} bench failed:`, msg);
    } finally {
      process.off('SIGINT', onInterrupt);
      if (!OPT.keep) await target.drop().catch((e: unknown) => console.error('drop failed', e));
    }
  }

  progress('web bundle');
  let bundle: BundleReport | null = null;
  let bundleError: string | null = null;
  try {
    bundle = analyseWebBundle(ROOT);
  } catch (e) {
    bundleError = e instanceof Error ? e.message : String(e);
  }

  let ledgerImport: LedgerImportResult | null = null;
  if (OPT.ledgerImport) {
    progress('§5: ledger, verification and import (issue 3)');
    ledgerImport = await runLedgerImportBench(ledgerImportOptions(process.argv), command, path.join(DATA, 'ledger-import'));
    if (ledgerImport.failed) exitCode = 1;
  }

  const load = { start: loadStart, end: os.loadavg() };
  fs.writeFileSync(RESULTS, report({ machine: machine(), load, started, wallSeconds: elapsedSeconds(), command, dbs, skipped, hash, bundle, bundleError, ledgerImport }));
  if (!OPT.keep) fs.rmSync(DATA, { recursive: true, force: true });
  progress(`wrote ${path.relative(ROOT, RESULTS)} (${fmt(elapsedSeconds() / 60, 1)} min)`);
  process.exit(exitCode);
}

await main();
