/**
 * Issue 3 benchmark, part 2: full verification of a large ledger against raw chained SHA-256.
 *
 * 1. Grow `ledger_event` to the target size (1,000,000 by default) with a realistic mix of events (dossier views,
 *    person created/updated, logins, reveals, posts, exports, archive views) by the demo accounts over the demo org
 *    tree. The rows are computed exactly as appendLedgerEvents computes them (canonicalJson payload, the ledger's
 *    own leafHash and chainHash, continuing the chain from the current head) and written through a raw loader
 *    (better-sqlite3 prepared statement / PostgreSQL unnest), 20,000 rows per transaction; the product's own batch
 *    append is measured separately (ledger-writes.ts).
 * 2. One signed checkpoint with the product's createCheckpoint (which re-checks every event before signing) and a
 *    generated Ed25519 key, exported as an external checkpoint.
 * 3. `verifyLedger({ db, publicKeyPem, checkpoints, parallel })` over everything, several runs, as the CLI runs it (from
 *    200,000 events the second half is checked by a second process at the same time).
 * 4. Baseline: every record read into memory first, its leaf bytes built with the ledger's `leafData`; then only the
 *    hashing loop is timed: leaf = SHA-256(0x00 ‖ data), chain = SHA-256(prev ‖ leaf) (and, as a second baseline,
 *    plus the RFC 6962 Merkle root; as a third, stricter one, the chain with string digests, the verifier's own form and
 *    the fastest raw chained SHA-256 on Node 20). The baselines' chain head and root must equal the verifier's.
 * 5. Where the verifier's time goes: one instrumented pass timing the row reads (event-reader.ts: raw driver, arrays)
 *    apart from the per-row check (LedgerScanner.checkTuple: leaf JSON, hashes, hex, Merkle push).
 */
import { hash } from 'node:crypto';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../server/db/database.ts';
import type { Clock } from '../server/platform/clock.ts';
import { canonicalJson, chainHash, createCheckpoint, exportCheckpoint, generateLedgerSigner, GENESIS_CHAIN, leafHash, verifyLedger, type LedgerVerdict } from '../server/platform/ledger/index.ts';
import { leafData } from '../server/platform/ledger/ledger.ts';
import { eventTuples, type EventTuple } from '../server/platform/ledger/event-reader.ts';
import { LedgerScanner, leafJson, recordOf } from '../server/platform/ledger/scan.ts';
import { mulberry32 } from './ledger-writes.ts';
import { fmt, median, progress } from './lib.ts';

const LEDGER_COLUMNS = ['seq', 'ts', 'actor_user_id', 'actor_role', 'org_path', 'action', 'object_type', 'object_id', 'payload', 'leaf_hash', 'chain_hash'] as const;
type LedgerRow = Record<(typeof LEDGER_COLUMNS)[number], string | number | null>;

/**
 * Where generated ledger rows go. `bulk()` drops ledger_event's secondary indexes (the audit viewer's; not the primary
 * key) for the load and returns a function that recreates them from their saved definitions: one sorted build is
 * much faster than maintaining four B-trees row by row.
 */
export type LedgerSink = { insert(rows: LedgerRow[]): Promise<void>; bulk(): Promise<() => Promise<void>>; close(): Promise<void> };

/** A second connection to the SQLite file (loader: synchronous=OFF, large cache; the verifier reads through the product's connection). */
export function sqliteLedgerSink(file: string): LedgerSink {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  db.pragma('busy_timeout = 10000');
  const stmt = db.prepare(`insert into ledger_event (${LEDGER_COLUMNS.join(', ')}) values (${LEDGER_COLUMNS.map(() => '?').join(', ')})`);
  const insertAll = db.transaction((rows: LedgerRow[]) => {
    for (const r of rows) stmt.run(LEDGER_COLUMNS.map((c) => r[c]));
  });
  return {
    insert: async (rows) => {
      insertAll(rows);
    },
    bulk: async () => {
      const indexes = db.prepare(`select name, sql from sqlite_master where type = 'index' and tbl_name = 'ledger_event' and sql is not null`).all() as { name: string; sql: string }[];
      for (const i of indexes) db.exec(`drop index "${i.name}"`);
      return async () => {
        for (const i of indexes) db.exec(i.sql);
      };
    },
    close: async () => {
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}

export async function postgresLedgerSink(url: string): Promise<LedgerSink> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('set synchronous_commit = off');
  await client.query(`set maintenance_work_mem = '256MB'`);
  const casts = LEDGER_COLUMNS.map((c, i) => `$${i + 1}::${c === 'seq' ? 'bigint' : 'text'}[]`);
  const text = `insert into ledger_event (${LEDGER_COLUMNS.join(', ')}) select * from unnest(${casts.join(', ')})`;
  return {
    insert: async (rows) => {
      await client.query(
        text,
        LEDGER_COLUMNS.map((c) => rows.map((r) => r[c])),
      );
    },
    bulk: async () => {
      const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
        `select indexname, indexdef from pg_indexes where schemaname = current_schema() and tablename = 'ledger_event'
           and indexname not in (select conname from pg_constraint where conrelid = 'ledger_event'::regclass)`,
      );
      for (const i of indexes) await client.query(`drop index "${i.indexname}"`);
      return async () => {
        for (const i of indexes) await client.query(i.indexdef);
      };
    },
    close: () => client.end(),
  };
}

type Actor = { userId: string | null; role: string | null };

/**
 * Event mix of a working installation, payloads shaped like the services' (masked values only). Object ids come
 * from a pool of 50,000 (people are viewed and updated more than once) and payloads from pools of variants, so
 * generating a million events costs little next to hashing and inserting them.
 */
function eventMaker(actors: Actor[], orgPaths: string[], seed: number) {
  const rnd = mulberry32(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const ids = Array.from({ length: 50_000 }, () => uuidv7());
  const masked = () => `4301**********${String(1000 + Math.floor(rnd() * 9000))}`;
  const phone = () => `1${3 + Math.floor(rnd() * 7)}9****${String(1000 + Math.floor(rnd() * 9000))}`;
  const pool = (n: number, make: () => Record<string, unknown>) => Array.from({ length: n }, () => canonicalJson(make()));
  const created = pool(4096, () => ({ fields: ['birthDate', 'ethnicityCode', 'gender', 'idNumber', 'isPartyMember', 'name', 'orgUnitId', 'phone'], idNumberMasked: masked(), phoneMasked: phone(), isCadre: rnd() < 0.25 }));
  const updated = pool(4096, () => ({ fields: ['phone'], phoneMasked: phone() }));
  const revealed = pool(64, () => ({ field: rnd() < 0.7 ? 'idNumber' : 'phone', reason: pick(['换届考察核对身份信息', '干部任前公示核对', '档案专项审核']) }));
  const posts = pool(4096, () => ({ personId: pick(ids), orgUnitId: uuidv7(), title: pick(['村民委员会委员', '党委委员', '科员', '副镇长']), startDate: `20${10 + Math.floor(rnd() * 15)}-03-01` }));
  const exports = pool(256, () => ({ filters: rnd() < 0.5 ? { isPartyMember: true } : { orgUnitId: uuidv7() }, rowCount: Math.floor(rnd() * 3000), format: 'xlsx' }));
  const archive = pool(1024, () => ({ personId: pick(ids), purpose: pick(['INSPECTION', 'APPOINTMENT']) }));
  return (): { actor: Actor; action: string; objectType: string; objectId: string; orgPath: string; payload: string } => {
    const actor = pick(actors);
    const orgPath = pick(orgPaths);
    const x = rnd();
    if (x < 0.35) return { actor, action: 'person.dossier_viewed', objectType: 'person', objectId: pick(ids), orgPath, payload: '{}' };
    if (x < 0.55) return { actor, action: 'person.created', objectType: 'person', objectId: pick(ids), orgPath, payload: pick(created) };
    if (x < 0.7) return { actor, action: 'person.updated', objectType: 'person', objectId: pick(ids), orgPath, payload: pick(updated) };
    if (x < 0.8) return { actor: { userId: actor.userId, role: null }, action: 'auth.login', objectType: 'user', objectId: actor.userId ?? 'system', orgPath: '/', payload: '{}' };
    if (x < 0.85) return { actor, action: 'person.field_revealed', objectType: 'person', objectId: pick(ids), orgPath, payload: pick(revealed) };
    if (x < 0.92) return { actor, action: 'post.started', objectType: 'post', objectId: uuidv7(), orgPath, payload: pick(posts) };
    if (x < 0.96) return { actor, action: 'people.exported', objectType: 'export', objectId: uuidv7(), orgPath, payload: pick(exports) };
    return { actor, action: 'archive.viewed', objectType: 'archive_request', objectId: pick(ids), orgPath, payload: pick(archive) };
  };
}

export type GrowLedger = { before: number; after: number; inserted: number; ms: number; indexMs: number; reachedTarget: boolean; vacuumMs: number | null };

/** Appends events until ledger_event holds `target` rows, continuing the chain; stops at `limitMs`. */
export async function growLedger(db: Db, sink: LedgerSink, target: number, limitMs: number | undefined, label: string, postgres: boolean): Promise<GrowLedger> {
  const started = Date.now();
  const head = await db.selectFrom('ledger_event').select(['seq', 'chain_hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const before = head ? Number(head.seq) : 0;
  let previous = head?.chain_hash ?? GENESIS_CHAIN;
  const users = await db.selectFrom('app_user').leftJoin('role_grant', 'role_grant.user_id', 'app_user.id').select(['app_user.id', 'role_grant.role']).execute();
  const actors: Actor[] = users.map((u) => ({ userId: u.id, role: u.role ?? null }));
  const orgPaths = (await db.selectFrom('org_unit').select('path').where('valid_to', 'is', null).execute()).map((r) => r.path);
  const next = eventMaker(actors, orgPaths, 424242);
  const base = Date.now();
  const link = Buffer.alloc(64);
  let ts = '';
  let lastTick = -1;
  let seq = before;
  let last = started;
  let reachedTarget = true;
  const CHUNK = 20_000;
  const rebuild = await sink.bulk();
  let indexMs = 0;
  try {
    while (seq < target) {
      if (limitMs !== undefined && Date.now() - started > limitMs) {
        reachedTarget = false;
        break;
      }
      const n = Math.min(CHUNK, target - seq);
      const rows: LedgerRow[] = new Array<LedgerRow>(n);
      for (let i = 0; i < n; i++) {
        const e = next();
        seq++;
        // Times advance 1 ms per 10 events from the start of the load (never backwards, so no clock warnings).
        const tick = Math.floor((seq - before) / 10);
        if (tick !== lastTick) {
          lastTick = tick;
          ts = new Date(base + tick).toISOString();
        }
        const row: LedgerRow = { seq, ts, actor_user_id: e.actor.userId, actor_role: e.actor.role, org_path: e.orgPath, action: e.action, object_type: e.objectType, object_id: e.objectId, payload: e.payload, leaf_hash: '', chain_hash: '' };
        // The ledger's leaf bytes (scan.ts leafJson = ledger.ts leafData, byte for byte) and chain, as appendLedgerEvents
        // computes them; the first row of every chunk is cross-checked against the ledger's own leafHash and chainHash.
        const leaf = hash('sha256', `\u0000${leafJson(row as Parameters<typeof leafJson>[0])}`, 'buffer');
        link.write(previous, 0, 'hex');
        link.set(leaf, 32);
        const chain = hash('sha256', link, 'hex');
        row.leaf_hash = leaf.toString('hex');
        row.chain_hash = chain;
        if (i === 0) {
          const record = { seq, ts, actorUserId: e.actor.userId, actorRole: e.actor.role, orgPath: e.orgPath, action: e.action, objectType: e.objectType, objectId: e.objectId, payload: e.payload };
          if (leafHash(record) !== row.leaf_hash || chainHash(previous, row.leaf_hash) !== chain) throw new Error(`growLedger: row ${seq} differs from the ledger's own hashing`);
        }
        previous = chain;
        rows[i] = row;
      }
      await sink.insert(rows);
      if (Date.now() - last > 10_000 || seq === target) {
        last = Date.now();
        progress(`${label}: ledger at ${fmt(seq)} events (${fmt((Date.now() - started) / 1000, 1)} s)`);
      }
    }
  } finally {
    const t0 = Date.now();
    await rebuild();
    indexMs = Date.now() - t0;
    await sink.close();
  }
  let vacuumMs: number | null = null;
  if (postgres) {
    // As autovacuum does shortly after a bulk insert (sets hint bits and the visibility map), so every verify run reads the same steady-state table.
    const t0 = Date.now();
    await sql`vacuum (analyze) ledger_event`.execute(db);
    vacuumMs = Date.now() - t0;
  }
  return { before, after: seq, inserted: seq - before, ms: Date.now() - started, indexMs, reachedTarget, vacuumMs };
}

export type VerifyBench = {
  events: number;
  leafBytes: number;
  checkpointMs: number;
  verifyRuns: number[];
  verifyMs: number;
  chainRuns: number[];
  chainMs: number;
  /** the same chain with string digests (the fastest raw form on Node 20) */
  chainStringRuns: number[];
  chainStringMs: number;
  merkleRuns: number[];
  merkleMs: number;
  /** instrumented pass: time waiting for row batches vs time in LedgerScanner.check */
  readMs: number;
  checkMs: number;
  loadMs: number;
  verdict: string;
};

type LeafBlock = { buf: Buffer; offsets: Uint32Array; count: number };

function chainLoop(blocks: LeafBlock[]): Buffer {
  const link = Buffer.alloc(64);
  let prev = Buffer.from(GENESIS_CHAIN, 'hex');
  for (const b of blocks) {
    for (let j = 0; j < b.count; j++) {
      const leaf = hash('sha256', b.buf.subarray(b.offsets[j], b.offsets[j + 1]), 'buffer');
      link.set(prev, 0);
      link.set(leaf, 32);
      prev = hash('sha256', link, 'buffer');
    }
  }
  return prev;
}

function chainAndMerkleLoop(blocks: LeafBlock[]): { head: Buffer; root: Buffer } {
  const link = Buffer.alloc(64);
  const node = Buffer.alloc(65);
  node[0] = 0x01;
  let prev = Buffer.from(GENESIS_CHAIN, 'hex');
  const stack: Buffer[] = [];
  let size = 0;
  for (const b of blocks) {
    for (let j = 0; j < b.count; j++) {
      const leaf = hash('sha256', b.buf.subarray(b.offsets[j], b.offsets[j + 1]), 'buffer');
      link.set(prev, 0);
      link.set(leaf, 32);
      prev = hash('sha256', link, 'buffer');
      // RFC 6962 tree, streaming: merge equal-sized perfect subtrees.
      let h = leaf;
      for (let s = size; s % 2 === 1; s = (s - 1) / 2) {
        node.set(stack.pop()!, 1);
        node.set(h, 33);
        h = hash('sha256', node, 'buffer');
      }
      stack.push(h);
      size++;
    }
  }
  let root = stack[stack.length - 1] ?? hash('sha256', Buffer.alloc(0), 'buffer');
  for (let i = stack.length - 2; i >= 0; i--) {
    node.set(stack[i]!, 1);
    node.set(root, 33);
    root = hash('sha256', node, 'buffer');
  }
  return { head: prev, root };
}

/** The tuple as the row object leafJson / recordOf take. */
function rowOf(t: EventTuple) {
  return { seq: t[0], ts: t[1], actor_user_id: t[2], actor_role: t[3], org_path: t[4], action: t[5], object_type: t[6], object_id: t[7], payload: t[8], leaf_hash: t[9], chain_hash: t[10] };
}

/**
 * The raw chain again, with the digests taken as hex strings and decoded into the link buffer (the form the verifier
 * uses): on Node 20 a Buffer digest costs more than hashing 64 bytes, so this is the fastest raw chained SHA-256
 * Node offers, and the stricter baseline.
 */
function chainLoopStrings(blocks: LeafBlock[]): string {
  const link = Buffer.alloc(64);
  let prev = GENESIS_CHAIN;
  for (const b of blocks) {
    for (let j = 0; j < b.count; j++) {
      link.write(hash('sha256', b.buf.subarray(b.offsets[j], b.offsets[j + 1]), 'hex'), 32, 'hex');
      prev = hash('sha256', link, 'hex');
      link.write(prev, 0, 'hex');
    }
  }
  return prev;
}

function timed<T>(fn: () => T): { ms: number; value: T } {
  const t0 = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

export async function verifyBench(db: Db, clock: Clock, runs: number, label: string, url: string): Promise<VerifyBench> {
  // 1. One instrumented pass over the whole ledger (the verifier's loop: eventTuples + LedgerScanner.checkTuple), timing the
  //    row reads apart from the per-row checks; every record's leaf bytes go to memory for the baseline (not timed).
  progress(`${label}: instrumented pass over the ledger, reading every record into memory`);
  const scanner = new LedgerScanner();
  const blocks: LeafBlock[] = [];
  let readMs = 0;
  let checkMs = 0;
  let leafBytes = 0;
  const loadStart = process.hrtime.bigint();
  const batches = eventTuples(db);
  for (;;) {
    let t = process.hrtime.bigint();
    const it = await batches.next();
    readMs += Number(process.hrtime.bigint() - t) / 1e6;
    if (it.done) break;
    const tuples = it.value;
    t = process.hrtime.bigint();
    for (const tuple of tuples) {
      const problem = scanner.checkTuple(tuple);
      if (problem) throw new Error(`${label}: instrumented pass: ${problem.problem}`);
    }
    checkMs += Number(process.hrtime.bigint() - t) / 1e6;
    const rows = tuples.map(rowOf);
    // Leaf bytes: scan.ts leafJson, the verifier's equivalent of ledger.ts leafData (byte-identical; every 1,000th
    // record is compared with leafData here, and the baseline must end on the verifier's chain head and root).
    const datas = rows.map((row) => Buffer.from(leafJson(row), 'utf8'));
    rows.forEach((row, j) => {
      if (Number(row.seq) % 1000 === 0 && !leafData(recordOf(row)).equals(datas[j]!)) throw new Error(`${label}: leafJson and leafData differ at seq ${row.seq}`);
    });
    const total = datas.reduce((n, d) => n + 1 + d.length, 0);
    const buf = Buffer.alloc(total);
    const offsets = new Uint32Array(datas.length + 1);
    let off = 0;
    datas.forEach((d, j) => {
      offsets[j] = off;
      buf[off] = 0x00;
      d.copy(buf, off + 1);
      off += 1 + d.length;
    });
    offsets[datas.length] = off;
    blocks.push({ buf, offsets, count: datas.length });
    leafBytes += total - datas.length;
  }
  const loadMs = Number(process.hrtime.bigint() - loadStart) / 1e6;
  const events = blocks.reduce((n, b) => n + b.count, 0);
  progress(`${label}: ${fmt(events)} events: reading ${fmt(readMs / 1000, 1)} s, checking ${fmt(checkMs / 1000, 1)} s`);

  // 2. One signed checkpoint through the product's createCheckpoint. It is handed the tree state the pass above verified
  //    (its TreeCache, as the hourly timer keeps it), so it signs at once instead of scanning everything a second time.
  const signer = generateLedgerSigner();
  let t0 = process.hrtime.bigint();
  const cp = await createCheckpoint(db, signer, clock, { cache: { scanner } });
  const checkpointMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (cp.treeSize !== events) throw new Error(`${label}: checkpoint at ${cp.treeSize}, expected ${events}`);
  const external = exportCheckpoint(cp);

  // 3. The verifier, several runs.
  const verifyRuns: number[] = [];
  let verdict: LedgerVerdict | null = null;
  for (let r = 0; r < runs; r++) {
    t0 = process.hrtime.bigint();
    // as `bellwether ledger verify` runs it: the second half in a second process (verify-range.ts)
    verdict = await verifyLedger({ db, publicKeyPem: signer.publicKeyPem, checkpoints: [external], parallel: { url } });
    verifyRuns.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (!verdict.ok) throw new Error(`${label}: verifyLedger failed: ${verdict.problem}`);
    progress(`${label}: verifyLedger run ${r + 1}/${runs}: ${fmt(verifyRuns[r]! / 1000, 2)} s (${fmt(verdict.size)} events${verdict.warnings.length ? `, warnings: ${verdict.warnings.join('; ')}` : ''})`);
  }
  if (!verdict?.ok) throw new Error('no verdict');
  if (events !== verdict.size) throw new Error(`${label}: read ${events} records, the verifier saw ${verdict.size}`);

  // 4. Raw chained SHA-256 (and with the Merkle root) over the same bytes in memory.
  progress(`${label}: raw hashing baseline over ${fmt(events)} records (${fmt(leafBytes / 1e6, 0)} MB of leaf data)`);
  const chainRuns: number[] = [];
  const merkleRuns: number[] = [];
  const chainStringRuns: number[] = [];
  const baselineRuns = Math.max(3, runs);
  for (let r = 0; r < baselineRuns; r++) {
    const chain = timed(() => chainLoop(blocks));
    chainRuns.push(chain.ms);
    if (chain.value.toString('hex') !== verdict.chainHead) throw new Error(`${label}: baseline chain head differs from the verifier's`);
    const strings = timed(() => chainLoopStrings(blocks));
    chainStringRuns.push(strings.ms);
    if (strings.value !== verdict.chainHead) throw new Error(`${label}: string-digest baseline chain head differs from the verifier's`);
    const both = timed(() => chainAndMerkleLoop(blocks));
    merkleRuns.push(both.ms);
    if (both.value.root.toString('hex') !== verdict.root) throw new Error(`${label}: baseline Merkle root differs from the verifier's`);
  }
  blocks.length = 0;
  return {
    events,
    leafBytes,
    checkpointMs,
    verifyRuns,
    verifyMs: median(verifyRuns),
    chainRuns,
    chainMs: median(chainRuns),
    chainStringRuns,
    chainStringMs: median(chainStringRuns),
    merkleRuns,
    merkleMs: median(merkleRuns),
    readMs,
    checkMs,
    loadMs,
    verdict: `OK: ${fmt(verdict.size)} events, ${verdict.checkpoints.stored} stored + ${verdict.checkpoints.external} external checkpoint verified${verdict.warnings.length ? `; warnings: ${verdict.warnings.join('; ')}` : ''}`,
  };
}
