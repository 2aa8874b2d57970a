/**
 * Issue 5 deliverable 10: O2O citizen matters, each part against a baseline measured in the same run, on SQLite (a
 * file opened by the product: WAL + synchronous=FULL) and PostgreSQL (a fresh schema on PG_URL, dropped at the end).
 * Every database is a fresh one seeded with the demo county (openDeps + seedDemoIfEmpty).
 *
 * 1. Intake through real HTTP. A child process (bench/o2o-serve.ts) serves the application (buildApp) and, on a second
 *    port, a bare Fastify route doing one durable raw insert per request in its own transaction on the same database
 *    handle. autocannon drives `--o2o-connections` connections at (a) the bare route, (b) POST /api/public/o2o/matters
 *    with group commit off (configureGroupCommit(db, 1): one commit per matter), (c) the same with group commit on
 *    (DEFAULT_GROUP_COMMIT_BATCH); every request carries its own X-Forwarded-For (BELLWETHER_TRUST_PROXY=1), so the
 *    per-IP rate limit (5/min) applies as for real citizens and is not what is measured. Rounds rotate the order of
 *    the three targets; medians of `--o2o-rounds` rounds of `--o2o-seconds`. Targets: (b)/(a) ≥ 0.8×, (c)/(a) ≥ 3×.
 * 2. Dashboard at `--o2o-matters` matters (default 1,000,000): bulk-generated over the three years before today across
 *    the demo villages and towns (category, urgency, channel, timing and outcome mixes of o2o.demo.ts; a few % open,
 *    some overdue), with the o2o_rollup rows they imply (built as o2o.demo.ts builds them), inserted raw in chunks with
 *    the secondary indexes dropped and rebuilt. Then p50/p99 of GET /api/o2o/dashboard/summary and /trend (in-process
 *    inject, `--o2o-requests` sequential requests each after a warm-up): county-wide as ORG_HEAD and one town as the
 *    town secretary, default period and the last year. Target p99 < 100 ms. Baseline for context: the same kind of
 *    figures by full scans of citizen_matter (count(*) grouped), `--o2o-scan-runs` runs.
 *
 *   npm run bench -- --only=o2o [--o2o-matters=1000000] [--o2o-seconds=5] [--o2o-rounds=3] [--o2o-connections=32]
 *                                [--o2o-requests=50] [--o2o-scan-runs=1] [--no-pg] [--keep]
 *   tsx bench/o2o-bench.ts [--write] [same options]
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { buildApp } from '../server/app.ts';
import { demoAccountsPath, openDeps, seedDemoIfEmpty, type DemoAccountsFile, type OpenedDeps } from '../server/bootstrap.ts';
import { loadConfig } from '../server/config.ts';
import { refreshStatistics, serverVersion } from '../server/db/dialect.ts';
import { cstDate, endOfCstDay, isWorkingDay, loadWorkCalendar, type WorkCalendar } from '../server/platform/calendar/index.ts';
import { maskPhone } from '../server/platform/crypto.ts';
import { DEFAULT_GROUP_COMMIT_BATCH } from '../server/platform/group-commit.ts';
import { upperBound } from '../server/platform/scope.ts';
import { Rng } from '../server/modules/demo/demo-county.generator.ts';
import { startBenchServer, type BenchServer } from './http-bench.ts';
import { fmt, machine, median, ms, progress, ratio, table } from './lib.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
export const O2O_SECTION_TITLE = '## 7. O2O citizen matters (issue 5)';
const TARGET = { ungrouped: 0.8, grouped: 3, p99Ms: 100 };

export type O2oBenchOptions = { matters: number; seconds: number; warmup: number; rounds: number; connections: number; requests: number; scanRuns: number; pg: boolean; keep: boolean };

export function o2oBenchOptions(argv: readonly string[]): O2oBenchOptions {
  const option = (name: string, fallback: number) => {
    const arg = argv.find((a) => a.startsWith(`--${name}=`));
    const n = arg ? Number(arg.slice(name.length + 3)) : fallback;
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
    return n;
  };
  return {
    matters: Math.round(option('o2o-matters', 1_000_000)),
    seconds: option('o2o-seconds', 5),
    warmup: option('o2o-warmup', 1),
    rounds: Math.round(option('o2o-rounds', 3)),
    connections: Math.round(option('o2o-connections', 32)),
    requests: Math.max(50, Math.round(option('o2o-requests', 50))),
    scanRuns: Math.round(option('o2o-scan-runs', 1)),
    pg: !argv.includes('--no-pg'),
    keep: argv.includes('--keep'),
  };
}

// ---------- databases ----------

type Target = { label: 'SQLite' | 'PostgreSQL'; url: string; sqliteFile: string | null; dispose: () => Promise<void> };

function pgBaseUrl(): string {
  return process.env.PG_URL || 'postgres://postgres@127.0.0.1:5432/test';
}

async function sqliteTarget(dir: string): Promise<Target> {
  const file = path.join(dir, 'o2o.sqlite');
  fs.mkdirSync(dir, { recursive: true });
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  return { label: 'SQLite', url: `sqlite:${file}`, sqliteFile: file, dispose: async () => undefined };
}

async function postgresTarget(keep: boolean): Promise<Target> {
  const base = pgBaseUrl();
  const schema = `bench_o2o_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 3000 });
  await admin.connect();
  try {
    await admin.query(`create schema ${schema}`);
  } finally {
    await admin.end();
  }
  return {
    label: 'PostgreSQL',
    url: `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    sqliteFile: null,
    dispose: async () => {
      if (keep) return;
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
      progress(`PostgreSQL: schema ${schema} dropped`);
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
    BELLWETHER_TRUST_PROXY: '1',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: '0',
  };
}

type Place = { id: string; path: string; townId: string; isVillage: boolean };

async function placesOf(deps: OpenedDeps): Promise<Place[]> {
  const units = await deps.db.selectFrom('org_unit').select(['id', 'path', 'parent_id', 'type']).where('type', 'in', ['VILLAGE', 'COMMUNITY', 'TOWN', 'STREET']).where('valid_to', 'is', null).orderBy('path').execute();
  const towns = new Set(units.filter((u) => u.type === 'TOWN' || u.type === 'STREET').map((u) => u.id));
  return units
    .filter((u) => towns.has(u.id) || (u.parent_id !== null && towns.has(u.parent_id)))
    .map((u) => ({ id: u.id, path: u.path, townId: towns.has(u.id) ? u.id : u.parent_id!, isVillage: !towns.has(u.id) }));
}

// ---------- 1. intake through HTTP ----------

type IntakeKey = 'bare' | 'ungrouped' | 'grouped';
type IntakeRun = { rps: number; p50: number; p99: number; requests: number; bad: number };
export type IntakeResult = { runs: Record<IntakeKey, IntakeRun[]>; rps: Record<IntakeKey, number>; p99: Record<IntakeKey, number>; bad: Record<IntakeKey, number>; largestBatch: number; batches: number; jobs: number };

const DESCRIPTIONS = ['村道路灯损坏一个多月无人维修，晚上出行不便', '咨询城乡居民医保缴费时间和报销比例', '家中老人独居行动不便，请求帮助代办高龄津贴', '垃圾清运不及时，堆放点臭气熏天', '建议在村部增设便民服务点'];
const CATS = ['COMPLAINT', 'CONSULT', 'HELP', 'COMPLAINT', 'SUGGESTION'] as const;

async function drain(bareUrl: string): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    const { inflight } = (await (await fetch(`${bareUrl}/inflight`)).json()) as { inflight: number };
    if (inflight === 0) return;
    if (Date.now() - t0 > 120_000) throw new Error(`bench server still has ${inflight} requests in flight after 120 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function intakeBench(server: BenchServer, places: Place[], o: O2oBenchOptions, label: string): Promise<IntakeResult> {
  const villages = places.filter((p) => p.isVillage);
  let seq = 0;
  // one body per request (villages round-robin, a name and a phone to encrypt) and one client address per request
  const body = (i: number) => JSON.stringify({ category: CATS[i % CATS.length], locationOrgUnitId: villages[i % villages.length]!.id, description: DESCRIPTIONS[i % DESCRIPTIONS.length], anonymous: false, name: '王建国', phone: `139${String(10_000_000 + (i % 89_999_999)).padStart(8, '0')}` });
  const ip = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  const setupRequest = (req: Record<string, unknown>) => {
    const i = ++seq;
    return { ...req, body: body(i), headers: { ...(req.headers as Record<string, string>), 'x-forwarded-for': ip(i) } };
  };
  const urlOf = (k: IntakeKey) => (k === 'bare' ? `${server.bareUrl}/bare` : `${server.appUrl}/api/public/o2o/matters`);
  const setGroupCommit = async (maxBatch: number) => {
    const res = await fetch(`${server.bareUrl}/group-commit`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ maxBatch }) });
    if (res.status !== 200) throw new Error(`group-commit control: HTTP ${res.status}`);
  };
  const one = async (k: IntakeKey, seconds: number): Promise<IntakeRun> => {
    if (k !== 'bare') await setGroupCommit(k === 'grouped' ? DEFAULT_GROUP_COMMIT_BATCH : 1);
    const url = new URL(urlOf(k));
    const r = await autocannon({
      url: url.origin,
      connections: o.connections,
      duration: seconds,
      timeout: 60,
      requests: [{ method: 'POST', path: url.pathname, headers: { 'content-type': 'application/json', origin: url.origin }, setupRequest }],
    });
    await drain(server.bareUrl);
    return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, requests: r.requests.total, bad: r.non2xx + r.errors + r.timeouts };
  };
  const keys: IntakeKey[] = ['bare', 'ungrouped', 'grouped'];
  for (const k of keys) {
    progress(`${label}: intake warm-up ${k} (${o.warmup} s)`);
    await one(k, o.warmup);
  }
  const runs: Record<IntakeKey, IntakeRun[]> = { bare: [], ungrouped: [], grouped: [] };
  let largestBatch = 0;
  let batches = 0;
  let jobs = 0;
  for (let round = 0; round < o.rounds; round++) {
    // rotate the order so drift (page cache, checkpoints, autovacuum) hits every target alike
    const order = keys.map((_, i) => keys[(i + round) % keys.length]!);
    for (const k of order) {
      const run = await one(k, o.seconds);
      runs[k].push(run);
      if (k === 'grouped') {
        const stats = (await (await fetch(`${server.bareUrl}/group-commit`)).json()) as { largestBatch: number; batches: number; jobs: number };
        largestBatch = Math.max(largestBatch, stats.largestBatch);
        batches += stats.batches;
        jobs += stats.jobs;
      }
      progress(`${label}: intake round ${round + 1}/${o.rounds} ${k}: ${fmt(run.rps)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms${run.bad ? `, ${run.bad} non-2xx/errors` : ''}`);
    }
  }
  const rps = Object.fromEntries(keys.map((k) => [k, median(runs[k].map((r) => r.rps))])) as Record<IntakeKey, number>;
  const p99 = Object.fromEntries(keys.map((k) => [k, median(runs[k].map((r) => r.p99))])) as Record<IntakeKey, number>;
  const bad = Object.fromEntries(keys.map((k) => [k, runs[k].reduce((s, r) => s + r.bad, 0)])) as Record<IntakeKey, number>;
  return { runs, rps, p99, bad, largestBatch, batches, jobs };
}

// ---------- 2. bulk matters + rollups ----------

type Row = Record<string, string | number | null>;
type Sink = { insert(table: string, columns: string[], rows: unknown[][], upsert?: string): Promise<void>; dropIndexes(table: string): Promise<() => Promise<void>>; close(): Promise<void> };

function sqliteSink(file: string): Sink {
  // A second connection for loading only: scratch data, synchronous=OFF and a large cache (the connections that are
  // measured keep the product's WAL + synchronous=FULL).
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  db.pragma('busy_timeout = 10000');
  const stmts = new Map<string, Database.Statement>();
  return {
    insert: async (tableName, columns, rows, upsert) => {
      const key = `${tableName}|${columns.join(',')}|${upsert ?? ''}`;
      let stmt = stmts.get(key);
      if (!stmt) {
        stmt = db.prepare(`insert into ${tableName} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})${upsert ?? ''}`);
        stmts.set(key, stmt);
      }
      const s = stmt;
      db.transaction(() => {
        for (const r of rows) s.run(r);
      })();
    },
    dropIndexes: async (tableName) => {
      const indexes = db.prepare(`select name, sql from sqlite_master where type = 'index' and tbl_name = ? and sql is not null`).all(tableName) as { name: string; sql: string }[];
      for (const i of indexes) db.exec(`drop index "${i.name}"`);
      return async () => {
        for (const i of indexes) db.exec(i.sql);
      };
    },
    close: async () => {
      db.close();
    },
  };
}

async function postgresSink(url: string): Promise<Sink> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`set synchronous_commit = off`);
  await client.query(`set maintenance_work_mem = '256MB'`);
  const types = new Map<string, Map<string, string>>();
  const typesOf = async (tableName: string) => {
    let t = types.get(tableName);
    if (!t) {
      const { rows } = await client.query<{ column_name: string; data_type: string }>(`select column_name, data_type from information_schema.columns where table_schema = current_schema() and table_name = $1`, [tableName]);
      t = new Map(rows.map((r) => [r.column_name, r.data_type === 'integer' ? 'int' : r.data_type === 'bigint' ? 'bigint' : 'text']));
      types.set(tableName, t);
    }
    return t;
  };
  return {
    insert: async (tableName, columns, rows, upsert) => {
      const t = await typesOf(tableName);
      const casts = columns.map((c, i) => `$${i + 1}::${t.get(c) ?? 'text'}[]`);
      await client.query(`insert into ${tableName} (${columns.join(', ')}) select * from unnest(${casts.join(', ')})${upsert ?? ''}`, columns.map((_, i) => rows.map((r) => r[i])));
    },
    dropIndexes: async (tableName) => {
      const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
        `select indexname, indexdef from pg_indexes where schemaname = current_schema() and tablename = $1
           and indexname not in (select conname from pg_constraint where conrelid = $1::regclass)`,
        [tableName],
      );
      for (const i of indexes) await client.query(`drop index "${i.indexname}"`);
      return async () => {
        for (const i of indexes) await client.query(i.indexdef);
      };
    },
    close: () => client.end(),
  };
}

const MATTER_COLUMNS = [
  'id', 'code', 'check_hash', 'channel', 'source_group_id', 'open311_client_id', 'requester_key', 'requester_person_id', 'requester_name_enc', 'requester_name_masked', 'requester_phone_enc', 'requester_phone_masked', 'anonymous',
  'category', 'urgency', 'names_cadre', 'title', 'description', 'location_org_unit_id', 'location_path', 'town_org_unit_id', 'current_level', 'level_org_unit_id', 'level_path', 'assigned_org_unit_id', 'assigned_path',
  'assignee_user_id', 'accepted_by_user_id', 'dispatched_by_user_id', 'status', 'received_at', 'received_day', 'respond_by', 'accepted_at', 'due_at', 'first_reply_at', 'replied_at', 'closed_at', 'resolution_text', 'reject_reason',
  'public_reply', 'satisfaction', 'citizen_satisfaction', 'citizen_comment', 'revisit_at', 'extension_count', 'overdue', 'overdue_count', 'was_overdue', 'supervised', 'escalation_count', 'return_count', 'reopen_count',
  'm10_candidate', 'routed_to', 'created_by_user_id', 'created_at', 'updated_at',
] as const;
const ROLLUP_COLUMNS = ['metric', 'day', 'town_org_unit_id', 'village_org_unit_id', 'village_path', 'category', 'bucket', 'n'] as const;
const TIER_COLUMNS = ['tier', 'period', 'metric', 'town_org_unit_id', 'unit_org_unit_id', 'unit_path', 'category', 'bucket', 'n'] as const;
const TIER_UPSERT = ' on conflict (tier, metric, period, unit_org_unit_id, category, bucket) do update set n = o2o_rollup_tier.n + excluded.n';
const ROLLUP_UPSERT = ' on conflict (metric, day, village_org_unit_id, category, bucket) do update set n = o2o_rollup.n + excluded.n';

const HANDLE_DAYS: Record<string, number> = { CONSULT: 3, HELP: 3, COMPLAINT: 10, SUGGESTION: 10 };
const TOPICS: Record<string, string[]> = {
  CONSULT: ['咨询城乡居民医保缴费时间和报销比例', '咨询高龄津贴申领需要哪些材料', '咨询宅基地建房审批流程', '咨询残疾人两项补贴申请条件'],
  HELP: ['家中老人独居行动不便，请求帮助代办', '稻田灌溉水渠堵塞，请求组织疏通', '暴雨后房屋漏水，请求帮助维修'],
  COMPLAINT: ['村道路灯损坏一个多月无人维修', '附近养殖场异味严重影响生活', '垃圾清运不及时，堆放点臭气熏天', '自来水水压低、经常停水'],
  SUGGESTION: ['建议在村部增设便民服务点', '建议对村小门口道路设置减速带', '建议增加农村客运班次'],
  REPORT: ['反映某村干部在低保评定中优亲厚友'],
};
const REPLIES: Record<string, string[]> = {
  CONSULT: ['已电话告知办理流程和所需材料'],
  HELP: ['已安排网格员上门协助办理', '已组织村组干部完成疏通'],
  COMPLAINT: ['已督促责任单位整改完毕并现场核实', '已协调供电所更换路灯'],
  SUGGESTION: ['建议已采纳，纳入村级年度工作计划'],
};

const DAY_MS = 86_400_000;
const CST_MS = 8 * 3_600_000;

/**
 * The product's working-day arithmetic (platform/calendar: isWorkingDay, addWorkingDays, workingDaysBetween, the
 * CST day of an instant), precomputed per day over the generated window: the per-call loops of the product functions
 * would take ~3 minutes for 1,000,000 matters. Same results (the working/non-working days come from isWorkingDay).
 */
export class DayTable {
  readonly #base: number;
  readonly #str: string[] = [];
  readonly #ord: number[] = [];
  readonly #nth: number[] = [0];
  constructor(fromMs: number, toMs: number, cal: WorkCalendar) {
    this.#base = DayTable.dayNum(fromMs) - 5;
    const last = DayTable.dayNum(toMs) + 5;
    let ord = 0;
    for (let d = this.#base; d <= last; d++) {
      const str = new Date(d * DAY_MS).toISOString().slice(0, 10);
      this.#str.push(str);
      if (isWorkingDay(str, cal)) {
        ord++;
        this.#nth[ord] = d;
      }
      this.#ord.push(ord);
    }
  }
  /** CST day number of an instant */
  static dayNum(ms: number): number {
    return Math.floor((ms + CST_MS) / DAY_MS);
  }
  str(d: number): string {
    const s = this.#str[d - this.#base];
    if (s === undefined) throw new RangeError(`day ${d} outside the precomputed window`);
    return s;
  }
  /** addWorkingDays on day numbers (n ≥ 0) */
  addWorking(d: number, n: number): number {
    const k = this.#ord[d - this.#base]!;
    const working = k > 0 && this.#nth[k] === d;
    const r = n === 0 ? (working ? d : this.#nth[k + 1]) : this.#nth[k + n];
    if (r === undefined) throw new RangeError('working day outside the precomputed window');
    return r;
  }
  /** workingDaysBetween(a, b) for a ≤ b */
  between(a: number, b: number): number {
    return this.#ord[b - this.#base]! - this.#ord[a - this.#base]!;
  }
  /** endOfCstDay as epoch ms */
  static endOf(d: number): number {
    return (d + 1) * DAY_MS - CST_MS - 1;
  }
}

export type BulkResult = { matters: number; rollups: number; open: number; overdueOpen: number; from: string; to: string; loadSeconds: number; indexSeconds: number; statsSeconds: number };

async function bulkMatters(deps: OpenedDeps, target: Target, places: Place[], n: number, label: string): Promise<BulkResult> {
  const t0 = performance.now();
  const cal: WorkCalendar = await loadWorkCalendar(deps.db);
  const rng = new Rng(20_261_126);
  // three years up to yesterday (CST): today's rollup rows belong to the live intake of part 1
  const today = cstDate(new Date());
  const endMs = endOfCstDay(today).getTime() - 86_400_000 + 1; // 00:00 CST today
  const startMs = endMs - 3 * 365 * 86_400_000;
  const from = cstDate(new Date(startMs));
  const received = new Float64Array(n);
  for (let i = 0; i < n; i++) received[i] = startMs + Math.floor(rng.next() * (endMs - startMs - 14 * 3_600_000) / 86_400_000) * 86_400_000 + rng.int(8 * 60, 21 * 60) * 60_000;
  received.sort();
  const days = new DayTable(startMs - 30 * DAY_MS, endMs + 400 * DAY_MS, cal);
  const sink = target.sqliteFile ? sqliteSink(target.sqliteFile) : await postgresSink(target.url);
  let open = 0;
  let overdueOpen = 0;
  let rollupRows = 0;
  try {
    const restoreMatter = await sink.dropIndexes('citizen_matter');
    const restoreRollup = await sink.dropIndexes('o2o_rollup');
    // code numbers continue each year's counter
    const counters = new Map((await deps.db.selectFrom('o2o_code_counter').select(['year', 'last_seq']).execute()).map((r) => [Number(r.year), Number(r.last_seq)]));
    const names = Array.from({ length: 256 }, (_, i) => deps.cipher.encrypt(['王建国', '李秀英', '张志强', '刘海燕', '陈德明', '杨春华', '黄玉兰', '赵大勇'][i % 8]!));
    const phones = Array.from({ length: 256 }, (_, i) => `139${String(20_000_000 + i * 7919).padStart(8, '0')}`);
    const phoneEnc = phones.map((p) => deps.cipher.encrypt(p));
    const hashes = Array.from({ length: 4096 }, () => randomBytes(32).toString('base64url'));
    const nowIso = new Date().toISOString();
    const townOf = new Map(places.filter((p) => !p.isVillage).map((p) => [p.id, p]));
    const villages = places.filter((p) => p.isVillage);
    const towns = [...townOf.values()];
    // rollup counters by day, flushed once no later matter can touch that day any more
    const rollups = new Map<string, Map<string, unknown[]>>();
    // the year and month tiers (o2o_rollup_tier), kept as bumpRollups keeps them: STATUS per location unit (category
    // '*'), CATEGORY and the closing metrics per town
    const townPath = new Map(places.filter((p) => !p.isVillage).map((p) => [p.id, p.path]));
    const tiers = new Map<string, unknown[]>();
    const bumpTier = (tier: 'Y' | 'M', period: string, metric: string, townId: string, unitId: string, unitPath: string, category: string, bucket: string) => {
      const key = `${tier}|${metric}|${period}|${unitId}|${category}|${bucket}`;
      const r = tiers.get(key);
      if (r) (r[8] as number)++;
      else tiers.set(key, [tier, period, metric, townId, unitId, unitPath, category, bucket, 1]);
    };
    const bump = (metric: string, day: string, place: Place, category: string, bucket: string) => {
      let m = rollups.get(day);
      if (!m) rollups.set(day, (m = new Map()));
      const key = `${metric}|${place.id}|${category}|${bucket}`;
      const r = m.get(key);
      if (r) (r[7] as number)++;
      else m.set(key, [metric, day, place.townId, place.id, place.path, category, bucket, 1]);
      for (const [tier, period] of [['Y', day.slice(0, 4)], ['M', day.slice(0, 7)]] as const) {
        if (metric === 'STATUS') {
          bumpTier(tier, period, 'STATUS', place.townId, place.id, place.path, '*', bucket);
          bumpTier(tier, period, 'CATEGORY', place.townId, place.townId, townPath.get(place.townId)!, category, '*');
        } else bumpTier(tier, period, metric, place.townId, place.townId, townPath.get(place.townId)!, '*', bucket);
      }
    };
    const flushRollups = async (beforeDay: string | null) => {
      const out: unknown[][] = [];
      for (const [day, m] of rollups) {
        if (beforeDay !== null && day >= beforeDay) continue;
        out.push(...m.values());
        rollups.delete(day);
      }
      for (let i = 0; i < out.length; i += 5000) await sink.insert('o2o_rollup', [...ROLLUP_COLUMNS], out.slice(i, i + 5000), ROLLUP_UPSERT);
      rollupRows += out.length;
    };
    let chunk: unknown[][] = [];
    let insertMs = 0;
    let lastFlushDay = '';
    let lastProgress = performance.now();
    for (let i = 0; i < n; i++) {
      const receivedMs = received[i]!;
      const receivedAt = new Date(receivedMs);
      const receivedDay = days.str(DayTable.dayNum(receivedMs));
      if (receivedDay !== lastFlushDay) {
        lastFlushDay = receivedDay;
        if (rollups.size > 120) await flushRollups(days.str(DayTable.dayNum(receivedMs) - 90));
      }
      const year = Number(receivedDay.slice(0, 4));
      const seq = (counters.get(year) ?? 0) + 1;
      counters.set(year, seq);
      const place = rng.chance(0.9) ? rng.pick(villages) : rng.pick(towns);
      const routed = rng.chance(0.001);
      const category = routed ? 'REPORT' : rng.weighted([['CONSULT', 40], ['HELP', 30], ['COMPLAINT', 20], ['SUGGESTION', 10]] as const);
      const urgency = rng.weighted([['URGENT', 5], ['NORMAL', 85], ['COMPLEX', 10]] as const);
      const channel = rng.weighted([['WECHAT_GROUP', 70], ['H5_FORM', 15], ['PHONE', 10], ['OFFLINE_VISIT', 5]] as const);
      const named = !routed && rng.chance(0.6);
      const withPhone = named || rng.chance(0.3);
      const k = rng.int(0, 255);
      const description = rng.pick(TOPICS[category]!);
      const code = `CSX-${year}-${String(seq).padStart(6, '0')}`;
      const row: Row = {
        id: uuidv7(), code, check_hash: hashes[i % hashes.length]!, channel, source_group_id: null, open311_client_id: null, requester_key: null, requester_person_id: null,
        requester_name_enc: named ? names[k]! : null, requester_name_masked: named ? '王**' : null, requester_phone_enc: withPhone ? phoneEnc[k]! : null, requester_phone_masked: withPhone ? maskPhone(phones[k]!) : null, anonymous: named ? 0 : 1,
        category, urgency, names_cadre: routed ? 1 : 0, title: description.slice(0, 30), description,
        location_org_unit_id: place.id, location_path: place.path, town_org_unit_id: place.townId, current_level: place.isVillage ? 'VILLAGE' : 'TOWN', level_org_unit_id: place.id, level_path: place.path,
        assigned_org_unit_id: null, assigned_path: null, assignee_user_id: null, accepted_by_user_id: null, dispatched_by_user_id: null, status: 'SUBMITTED',
        received_at: receivedAt.toISOString(), received_day: receivedDay, respond_by: new Date(receivedMs + (urgency === 'URGENT' ? 2 : 24) * 3_600_000).toISOString(),
        accepted_at: null, due_at: null, first_reply_at: null, replied_at: null, closed_at: null, resolution_text: null, reject_reason: null, public_reply: null, satisfaction: null, citizen_satisfaction: null, citizen_comment: null, revisit_at: null,
        extension_count: 0, overdue: 0, overdue_count: 0, was_overdue: 0, supervised: 0, escalation_count: 0, return_count: 0, reopen_count: 0, m10_candidate: 0, routed_to: null, created_by_user_id: null, created_at: nowIso, updated_at: nowIso,
      };
      const push = () => {
        chunk.push(MATTER_COLUMNS.map((c) => row[c] ?? null));
      };
      if (routed) {
        const countyId = place.path.split('/')[1]!;
        Object.assign(row, { status: 'ROUTED_DISCIPLINE', routed_to: 'DISCIPLINE_COMMISSION', current_level: 'COUNTY', level_org_unit_id: countyId, level_path: `/${countyId}/` });
      } else if (rng.chance(0.012)) {
        const at = new Date(receivedMs + rng.int(20, 600) * 60_000);
        if (at.getTime() < endMs) Object.assign(row, { status: 'REJECTED', reject_reason: '属信访事项，已告知通过信访渠道反映', closed_at: at.toISOString() });
        else open++;
        bump('STATUS', receivedDay, place, category, String(row.status));
      } else {
        const handleDays = urgency === 'URGENT' ? 0 : urgency === 'COMPLEX' ? 15 : (HANDLE_DAYS[category] ?? 10);
        const acceptedMs = receivedMs + rng.int(20, 20 * 60) * 60_000;
        const accepted = new Date(acceptedMs);
        const acceptedDay = DayTable.dayNum(acceptedMs);
        // workingDeadline(accepted, handleDays) and addWorkingDays(cstDate(accepted), daysToReply), as o2o.demo.ts
        const due = new Date(DayTable.endOf(handleDays === 0 ? acceptedDay : days.addWorking(acceptedDay, handleDays)));
        const late = rng.chance(0.08);
        const daysToReply = late ? handleDays + rng.int(1, 6) : Math.max(0, rng.int(Math.floor(handleDays / 3), handleDays));
        const replyDay = handleDays === 0 && !late ? acceptedDay : days.addWorking(acceptedDay, daysToReply);
        const repliedMs = Math.max(acceptedMs + 3_600_000, DayTable.endOf(replyDay) - rng.int(6, 9) * 3_600_000);
        const closedMs = repliedMs + rng.int(1, 30) * 3_600_000;
        const final = rng.weighted([['ARCHIVED', 62], ['CLOSED', 30], ['REVISITED', 8]] as const);
        const revisitMs = closedMs + rng.int(1, 3) * 86_400_000;
        const dispatched = rng.chance(0.7);
        if (dispatched) {
          const town = townOf.get(place.townId)!;
          Object.assign(row, { assigned_org_unit_id: town.id, assigned_path: town.path });
        }
        Object.assign(row, { accepted_at: accepted.toISOString(), due_at: due.toISOString() });
        if (acceptedMs >= endMs) {
          Object.assign(row, { accepted_at: null, due_at: null, assigned_org_unit_id: null, assigned_path: null });
          open++;
        } else if (closedMs >= endMs || (final !== 'CLOSED' && revisitMs >= endMs)) {
          // still open at the end of the window: where it stands
          row.status = repliedMs < endMs ? 'REPLIED' : dispatched ? rng.weighted([['DISPATCHED', 20], ['SIGNED', 20], ['IN_PROGRESS', 60]] as const) : 'ACCEPTED';
          if (repliedMs < endMs) Object.assign(row, { resolution_text: rng.pick(REPLIES[category]!), first_reply_at: new Date(repliedMs).toISOString(), replied_at: new Date(repliedMs).toISOString() });
          if (due.getTime() < endMs && row.status !== 'REPLIED') {
            Object.assign(row, { overdue: 1, was_overdue: 1, overdue_count: 1, supervised: 1 });
            overdueOpen++;
          }
          open++;
        } else {
          const text = rng.pick(REPLIES[category]!);
          Object.assign(row, { status: final, resolution_text: text, public_reply: `您反映的事项已办理：${text}。`, first_reply_at: new Date(repliedMs).toISOString(), replied_at: new Date(repliedMs).toISOString(), closed_at: new Date(closedMs).toISOString() });
          if (late) {
            Object.assign(row, { was_overdue: 1, overdue_count: 1, supervised: 1 });
            if (rng.chance(0.5)) Object.assign(row, { escalation_count: 1, current_level: place.isVillage ? 'TOWN' : 'COUNTY' });
          }
          if (rng.chance(0.03)) row.return_count = 1;
          if (rng.chance(0.02)) row.reopen_count = 1;
          const closedDayNum = DayTable.dayNum(closedMs);
          const closedDay = days.str(closedDayNum);
          const wd = Math.max(0, days.between(acceptedDay, closedDayNum));
          bump('CLOSED_DAYS', closedDay, place, category, String(wd).padStart(3, '0'));
          bump(late ? 'LATE' : 'ON_TIME', closedDay, place, category, '-');
          if (final !== 'CLOSED') {
            const sat = final === 'REVISITED' ? 'DISSATISFIED' : rng.weighted([['SATISFIED', 88], ['BASIC', 12]] as const);
            Object.assign(row, { satisfaction: sat, revisit_at: new Date(revisitMs).toISOString(), citizen_satisfaction: rng.chance(0.3) ? sat : null });
            bump('SATISFACTION', days.str(DayTable.dayNum(revisitMs)), place, category, sat);
          }
        }
        bump('STATUS', receivedDay, place, category, String(row.status));
      }
      push();
      if (chunk.length >= 5000) {
        const ti = performance.now();
        await sink.insert('citizen_matter', [...MATTER_COLUMNS], chunk);
        insertMs += performance.now() - ti;
        chunk = [];
        if (performance.now() - lastProgress > 10_000) {
          lastProgress = performance.now();
          progress(`${label}: ${fmt(i + 1)} matters (${fmt((performance.now() - t0) / 1000, 1)} s, of which ${fmt(insertMs / 1000, 1)} s inserting matters)`);
        }
      }
    }
    if (chunk.length) await sink.insert('citizen_matter', [...MATTER_COLUMNS], chunk);
    await flushRollups(null);
    const tierRows = [...tiers.values()];
    for (let i = 0; i < tierRows.length; i += 5000) await sink.insert('o2o_rollup_tier', [...TIER_COLUMNS], tierRows.slice(i, i + 5000), TIER_UPSERT);
    for (const [year, last] of counters) {
      await deps.db.insertInto('o2o_code_counter').values({ year, last_seq: last }).onConflict((oc) => oc.column('year').doUpdateSet({ last_seq: last })).execute();
    }
    const loadSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    await restoreMatter();
    await restoreRollup();
    const indexSeconds = (performance.now() - t1) / 1000;
    await sink.close();
    // the year and month tiers of the dashboard, as the demo seed builds them after its bulk insert
    const t2 = performance.now();
    // what the product does after its own bulk loads (SQLite ANALYZE; PostgreSQL VACUUM (ANALYZE), which also sets the
    // visibility map so the dashboard's sums read the covering index only)
    await refreshStatistics(deps.db, 'after-bulk-load');
    const statsSeconds = (performance.now() - t2) / 1000;
    return { matters: n, rollups: rollupRows, open, overdueOpen, from, to: cstDate(new Date(endMs - 1)), loadSeconds, indexSeconds, statsSeconds };
  } catch (e) {
    await sink.close().catch(() => undefined);
    throw e;
  }
}

// ---------- 2. dashboard latency ----------

type Latency = { label: string; who: string; endpoint: 'summary' | 'trend'; period: string; p50: number; p99: number; n: number; total: number; scanP50: number; scanRuns: number };

async function dashboardBench(deps: OpenedDeps, accounts: DemoAccountsFile, o: O2oBenchOptions, label: string): Promise<{ rows: Latency[]; plans: string[] }> {
  const app = await buildApp(deps);
  try {
    await app.ready();
    const origin = 'http://localhost:80';
    const loginAs = async (role: string) => {
      const a = accounts.accounts[role];
      if (!a) throw new Error(`demo-accounts.json has no ${role} account (has ${Object.keys(accounts.accounts).join(', ')})`);
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin }, payload: { username: a.username, password: a.password } });
      if (res.statusCode !== 200) throw new Error(`login as ${role}: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'bw_sid');
      if (!cookie) throw new Error('login returned no session cookie');
      return `${cookie.name}=${cookie.value}`;
    };
    const today = cstDate(new Date());
    const yearAgo = cstDate(new Date(Date.now() - 364 * 86_400_000));
    const county = await deps.db.selectFrom('org_unit').select(['path']).where('type', '=', 'COUNTY').where('valid_to', 'is', null).orderBy('path').executeTakeFirstOrThrow();
    const who = [
      { key: 'ORG_HEAD', label: 'county (ORG_HEAD)', cookie: await loginAs('ORG_HEAD') },
      { key: 'TOWN_SECRETARY', label: 'one town (TOWN_SECRETARY)', cookie: await loginAs('TOWN_SECRETARY') },
    ];
    const rows: Latency[] = [];
    const plans: string[] = [];
    for (const w of who) {
      // the scope the dashboard computes: the county root, or the town secretary's town
      const first = await app.inject({ method: 'GET', url: '/api/o2o/dashboard/summary', headers: { cookie: w.cookie } });
      if (first.statusCode !== 200) throw new Error(`summary as ${w.key}: ${first.statusCode} ${first.body}`);
      const byTown = (JSON.parse(first.body) as { byTown: { key: string }[] }).byTown;
      const scopePath = w.key === 'ORG_HEAD' ? county.path : (await deps.db.selectFrom('org_unit').select('path').where('id', '=', byTown[0]?.key ?? '').executeTakeFirstOrThrow()).path;
      for (const period of [{ label: 'default (all time)', from: '2000-01-01', q: '' }, { label: `last year (${yearAgo} – ${today})`, from: yearAgo, q: `?from=${yearAgo}&to=${today}` }]) {
        for (const endpoint of ['summary', 'trend'] as const) {
          const url = `/api/o2o/dashboard/${endpoint}${period.q}`;
          const times: number[] = [];
          let total = 0;
          for (let i = 0; i < o.requests + 3; i++) {
            const t0 = performance.now();
            const res = await app.inject({ method: 'GET', url, headers: { cookie: w.cookie } });
            const dt = performance.now() - t0;
            if (res.statusCode !== 200) throw new Error(`${url} as ${w.key}: ${res.statusCode} ${res.body}`);
            if (i >= 3) times.push(dt);
            if (i === 0) {
              const body = JSON.parse(res.body) as { total?: number; months?: { received: number }[] };
              total = body.total ?? (body.months ?? []).reduce((s, m) => s + m.received, 0);
            }
          }
          const scan = await fullScan(deps, endpoint, scopePath, period.from, today, o.scanRuns);
          const sorted = [...times].sort((a, b) => a - b);
          const p99 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)]!;
          rows.push({ label, who: w.label, endpoint, period: period.label, p50: median(times), p99, n: times.length, total, scanP50: scan.ms, scanRuns: o.scanRuns });
          progress(`${label}: ${endpoint} ${w.label} ${period.label}: p50 ${ms(median(times))} ms, p99 ${ms(p99)} ms; full scan ${ms(scan.ms)} ms`);
        }
      }
    }
    // the plan of the main rollup statement, county-wide
    plans.push(...(await explainRollup(deps, county.path)));
    return { rows, plans };
  } finally {
    await app.close();
  }
}

/** The baseline: the same kind of figures by count(*) grouped over citizen_matter (no rollups). */
async function fullScan(deps: OpenedDeps, endpoint: 'summary' | 'trend', scope: string, from: string, to: string, runs: number): Promise<{ ms: number }> {
  const db = deps.db;
  const upper = upperBound(scope);
  const fromTs = `${from}T00:00:00`;
  const run = async () => {
    if (endpoint === 'summary') {
      await Promise.all([
        sql`select status, category, town_org_unit_id, location_org_unit_id, count(*) as n from citizen_matter where location_path >= ${scope} and location_path < ${upper} and received_day >= ${from} and received_day <= ${to} and routed_to is null group by status, category, town_org_unit_id, location_org_unit_id`.execute(db),
        sql`select was_overdue, count(*) as n from citizen_matter where location_path >= ${scope} and location_path < ${upper} and closed_at >= ${fromTs} and status in ('CLOSED', 'REVISITED', 'ARCHIVED') group by was_overdue`.execute(db),
        sql`select satisfaction, count(*) as n from citizen_matter where location_path >= ${scope} and location_path < ${upper} and revisit_at >= ${fromTs} and satisfaction is not null group by satisfaction`.execute(db),
      ]);
    } else {
      await Promise.all([
        sql`select substr(received_day, 1, 7) as month, count(*) as n from citizen_matter where location_path >= ${scope} and location_path < ${upper} and received_day >= ${from} and received_day <= ${to} and routed_to is null group by substr(received_day, 1, 7)`.execute(db),
        sql`select substr(closed_at, 1, 7) as month, was_overdue, count(*) as n from citizen_matter where location_path >= ${scope} and location_path < ${upper} and closed_at >= ${fromTs} and status in ('CLOSED', 'REVISITED', 'ARCHIVED') group by substr(closed_at, 1, 7), was_overdue`.execute(db),
      ]);
    }
  };
  // no warm-up run: at 1,000,000 matters one scan takes seconds, and the tables are in the page cache from the load
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return { ms: median(times) };
}

async function explainRollup(deps: OpenedDeps, countyPath: string): Promise<string[]> {
  const year = cstDate(new Date()).slice(0, 4);
  const stmt = sql`select bucket, town_org_unit_id, unit_org_unit_id, sum(n) as n from o2o_rollup_tier where tier = 'Y' and metric = 'STATUS' and unit_path >= ${countyPath} and unit_path < ${upperBound(countyPath)} and period >= '2000' and period <= ${year} group by bucket, town_org_unit_id, unit_org_unit_id`;
  try {
    const sqlite = deps.config.databaseUrl.startsWith('sqlite:');
    const r = await sql<Record<string, unknown>>`${sqlite ? sql`explain query plan ` : sql`explain (analyze, buffers off, timing off) `}${stmt}`.execute(deps.db);
    return r.rows.map((x) => String(sqlite ? x.detail : x['QUERY PLAN']));
  } catch (e) {
    return [`(explain failed: ${e instanceof Error ? e.message : String(e)})`];
  }
}

// ---------- driver ----------

type DbRun = { label: string; version: string; seedSeconds: number; villages: number; towns: number; intake: IntakeResult; bulk: BulkResult; rollupRows: number; tierRows: number; dashboard: Latency[]; plans: string[] };

async function benchOne(make: () => Promise<Target>, o: O2oBenchOptions, dataDir: string, masterKey: string): Promise<DbRun> {
  const target = await make();
  const onInterrupt = () => void target.dispose().finally(() => process.exit(130));
  process.once('SIGINT', onInterrupt);
  try {
    const env = envFor(path.join(dataDir, target.label.toLowerCase()), target.url, masterKey);
    const config = loadConfig(env, ROOT);
    const deps = await openDeps(config);
    try {
      const version = await serverVersion(deps.db);
      progress(`${target.label}: ${version}; seeding the demo county`);
      const t0 = performance.now();
      if (!(await seedDemoIfEmpty(deps)).seeded) throw new Error(`${target.label}: database was not empty`);
      const seedSeconds = (performance.now() - t0) / 1000;
      const accounts = JSON.parse(fs.readFileSync(demoAccountsPath(config), 'utf8')) as DemoAccountsFile;
      const places = await placesOf(deps);
      progress(`${target.label}: seeded in ${fmt(seedSeconds, 1)} s; ${places.filter((p) => p.isVillage).length} villages, ${places.filter((p) => !p.isVillage).length} towns`);

      await sql`create table bench_bare (id text primary key, v text not null)`.execute(deps.db);
      const server = await startBenchServer(env, 'o2o-serve.ts');
      let intake: IntakeResult;
      try {
        intake = await intakeBench(server, places, o, target.label);
      } finally {
        await server.stop();
      }

      progress(`${target.label}: generating ${fmt(o.matters)} matters and their rollups`);
      const bulk = await bulkMatters(deps, target, places, o.matters, target.label);
      const rollupRows = Number((await deps.db.selectFrom('o2o_rollup').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
      const tierRows = Number((await deps.db.selectFrom('o2o_rollup_tier').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
      progress(`${target.label}: ${fmt(bulk.matters)} matters + ${fmt(bulk.rollups)} rollup rows in ${fmt(bulk.loadSeconds, 1)} s, indexes ${fmt(bulk.indexSeconds, 1)} s, statistics ${fmt(bulk.statsSeconds, 1)} s`);
      const dash = await dashboardBench(deps, accounts, o, target.label);
      return { label: target.label, version, seedSeconds, villages: places.filter((p) => p.isVillage).length, towns: places.filter((p) => !p.isVillage).length, intake, bulk, rollupRows, tierRows, dashboard: dash.rows, plans: dash.plans };
    } finally {
      await deps.destroy();
    }
  } finally {
    process.off('SIGINT', onInterrupt);
    await target.dispose().catch((e: unknown) => console.error('drop failed', e));
  }
}

export async function runO2oBench(o: O2oBenchOptions, dataDir: string, command: string): Promise<{ section: string; failed: boolean }> {
  const started = new Date();
  const t0 = performance.now();
  const loadStart = os.loadavg();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const masterKey = randomBytes(32).toString('base64');
  const runs: DbRun[] = [];
  const notes: string[] = [];
  let failed = false;
  const makers: [string, () => Promise<Target>][] = [['SQLite', () => sqliteTarget(path.join(dataDir, 'sqlite'))]];
  if (o.pg) makers.push(['PostgreSQL', () => postgresTarget(o.keep)]);
  else notes.push('PostgreSQL not measured (--no-pg).');
  for (const [label, make] of makers) {
    try {
      runs.push(await benchOne(make, o, dataDir, masterKey));
    } catch (e) {
      failed = true;
      const msg = e instanceof Error ? (e.stack ?? e.message) : String(e);
      console.error(`${label} failed:`, msg);
      notes.push(`${label} failed or skipped: ${msg.split('\n')[0]!}`);
    }
  }
  if (!o.keep) fs.rmSync(dataDir, { recursive: true, force: true });
  for (const r of runs) {
    if (r.intake.rps.ungrouped / r.intake.rps.bare < TARGET.ungrouped || r.intake.rps.grouped / r.intake.rps.bare < TARGET.grouped) failed = true;
    if (r.dashboard.some((d) => d.p99 >= TARGET.p99Ms)) failed = true;
  }
  return { section: report(o, runs, notes, { started, minutes: (performance.now() - t0) / 60_000, loadStart, loadEnd: os.loadavg(), command }), failed };
}

const ok = (pass: boolean) => (pass ? 'met' : '**missed**');

function report(o: O2oBenchOptions, runs: DbRun[], notes: string[], meta: { started: Date; minutes: number; loadStart: number[]; loadEnd: number[]; command: string }): string {
  const m = machine();
  const load = (l: number[]) => l.map((x) => fmt(x, 1)).join(', ');
  const out: string[] = [];
  out.push(`${O2O_SECTION_TITLE}

Generated by \`${meta.command}\` on ${meta.started.toISOString()} in ${fmt(meta.minutes, 1)} min (bench/o2o-bench.ts). Machine: ${m.cpu} × ${m.cores} cores, ${fmt(m.ramGiB, 1)} GiB, ${m.platform}, Node ${m.node}; load average ${load(meta.loadStart)} at the start, ${load(meta.loadEnd)} at the end${Math.max(...meta.loadStart, ...meta.loadEnd) > m.cores ? ' (**other processes competed for the CPU**)' : ''}.
Each database is a fresh one seeded with the demo county; SQLite is a file opened by the product (WAL, synchronous=FULL), PostgreSQL a fresh schema (synchronous_commit=on), dropped at the end.

### 7.1 Intake through HTTP

A child process (bench/o2o-serve.ts) serves the application and, on a second port, the baseline: a bare Fastify route
(no plugins) inserting the request body as one row in its own transaction on the same database handle, i.e. one durable
commit per request and nothing else. The intake, \`POST /api/public/o2o/matters\`, does per matter: schema validation,
CSRF origin check, per-IP rate limit (every request has its own X-Forwarded-For, BELLWETHER_TRUST_PROXY=1), location
and SLA lookups, the working-day deadline, encryption of name and phone, code counter, matter + event + rollup rows and
a ledger event, and a durable commit. "Group commit off" is \`configureGroupCommit(db, 1)\` (one commit per matter);
"on" is the product default (\`BELLWETHER_GROUP_COMMIT_BATCH\`=${DEFAULT_GROUP_COMMIT_BATCH}: the matters that arrive while a batch commits share the next commit,
each in its own savepoint, each acknowledged only after COMMIT: o2o.intake-crash.test.ts kills the process with -9 and
finds every acknowledged matter). autocannon: ${o.connections} connections, ${o.warmup} s warm-up per target, then ${o.rounds} rounds of ${o.seconds} s, the order of
the three targets rotating per round; medians.
`);
  out.push(
    table(
      ['database', 'bare durable insert req/s (a)', 'intake, group commit off req/s (b)', '(b)/(a) (target ≥ 0.8×)', 'intake, group commit on req/s (c)', '(c)/(a) (target ≥ 3×)', 'p99 ms (a / b / c)', 'largest batch (mean)', 'req/s of each run (a | b | c)'],
      runs.map((r) => {
        const i = r.intake;
        const each = (k: IntakeKey) => i.runs[k].map((x) => fmt(x.rps)).join(' / ') + (i.bad[k] ? ` (**${i.bad[k]} non-2xx/errors**)` : '');
        return [
          r.version,
          fmt(i.rps.bare),
          fmt(i.rps.ungrouped),
          `${ratio(i.rps.ungrouped / i.rps.bare)} ${ok(i.rps.ungrouped / i.rps.bare >= TARGET.ungrouped)}`,
          fmt(i.rps.grouped),
          `${ratio(i.rps.grouped / i.rps.bare)} ${ok(i.rps.grouped / i.rps.bare >= TARGET.grouped)}`,
          `${fmt(i.p99.bare)} / ${fmt(i.p99.ungrouped)} / ${fmt(i.p99.grouped)}`,
          `${fmt(i.largestBatch)} (${fmt(i.batches ? i.jobs / i.batches : 0, 1)})`,
          `${each('bare')} \\| ${each('ungrouped')} \\| ${each('grouped')}`,
        ];
      }),
    ),
  );
  out.push(`
### 7.2 Dashboard at ${fmt(o.matters)} matters

${runs
  .map(
    (r) =>
      `${r.label}: ${fmt(r.bulk.matters)} matters received ${r.bulk.from} – ${r.bulk.to} across ${r.villages} villages and ${r.towns} towns of the demo county (plus the demo's 2016 year and the matters of 7.1), ${fmt(r.bulk.open)} still open (${fmt(r.bulk.overdueOpen)} overdue); ${fmt(r.rollupRows)} daily o2o_rollup rows and ${fmt(r.tierRows)} year/month o2o_rollup_tier rows in all. Generated and inserted in ${fmt(r.bulk.loadSeconds, 1)} s, indexes rebuilt in ${fmt(r.bulk.indexSeconds, 1)} s, \`refreshStatistics(db, 'after-bulk-load')\` (${r.label === 'PostgreSQL' ? 'VACUUM (ANALYZE)' : 'ANALYZE'}) ${fmt(r.bulk.statsSeconds, 1)} s; demo seed ${fmt(r.seedSeconds, 1)} s.`,
  )
  .join('\n')}

Mixes as o2o.demo.ts: 40 % consult, 30 % help, 20 % complaint, 10 % suggestion, 0.1 % reports naming a cadre (routed);
5 % urgent, 10 % complex; 1.2 % rejected; handling around the SLA on the working-day calendar, 8 % late (half of them
escalated); final state 62 % archived, 30 % closed, 8 % revisited dissatisfied; matters whose steps fall after yesterday
are open (overdue when past their deadline). Rollup rows as o2o.demo.ts builds them (STATUS by received day, CLOSED_DAYS
and ON_TIME/LATE by closing day, SATISFACTION by revisit day) and their year and month tiers (o2o_rollup_tier, as
\`bumpRollups\` keeps them), inserted raw in 5,000-row chunks.
Latency: in-process \`app.inject\` through the whole stack (session, policy, validation, serialisation), ${o.requests} sequential requests
per row after 3 warm-up requests. "Full scan" (context only, not a target): the same kind of figures computed without
rollups, \`count(*)\` grouped over citizen_matter in the same scope and period (summary: by status × category × town ×
village, closed on time/late, satisfaction; trend: received and closed per month), ${o.scanRuns === 1 ? 'one run' : `median of ${o.scanRuns} runs`}.
The dashboard reads a period as whole years and months of o2o_rollup_tier plus the remaining days of o2o_rollup
(o2o.dashboard.ts \`periodTerms\`; a partial last month or year is the whole one minus what follows \`to\`): a county's
year there is a few thousand rows whatever the number of matters.
`);
  out.push(
    table(
      ['database', 'endpoint', 'scope', 'period', 'matters in result', 'p50 ms', 'p99 ms', 'target p99 < 100 ms', 'full scan ms'],
      runs.flatMap((r) => r.dashboard.map((d) => [r.label, `\`${d.endpoint}\``, d.who, d.period, d.total ? fmt(d.total) : '—', ms(d.p50), ms(d.p99), ok(d.p99 < TARGET.p99Ms), ms(d.scanP50)])),
    ),
  );
  out.push(`\n<details><summary>Plan of the county-wide STATUS statement over the year tier</summary>\n\n${runs.map((r) => `${r.label}:\n\n\`\`\`\n${r.plans.join('\n')}\n\`\`\``).join('\n\n')}\n\n</details>\n`);
  if (notes.length) out.push(notes.map((n) => `- ${n}`).join('\n') + '\n');
  return out.join('\n');
}

export function spliceO2oSection(resultsFile: string, section: string): void {
  const current = fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, 'utf8') : '# Bellwether benchmark results\n';
  const start = current.indexOf(O2O_SECTION_TITLE);
  if (start < 0) {
    fs.writeFileSync(resultsFile, `${current.trimEnd()}\n\n${section.trimEnd()}\n`);
    return;
  }
  // the section ends at the next top-level heading ("## ", not "### ")
  const next = current.indexOf('\n## ', start + O2O_SECTION_TITLE.length);
  fs.writeFileSync(resultsFile, `${current.slice(0, start)}${section.trimEnd()}\n${next < 0 ? '' : current.slice(next)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const o = o2oBenchOptions(process.argv.slice(2));
  const command = `tsx bench/o2o-bench.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`;
  const out = await runO2oBench(o, path.join(ROOT, 'bench', '.data', 'o2o'), command);
  if (process.argv.includes('--write')) spliceO2oSection(path.join(ROOT, 'bench', 'RESULTS.md'), out.section);
  console.log(out.section);
  process.exit(out.failed ? 1 : 0);
}
