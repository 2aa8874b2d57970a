/**
 * Issue 4 deliverable 9 (evaluation parts), each against a baseline measured in the same run:
 *
 * 1. aggregation: per-cadre five-dimension scores with suppression and peer percentiles over `--eval-cadres` ×
 *    `--eval-raters` ballots (default 100,000 × 50 = 5,000,000), the product's path (GROUP BY evaluation × group
 *    with count/sum/sum of squares, then evaluation.scoring.ts for suppression, composite and grade, then
 *    percentiles), as a ratio to a plain `GROUP BY evaluation_id` with averages over the same table (target ≤ 1.5×);
 * 2. the results page of a closed evaluation (GET /api/evaluations/:id/results, in-process inject; target < 200 ms);
 * 3. rater submissions per second through the API (POST /api/public/evaluations/ballots, in-process inject,
 *    `--eval-concurrency` in flight) as a ratio to a bare route doing one durable insert in a transaction on the same
 *    database (target ≥ 0.8×).
 *
 *   tsx bench/evaluation-bench.ts [--write] [--eval-cadres=100000] [--eval-raters=50] [--eval-submissions=2000] [--no-pg]
 *   npm run bench -- --only=evaluation          run.ts: only this part; its section of RESULTS.md is replaced in place
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Fastify from 'fastify';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { RATER_GROUPS } from '../contracts/evaluation.ts';
import { createDatabase, inTransaction, migrateToLatest, type Db } from '../server/db/database.ts';
import { rawDriverOf, serverVersion, type DialectName } from '../server/db/dialect.ts';
import { DEFAULT_SETTINGS } from '../server/modules/evaluation/evaluation.defaults.ts';
import { percentileRanker } from '../server/modules/evaluation/evaluation.scoring.ts';
import { ballotWriterStats, scoreFromBallots, type ScoreSubject } from '../server/modules/evaluation/evaluation.service.ts';
import { closedEvaluationWith, createEvaluationVia, issueVia, answersAll } from '../server/modules/evaluation/evaluation.test-fixtures.ts';
import { createTestApp } from '../server/test/test-app.ts';
import { configureGroupCommit, DEFAULT_GROUP_COMMIT_BATCH } from '../server/platform/group-commit.ts';
import { fmt, machine, median, ms, progress, ratio, table } from './lib.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
export const EVALUATION_SECTION_TITLE = '## 6. Reverse evaluation (issue 4)';

export type EvaluationBenchOptions = { cadres: number; raters: number; runs: number; submissions: number; concurrency: number; pg: boolean };

export function evaluationBenchOptions(argv: readonly string[]): EvaluationBenchOptions {
  const option = (name: string, fallback: number) => {
    const arg = argv.find((a) => a.startsWith(`--${name}=`));
    const n = arg ? Number(arg.slice(name.length + 3)) : fallback;
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer`);
    return n;
  };
  return {
    cadres: option('eval-cadres', 100_000),
    raters: option('eval-raters', 50),
    runs: option('eval-runs', 3),
    submissions: option('eval-submissions', 2000),
    concurrency: option('eval-concurrency', 10),
    pg: !argv.includes('--no-pg'),
  };
}

type DbRun = { label: string; version: string; ballots: number; loadSeconds: number; plainMs: number; productMs: number; resultsMs: number; submitRps: number; bareRps: number; ungroupedRps: number; largestBatch: number };

// ---------- 1. aggregation ----------

const evaluationIdOf = (c: number) => `e${String(c).padStart(7, '0')}`;

const BALLOT_COLUMNS = ['id', 'evaluation_id', 'rater_group', 'virtue', 'ability', 'diligence', 'performance', 'integrity', 'overall', 'integrity_answer'] as const;

/**
 * Loads `cadres` × `raters` ballots as the product stores them (random UUIDv4 ids, no timestamp), through the raw
 * driver in one transaction: SQLite one prepared INSERT per row (with a larger page cache while loading), PostgreSQL
 * multi-row INSERT … SELECT FROM unnest(string_to_array(column text)) in chunks of 10,000 (five round trips per 50,000
 * ballots). The secondary index (evaluation, group) (and on PostgreSQL the primary key) is dropped for the load and
 * built again after it, with the migration's definition.
 */
async function loadBallots(db: Db, dialect: DialectName, cadres: number, raters: number): Promise<number> {
  await sql`drop index evaluation_ballot_eval_idx`.execute(db);
  // PostgreSQL: the primary key too (5,000,000 random UUIDs inserted one by one into a B-tree larger than
  // shared_buffers cost far more than one sorted build); SQLite's WITHOUT ROWID table is its primary key
  if (dialect === 'postgres') await sql`alter table evaluation_ballot drop constraint evaluation_ballot_pkey`.execute(db);
  const total = await insertBallots(db, cadres, raters);
  if (dialect === 'postgres') await sql`alter table evaluation_ballot add constraint evaluation_ballot_pkey primary key (id)`.execute(db);
  await db.schema.createIndex('evaluation_ballot_eval_idx').on('evaluation_ballot').columns(['evaluation_id', 'rater_group']).execute();
  return total;
}

async function insertBallots(db: Db, cadres: number, raters: number): Promise<number> {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  // one ballot as a column tuple (group sizes vary so some groups fall under k: 3 supervising leaders, the rest spread)
  function* ballots(): Generator<(string | number)[]> {
    for (let c = 0; c < cadres; c++) {
      const evaluationId = evaluationIdOf(c);
      const q = 60 + rnd() * 35;
      for (let r = 0; r < raters; r++) {
        const group = r < 3 ? 'SUPERVISING_LEADER' : RATER_GROUPS[1 + (r % 5)]!;
        // scores to 0.01, as a questionnaire's weighted option points are (not 17 random digits)
        const s = () => Math.round(Math.max(0, Math.min(100, q + (rnd() - 0.5) * 30)) * 100) / 100;
        const v = s();
        const a = s();
        const d = s();
        const p = s();
        const i = s();
        yield [randomUUID(), evaluationId, group, v, a, d, p, i, Math.round((v + a + d + p + i) * 20) / 100, rnd() < 0.05 ? 'HEARD_CONCERNS' : 'NO_ISSUE'];
      }
    }
  }
  const raw = rawDriverOf(db);
  let total = 0;
  if (raw?.name === 'sqlite') {
    const database = raw.database;
    const cache = database.pragma('cache_size', { simple: true }) as number;
    database.pragma('cache_size = -262144');
    try {
      const insert = database.prepare(`insert into evaluation_ballot (${BALLOT_COLUMNS.join(', ')}, free_text_enc) values (${BALLOT_COLUMNS.map(() => '?').join(', ')}, null)`);
      database.transaction(() => {
        for (const b of ballots()) {
          insert.run(b);
          total++;
        }
      })();
    } finally {
      database.pragma(`cache_size = ${cache}`);
    }
    return total;
  }
  if (raw?.name !== 'postgres') throw new Error('loadBallots: a pooled PostgreSQL or a SQLite database');
  const client = await raw.pool.connect();
  const types = ['text', 'text', 'text', 'float8', 'float8', 'float8', 'float8', 'float8', 'float8', 'text'];
  // each column as one comma-separated text (no commas in ids, group names or numbers), split on the server
  const text = `insert into evaluation_ballot (${BALLOT_COLUMNS.join(', ')}) select * from unnest(${types.map((t, i) => `string_to_array($${i + 1}, ',')::${t}[]`).join(', ')})`;
  try {
    await client.query('begin');
    let columns: (string | number)[][] = BALLOT_COLUMNS.map(() => []);
    const flush = async () => {
      if (columns[0]!.length === 0) return;
      await client.query({ name: 'bench_ballots', text, values: columns.map((c) => c.join(',')) });
      columns = BALLOT_COLUMNS.map(() => []);
    };
    for (const b of ballots()) {
      for (let i = 0; i < b.length; i++) columns[i]!.push(b[i]!);
      total++;
      if (columns[0]!.length >= 10_000) await flush();
    }
    await flush();
    await client.query('commit');
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
  return total;
}

async function plainGroupBy(db: Db): Promise<number> {
  const r = await sql<{ evaluation_id: string }>`select evaluation_id, count(*) as n, avg(virtue) as v, avg(ability) as a, avg(diligence) as d, avg(performance) as p, avg(integrity) as i, avg(overall) as o from evaluation_ballot group by evaluation_id`.execute(db);
  return r.rows.length;
}

/**
 * The product's path: `scoreFromBallots` (the function that closes an evaluation: one GROUP BY evaluation × group over
 * the ballots, then suppression, composite and grade per evaluation), then percentiles among all (one peer class here)
 * with the product's ranker.
 */
async function productAggregation(db: Db, subjects: ReadonlyMap<string, ScoreSubject>): Promise<number> {
  const scored = await scoreFromBallots(db, subjects);
  const composites: number[] = [];
  for (const s of scored) if (s.result.composite !== null) composites.push(s.result.composite);
  const rank = percentileRanker(composites);
  let sum = 0;
  for (const s of scored) if (s.result.composite !== null) sum += rank(s.result.composite) ?? 0;
  return scored.length + Math.round(sum * 0);
}

// ---------- 2 + 3. API ----------

async function apiFigures(dialect: DialectName, o: EvaluationBenchOptions, sqliteFile: string): Promise<{ resultsMs: number; submitRps: number; bareRps: number; ungroupedRps: number; largestBatch: number }> {
  // SQLite: a file opened as in production (WAL, synchronous=FULL), so "durable" means an fsync per commit for the
  // bare route and for the product alike; PostgreSQL commits are durable by default (synchronous_commit=on).
  for (const f of [sqliteFile, `${sqliteFile}-wal`, `${sqliteFile}-shm`]) fs.rmSync(f, { force: true });
  const t = await createTestApp(dialect, dialect === 'sqlite' ? { sqliteFile } : {});
  try {
    const subject = t.world.people.townSecretary.id;
    const closed = await closedEvaluationWith(t, 'ORG_CADRE_SECTION', subject, { SUPERVISING_LEADER: 3, COLLEAGUES: 12, GENERAL_STAFF: 15, SUBORDINATE_UNITS: 8, SERVICE_RECIPIENTS: 10, DISCIPLINE_ORGAN: 2 });
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      const res = await t.get('ORG_HEAD', `/api/evaluations/${closed}/results`);
      times.push(performance.now() - t0);
      if (res.statusCode !== 200) throw new Error(`results: ${res.statusCode}`);
    }
    // submissions: tokens issued up front, then `concurrency` requests in flight
    const ev = await createEvaluationVia(t, 'ORG_CADRE_SECTION', subject, [{ group: 'COLLEAGUES', tokenCount: 500 }, { group: 'GENERAL_STAFF', tokenCount: 500 }, { group: 'SERVICE_RECIPIENTS', tokenCount: 500 }, { group: 'SUBORDINATE_UNITS', tokenCount: 500 }]);
    const n = Math.min(o.submissions, 2000);
    const per = Math.ceil(n / 4);
    const issued = await issueVia(t, 'ORG_CADRE_SECTION', ev.id, ['COLLEAGUES', 'GENERAL_STAFF', 'SERVICE_RECIPIENTS', 'SUBORDINATE_UNITS'].map((g) => ({ group: g as 'COLLEAGUES', count: per })));
    await t.post('ORG_CADRE_SECTION', `/api/evaluations/${ev.id}/open`);
    const tokens = issued.groups.flatMap((g) => g.tokens).slice(0, n);
    const answers = answersAll('B');
    const submit = async (i: number) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/public/evaluations/ballots', remoteAddress: `10.0.${(i >> 8) & 255}.${i & 255}`, headers: { origin: 'http://localhost:80' }, payload: { token: tokens[i], answers, integrity: 'NO_ISSUE' } });
      if (res.statusCode !== 200) throw new Error(`submit: ${res.statusCode} ${res.body}`);
    };
    // First half with group commit off (one commit per ballot), second half as the product runs (concurrent ballots
    // share a commit, platform/group-commit.ts).
    const half = Math.floor(n / 2);
    configureGroupCommit(t.db, 1);
    const ungroupedRps = await rate(half, o.concurrency, submit);
    configureGroupCommit(t.db, DEFAULT_GROUP_COMMIT_BATCH);
    const before = ballotWriterStats(t.db).largestBatch;
    const submitRps = await rate(n - half, o.concurrency, (i) => submit(half + i));
    const largestBatch = Math.max(before, ballotWriterStats(t.db).largestBatch);

    // the bare durable insert route: one row in one transaction, same database, same Fastify + inject path
    await sql`create table bench_bare (id text primary key, v text not null)`.execute(t.db);
    const bare = Fastify({ logger: false });
    bare.post('/bare', async (req) => {
      await inTransaction(t.db, async (trx) => {
        await sql`insert into bench_bare (id, v) values (${randomUUID()}, ${JSON.stringify(req.body)})`.execute(trx);
      });
      return { ok: true };
    });
    await bare.ready();
    const bareRps = await rate(n - half, o.concurrency, async () => {
      const res = await bare.inject({ method: 'POST', url: '/bare', payload: { answers, integrity: 'NO_ISSUE' } });
      if (res.statusCode !== 200) throw new Error(`bare: ${res.statusCode}`);
    });
    await bare.close();
    return { resultsMs: median(times.slice(5)), submitRps, bareRps, ungroupedRps, largestBatch };
  } finally {
    await t.close();
  }
}

async function rate(n: number, concurrency: number, one: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await one(next++);
    }),
  );
  return n / ((performance.now() - t0) / 1000);
}

// ---------- driver ----------

async function benchOne(label: 'SQLite' | 'PostgreSQL', url: string, dialect: DialectName, o: EvaluationBenchOptions, schema?: string): Promise<DbRun> {
  const h = createDatabase(url, schema ? { schema } : {});
  try {
    await migrateToLatest(h.db);
    progress(`${label}: loading ${fmt(o.cadres * o.raters)} ballots`);
    const t0 = performance.now();
    const ballots = await loadBallots(h.db, dialect, o.cadres, o.raters);
    const loadSeconds = (performance.now() - t0) / 1000;
    if (dialect === 'postgres') await sql`vacuum analyze evaluation_ballot`.execute(h.db);
    else await sql`analyze`.execute(h.db);
    // what closing knows of each evaluation (subject, campaign, settings); the ballot table has no foreign key
    const subjects = new Map<string, ScoreSubject>();
    for (let c = 0; c < o.cadres; c++) subjects.set(evaluationIdOf(c), { personId: `p${c}`, campaignId: null, closedAt: null, settings: DEFAULT_SETTINGS });
    const plain: number[] = [];
    const product: number[] = [];
    // at small scale one unmeasured run of each first (JIT warm-up would otherwise weigh on the product's JS), then alternate
    if (ballots < 1_000_000) {
      await plainGroupBy(h.db);
      await productAggregation(h.db, subjects);
    }
    for (let i = 0; i < o.runs; i++) {
      // alternate the order so caches favour neither side
      for (const side of i % 2 ? ['product', 'plain'] : ['plain', 'product']) {
        const s = performance.now();
        if (side === 'plain') await plainGroupBy(h.db);
        else await productAggregation(h.db, subjects);
        (side === 'plain' ? plain : product).push(performance.now() - s);
      }
    }
    progress(`${label}: API figures`);
    const api = await apiFigures(dialect, o, `${url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : 'bench'}-api.sqlite`);
    return { label, version: await serverVersion(h.db as Kysely<unknown> as never), ballots, loadSeconds, plainMs: median(plain), productMs: median(product), ...api };
  } finally {
    await h.destroy();
  }
}

export async function runEvaluationBench(o: EvaluationBenchOptions, dataDir: string): Promise<{ section: string; failed: boolean }> {
  fs.mkdirSync(dataDir, { recursive: true });
  const runs: DbRun[] = [];
  const notes: string[] = [];
  const file = path.join(dataDir, 'evaluation.sqlite');
  try {
    runs.push(await benchOne('SQLite', `sqlite:${file}`, 'sqlite', o));
  } finally {
    for (const base of [file, `${file}-api.sqlite`]) for (const f of [base, `${base}-wal`, `${base}-shm`]) fs.rmSync(f, { force: true });
  }
  if (o.pg) {
    const base = process.env.PG_URL || 'postgres://postgres@127.0.0.1:5432/test';
    const schema = `bench_eval_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    try {
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      process.env.PG_URL ??= base;
      runs.push(await benchOne('PostgreSQL', base, 'postgres', o, schema));
    } catch (e) {
      notes.push(`PostgreSQL skipped or failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      await admin.query(`drop schema if exists ${schema} cascade`).catch(() => undefined);
      await admin.end().catch(() => undefined);
    }
  }
  const m = machine();
  const failed = runs.some((r) => r.productMs / r.plainMs > 1.5 || r.resultsMs >= 200 || r.submitRps / r.bareRps < 0.8);
  const section = `${EVALUATION_SECTION_TITLE}

Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB, ${m.platform}, Node ${m.node}. Scale: ${fmt(o.cadres)} cadres × ${fmt(o.raters)} raters${o.cadres * o.raters < 5_000_000 ? ' (reduced from the 100,000 × 50 of the issue; run with --eval-cadres=100000 for full scale)' : ''}; medians of ${o.runs} runs.

${table(
  ['database', 'ballots', 'load s', 'plain GROUP BY ms', 'scores + suppression + percentiles ms', 'ratio (target ≤ 1.5×)', 'results page ms (target < 200)', 'submissions/s', 'bare durable insert/s', 'ratio (target ≥ 0.8×)', 'submissions/s, one commit each', 'ratio', 'largest batch'],
  runs.map((r) => [`${r.label} (${r.version})`, fmt(r.ballots), fmt(r.loadSeconds, 1), ms(r.plainMs), ms(r.productMs), ratio(r.productMs / r.plainMs), ms(r.resultsMs), fmt(r.submitRps), fmt(r.bareRps), ratio(r.submitRps / r.bareRps), fmt(r.ungroupedRps), ratio(r.ungroupedRps / r.bareRps), fmt(r.largestBatch)]),
)}

The aggregation is the product's close path (\`scoreFromBallots\`: one GROUP BY evaluation × group over the ballots with
count, six sums, the sum of squares of the overall score and two integrity counts, then suppression, composite and grade
per evaluation) plus peer percentiles (\`percentileRanker\`); the plain query is one GROUP BY evaluation with averages.
The results page reads the stored five-dimension row and six rollup rows and appends one ledger event; submissions are
${o.concurrency} in flight through the full HTTP stack in-process (policy hook, validation, rate limiter with a distinct
address per rater), each: one read of token and evaluation, then written with the ballots that arrived meanwhile (one
conditional UPDATE of their tokens, one multi-row ballot INSERT, one rollup UPDATE per evaluation × group) in one
durable commit (group commit, \`BELLWETHER_GROUP_COMMIT_BATCH\`; a kill -9 loses no acknowledged submission:
o2o.intake-crash.test.ts). The column "one commit each" is the same route with batching off (batch size 1). SQLite runs
on a file with the product's pragmas (WAL, synchronous=FULL), the bare route on the same file.
${notes.length ? `\n${notes.map((n) => `- ${n}`).join('\n')}\n` : ''}`;
  return { section, failed };
}

export function spliceEvaluationSection(resultsFile: string, section: string): void {
  const current = fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, 'utf8') : '# Bellwether benchmark results\n';
  const start = current.indexOf(EVALUATION_SECTION_TITLE);
  if (start < 0) {
    fs.writeFileSync(resultsFile, `${current.trimEnd()}\n\n${section.trimEnd()}\n`);
    return;
  }
  const next = current.indexOf('\n## ', start + EVALUATION_SECTION_TITLE.length);
  fs.writeFileSync(resultsFile, `${current.slice(0, start)}${section.trimEnd()}\n${next < 0 ? '' : current.slice(next)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const o = evaluationBenchOptions(process.argv.slice(2));
  const out = await runEvaluationBench(o, path.join(ROOT, 'bench', '.data', 'evaluation'));
  if (process.argv.includes('--write')) spliceEvaluationSection(path.join(ROOT, 'bench', 'RESULTS.md'), out.section);
  console.log(out.section);
  process.exit(out.failed ? 1 : 0);
}
