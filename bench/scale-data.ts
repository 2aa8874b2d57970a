/**
 * Scale data for benchmarks: grows the `person` table of a database that already holds the demo county (org
 * tree, Party organisations, accounts, ~5,600 people) to a target size with realistic rows:
 *
 * - placed over the units that still exist: ~88 % in villages, communities and villager groups, ~8 % in town and
 *   street organs, ~4 % in county departments (per-unit weights jittered so units differ in size);
 * - names drawn from the demo's surname frequencies and given-name characters; pinyin keys are computed once per
 *   name of a precomputed pool (toPinyinKeys is the slow part), not once per row;
 * - valid GB 11643 ID numbers (makeIdNumber), unique by blind index, stored as the product stores them: cipher
 *   envelope + HMAC blind index + mask; mobile numbers likewise (85 % have one);
 * - ~10 % Party members attached to a Party organisation of their unit when there is one.
 *
 * Rows are written through a raw "sink" (better-sqlite3 prepared statement / one PostgreSQL `insert … select
 * from unnest(…)` per chunk), each chunk in its own transaction, with the person table's secondary indexes
 * dropped for the load and rebuilt from their own definitions afterwards: Kysely's per-statement compilation of
 * 20-column multi-row inserts and row-by-row maintenance of six random-order B-trees would dominate the setup
 * time at a million rows. The rows have the shape the demo seeder writes through Kysely. Call the product's
 * `refreshStatistics(db, 'after-bulk-load')` afterwards, as the product does after its own bulk loads.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../server/db/database.ts';
import type { PersonRow } from '../server/db/schema.ts';
import { maskPhone, type FieldCipher } from '../server/platform/crypto.ts';
import { makeIdNumber, maskIdNumber } from '../server/platform/id-number.ts';
import { toPinyinKeys } from '../server/platform/pinyin.ts';
import { GIVEN_FEMALE, GIVEN_MALE, GIVEN_NEUTRAL, HUNAN_REGIONS, PHONE_PREFIXES, SURNAMES } from '../server/modules/demo/demo-county.data.ts';
import { Rng } from '../server/modules/demo/demo-county.generator.ts';

/** Column order used by both sinks. */
export const PERSON_COLUMNS = [
  'id', 'name', 'name_pinyin', 'name_initials', 'gender', 'birth_date', 'ethnicity_code', 'id_number_enc', 'id_number_bidx', 'id_number_masked',
  'phone_enc', 'phone_masked', 'hometown_org_unit_id', 'is_party_member', 'party_join_date', 'party_org_id', 'org_unit_id', 'org_path', 'created_at', 'updated_at',
] as const satisfies readonly (keyof PersonRow)[];

/**
 * Where generated rows go. `bulk()` drops the person table's secondary indexes (not the primary key and not
 * unique constraints) and returns a function that recreates them from their saved definitions: building an index
 * once over sorted data is many times faster than maintaining six random-order B-trees row by row.
 */
export type PersonSink = { insert(rows: PersonRow[]): Promise<void>; bulk(): Promise<() => Promise<void>>; close(): Promise<void> };

/**
 * A second connection to the SQLite file, one prepared INSERT, one transaction per chunk. This loader connection
 * uses a large page cache and synchronous=OFF (scratch data; the connections the bench measures keep the
 * product's WAL + synchronous=FULL).
 */
export function sqlitePersonSink(file: string): PersonSink {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -524288');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 10000');
  const stmt = db.prepare(`insert into person (${PERSON_COLUMNS.join(', ')}) values (${PERSON_COLUMNS.map(() => '?').join(', ')})`);
  const insertAll = db.transaction((rows: PersonRow[]) => {
    for (const r of rows) stmt.run(PERSON_COLUMNS.map((c) => r[c]));
  });
  return {
    insert: async (rows) => {
      insertAll(rows);
    },
    bulk: async () => {
      // Automatic indexes (primary key, unique constraints) have no SQL and stay.
      const indexes = db.prepare(`select name, sql from sqlite_master where type = 'index' and tbl_name = 'person' and sql is not null`).all() as { name: string; sql: string }[];
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

/** One `insert into person (…) select * from unnest($1::text[], …)` per chunk (a single statement = one transaction). */
export async function postgresPersonSink(url: string): Promise<PersonSink> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`set synchronous_commit = off`);
  await client.query(`set maintenance_work_mem = '256MB'`);
  const casts = PERSON_COLUMNS.map((c, i) => `$${i + 1}::${c === 'is_party_member' ? 'int' : 'text'}[]`);
  const text = `insert into person (${PERSON_COLUMNS.join(', ')}) select * from unnest(${casts.join(', ')})`;
  return {
    insert: async (rows) => {
      const columns = PERSON_COLUMNS.map((c) => rows.map((r) => r[c]));
      await client.query(text, columns);
    },
    bulk: async () => {
      const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
        `select indexname, indexdef from pg_indexes where schemaname = current_schema() and tablename = 'person'
           and indexname not in (select conname from pg_constraint where conrelid = 'person'::regclass)`,
      );
      for (const i of indexes) await client.query(`drop index "${i.indexname}"`);
      return async () => {
        for (const i of indexes) await client.query(i.indexdef);
      };
    },
    close: () => client.end(),
  };
}

// ---------- generation ----------

// The demo generator's seeded random source (mulberry32), so bench data is as reproducible as the demo county.

/** Picks from weighted items in O(log n). */
class WeightedPicker<T> {
  readonly #items: T[];
  readonly #cumulative: number[];
  constructor(entries: [T, number][]) {
    this.#items = entries.map(([v]) => v);
    let sum = 0;
    this.#cumulative = entries.map(([, w]) => (sum += w));
  }
  pick(rng: Rng): T {
    const r = rng.next() * this.#cumulative[this.#cumulative.length - 1]!;
    let lo = 0;
    let hi = this.#cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return this.#items[lo]!;
  }
}

type Unit = { id: string; path: string; type: string; townId: string | null; partyOrgId: string | null };
type PooledName = { name: string; full: string; initials: string };

const SHARE: Record<string, number> = { VILLAGE: 0.5, COMMUNITY: 0.34, VILLAGER_GROUP: 0.04, TOWN: 0.055, STREET: 0.025, COUNTY_DEPT: 0.04 };
const NAME_POOL_SIZE = 12_000;
const DAY_MS = 86_400_000;
const BIRTH_FROM = Date.UTC(1936, 0, 1) / DAY_MS;
const BIRTH_TO = Date.UTC(1998, 5, 30) / DAY_MS;

async function loadPlacement(db: Db, rng: Rng): Promise<{ units: WeightedPicker<Unit>; towns: string[] }> {
  const rows = await db.selectFrom('org_unit').select(['id', 'path', 'type']).where('valid_to', 'is', null).where('merged_into_id', 'is', null).execute();
  const parties = await db.selectFrom('party_org').select(['id', 'org_unit_id']).where('dissolved_at', 'is', null).orderBy('depth', 'desc').execute();
  const partyOf = new Map<string, string>();
  for (const p of parties) if (!partyOf.has(p.org_unit_id)) partyOf.set(p.org_unit_id, p.id);
  const typeOf = new Map(rows.map((r) => [r.id, r.type]));
  const towns = rows.filter((r) => r.type === 'TOWN' || r.type === 'STREET').map((r) => r.id);
  const units: Unit[] = rows.map((r) => ({
    id: r.id,
    path: r.path,
    type: r.type,
    townId: r.path.split('/').filter(Boolean).find((id) => typeOf.get(id) === 'TOWN' || typeOf.get(id) === 'STREET') ?? null,
    partyOrgId: partyOf.get(r.id) ?? null,
  }));
  const perType = new Map<string, number>();
  for (const u of units) perType.set(u.type, (perType.get(u.type) ?? 0) + 1);
  const weighted: [Unit, number][] = units.filter((u) => SHARE[u.type] !== undefined).map((u) => [u, (SHARE[u.type]! / perType.get(u.type)!) * (0.4 + 1.2 * rng.next())]);
  if (weighted.length === 0) throw new Error('scale-data: no villages, towns or departments found; seed the demo county first');
  return { units: new WeightedPicker(weighted), towns };
}

function namePool(rng: Rng, gender: 'M' | 'F', size: number): PooledName[] {
  const surnames = new WeightedPicker<string>(SURNAMES.map(([s, w]) => [s, w]));
  const own = gender === 'M' ? GIVEN_MALE : GIVEN_FEMALE;
  const seen = new Map<string, PooledName>();
  for (let tries = 0; seen.size < size && tries < size * 20; tries++) {
    const given = rng.chance(0.22) ? rng.pick(own) : rng.pick(rng.chance(0.5) ? own : GIVEN_NEUTRAL) + rng.pick(own);
    const name = surnames.pick(rng) + given;
    if (seen.has(name)) continue;
    const py = toPinyinKeys(name, { isPersonName: true });
    seen.set(name, { name, full: py.full, initials: py.initials });
  }
  return [...seen.values()];
}

export type GrowOptions = {
  db: Db;
  cipher: FieldCipher;
  sink: PersonSink;
  /** total number of rows wanted in `person` */
  target: number;
  seed?: number;
  chunkSize?: number;
  /** stop after this many milliseconds even if the target is not reached */
  timeLimitMs?: number;
  now?: Date;
  onProgress?: (rows: number, elapsedMs: number) => void;
  /**
   * true (default): every row gets its own AES-GCM envelopes. false: envelopes come from a pool of 4,096 real
   * encryptions of other valid ID numbers / phones (same format and length), while blind index and mask stay
   * per row. AES-GCM setup costs 10-60 µs per envelope in Node, which dominates a million-row load; the
   * benchmarked queries never read the envelopes. Such rows must not be decrypted (they decrypt to another value).
   */
  exactEnvelopes?: boolean;
  /** drop and rebuild the secondary indexes around the load (default true) */
  rebuildIndexes?: boolean;
};

export type GrowResult = { before: number; after: number; inserted: number; ms: number; indexMs: number; reachedTarget: boolean; exactEnvelopes: boolean };

export async function countPeople(db: Db): Promise<number> {
  const row = await db.selectFrom('person').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Inserts people until `person` holds `target` rows (or the time limit passes). Deterministic for a seed and start size. */
export async function growPeople(o: GrowOptions): Promise<GrowResult> {
  const started = Date.now();
  const before = await countPeople(o.db);
  const exact = o.exactEnvelopes ?? true;
  if (before >= o.target) return { before, after: before, inserted: 0, ms: 0, indexMs: 0, reachedTarget: true, exactEnvelopes: exact };
  const rng = new Rng((o.seed ?? 20161031) ^ before);
  const { units, towns } = await loadPlacement(o.db, rng);
  const pools = { M: namePool(rng, 'M', NAME_POOL_SIZE), F: namePool(rng, 'F', NAME_POOL_SIZE) };
  const usedIndexes = new Set<string>();
  for (const r of await o.db.selectFrom('person').select('id_number_bidx').where('id_number_bidx', 'is not', null).execute()) usedIndexes.add(r.id_number_bidx!);
  const now = (o.now ?? new Date()).toISOString();
  const chunkSize = o.chunkSize ?? 10_000;
  const POOL = 4096;
  const idPool: string[] = [];
  const phonePool: string[] = [];
  if (!exact) {
    for (let i = 0; i < POOL; i++) {
      idPool.push(o.cipher.encrypt(makeIdNumber('430121', new Date(rng.int(BIRTH_FROM, BIRTH_TO) * DAY_MS).toISOString().slice(0, 10), rng.int(1, 999))));
      phonePool.push(o.cipher.encrypt(rng.pick(PHONE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0')));
    }
  }
  const encryptId = (v: string) => (exact ? o.cipher.encrypt(v) : idPool[rng.int(0, POOL - 1)]!);
  const encryptPhone = (v: string) => (exact ? o.cipher.encrypt(v) : phonePool[rng.int(0, POOL - 1)]!);

  const makeRow = (): PersonRow => {
    const unit = units.pick(rng);
    const gender = rng.chance(0.49) ? 'F' : 'M';
    const named = rng.pick(pools[gender]);
    const birthDate = new Date(rng.int(BIRTH_FROM, BIRTH_TO) * DAY_MS).toISOString().slice(0, 10);
    const ethnicityCode = rng.chance(0.97) ? '01' : rng.pick(['15', '06']);
    const native = rng.chance(0.7);
    let idNumber = '';
    let bidx = '';
    for (;;) {
      const region = native ? '430121' : rng.pick(HUNAN_REGIONS);
      let seq = rng.int(1, 999);
      if ((seq % 2 === 1) !== (gender === 'M')) seq = seq === 999 ? 998 : seq + 1;
      idNumber = makeIdNumber(region, birthDate, seq);
      bidx = o.cipher.blindIndex('id_number', idNumber);
      if (!usedIndexes.has(bidx)) break;
    }
    usedIndexes.add(bidx);
    const phone = rng.chance(0.85) ? rng.pick(PHONE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0') : null;
    const isPartyMember = unit.partyOrgId !== null && rng.chance(0.1);
    const joinYear = Math.min(Number(birthDate.slice(0, 4)) + rng.int(18, 40), 2016);
    return {
      id: uuidv7(),
      name: named.name,
      name_pinyin: named.full,
      name_initials: named.initials,
      gender,
      birth_date: birthDate,
      ethnicity_code: ethnicityCode,
      id_number_enc: encryptId(idNumber),
      id_number_bidx: bidx,
      id_number_masked: maskIdNumber(idNumber),
      phone_enc: phone === null ? null : encryptPhone(phone),
      phone_masked: phone === null ? null : maskPhone(phone),
      hometown_org_unit_id: native ? (unit.townId ?? (towns.length ? rng.pick(towns) : null)) : null,
      is_party_member: isPartyMember ? 1 : 0,
      party_join_date: isPartyMember ? `${joinYear}-07-01` : null,
      party_org_id: isPartyMember ? unit.partyOrgId : null,
      org_unit_id: unit.id,
      org_path: unit.path,
      created_at: now,
      updated_at: now,
    };
  };

  let rows = before;
  let reachedTarget = true;
  const rebuild = (o.rebuildIndexes ?? true) ? await o.sink.bulk() : null;
  let indexMs = 0;
  try {
    while (rows < o.target) {
      if (o.timeLimitMs !== undefined && Date.now() - started > o.timeLimitMs) {
        reachedTarget = false;
        break;
      }
      const n = Math.min(chunkSize, o.target - rows);
      const chunk: PersonRow[] = new Array<PersonRow>(n);
      for (let i = 0; i < n; i++) chunk[i] = makeRow();
      await o.sink.insert(chunk);
      rows += n;
      o.onProgress?.(rows, Date.now() - started);
    }
  } finally {
    if (rebuild) {
      const t0 = Date.now();
      await rebuild();
      indexMs = Date.now() - t0;
    }
  }
  return { before, after: rows, inserted: rows - before, ms: Date.now() - started, indexMs, reachedTarget, exactEnvelopes: exact };
}
