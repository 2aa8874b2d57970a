/**
 * Issue 3 benchmark, part 1: what the ledger costs inside real service writes.
 *
 * Measured: the people service's `createPerson` (people.service.ts) as the ORG_HEAD demo account, one person per
 * call. Baseline: the SAME writes without the ledger, i.e. a replica of createPerson (below) that runs the same
 * scope check, validation (GB 11643 ID number, mobile), encryption, blind index, masks, pinyin, code and duplicate
 * lookups, the same person + cadre inserts through people.repository.ts in one transaction per person, and the
 * same dossier reload, but no `appendLedgerEvent`. A second pair isolates the write transaction (no dossier reload):
 * the replica with and without its ledger event.
 *
 * Also the batch append used by the import: `appendLedgerEvents` of 20,000 events in one transaction, against a
 * plain Kysely insert of the identical rows (same columns, same four indexes, same 500-row statements) into a copy
 * of the table: the difference is the ledger's own work (lock, head read, canonical JSON, two hashes per event).
 */
import { sql, type Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { CreatePersonRequest, PersonDossier } from '../contracts/people.ts';
import { inTransaction, type Db } from '../server/db/database.ts';
import { pathColumnType } from '../server/db/dialect.ts';
import { isoDate } from '../server/platform/clock.ts';
import { maskPhone, normalisePhone } from '../server/platform/crypto.ts';
import { ledgerActor, type ServiceCtx } from '../server/platform/deps.ts';
import { makeIdNumber, maskIdNumber, validateIdNumber } from '../server/platform/id-number.ts';
import { appendLedgerEvent, appendLedgerEvents, canonicalJson, chainHash, GENESIS_CHAIN, leafHash, type LedgerActor, type LedgerEntry } from '../server/platform/ledger/index.ts';
import { toPinyinKeys } from '../server/platform/pinyin.ts';
import { findOrgUnitRef, getOrgUnitInScope } from '../server/modules/org/index.ts';
import * as repo from '../server/modules/people/people.repository.ts';
import { createPerson, loadDossier } from '../server/modules/people/people.service.ts';
import { GIVEN_FEMALE, GIVEN_MALE, SURNAMES } from '../server/modules/demo/demo-county.data.ts';
import { median, progress } from './lib.ts';

// ---------- deterministic inputs ----------

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY_MS = 86_400_000;
const BIRTH_FROM_DAY = Date.UTC(1960, 0, 1) / DAY_MS;
const BIRTH_SPAN_DAYS = 14_000;

/**
 * The k-th unique valid ID number over `regions` (none of them used by the demo county, which uses 430121 and other
 * Hunan codes, so nothing collides with the seed): birth dates spread over 1960-1998, the sex digit from `male`.
 */
export function uniqueIdNumber(k: number, regions: readonly string[], male: boolean): { idNumber: string; birthDate: string } {
  const region = regions[k % regions.length]!;
  const j = Math.floor(k / regions.length);
  const day = (j % BIRTH_SPAN_DAYS) * 7919 % BIRTH_SPAN_DAYS;
  const s = Math.floor(j / BIRTH_SPAN_DAYS) + 1; // 1..499
  if (s > 499) throw new Error('uniqueIdNumber: out of sequence numbers');
  const birthDate = new Date((BIRTH_FROM_DAY + day) * DAY_MS).toISOString().slice(0, 10);
  return { idNumber: makeIdNumber(region, birthDate, male ? 2 * s - 1 : 2 * s), birthDate };
}

const WEIGHTED_SURNAMES: string[] = SURNAMES.flatMap(([s, w]) => Array<string>(Math.max(1, Math.round(w / 4))).fill(s));

export function personName(rnd: () => number, male: boolean): string {
  const own = male ? GIVEN_MALE : GIVEN_FEMALE;
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  return pick(WEIGHTED_SURNAMES) + pick(own) + (rnd() < 0.75 ? pick(own) : '');
}

export type Placement = { unitIds: string[]; townIds: string[]; authorityId: string; educationCode: string };

export async function loadPlacement(db: Db): Promise<Placement> {
  const units = await db.selectFrom('org_unit').select(['id', 'type', 'path']).where('valid_to', 'is', null).where('merged_into_id', 'is', null).execute();
  const root = units.reduce((a, b) => (a.path.length <= b.path.length ? a : b));
  const education = await db.selectFrom('code_item').select('code').where('catalog', '=', 'EDUCATION').where('active', '=', 1).where('name_zh', '=', '大学本科毕业').executeTakeFirst();
  return {
    unitIds: units.filter((u) => ['VILLAGE', 'COMMUNITY', 'TOWN', 'STREET', 'COUNTY_DEPT'].includes(u.type)).map((u) => u.id),
    townIds: units.filter((u) => u.type === 'TOWN' || u.type === 'STREET').map((u) => u.id),
    authorityId: root.id,
    educationCode: education?.code ?? '21',
  };
}

const WRITE_REGIONS = ['350102', '320106', '510107', '610113'] as const;

/** `count` valid createPerson requests; `start` keeps ID numbers unique across calls. */
export function personRequests(count: number, start: number, place: Placement): CreatePersonRequest[] {
  const rnd = mulberry32(7001 + start);
  const out: CreatePersonRequest[] = [];
  for (let i = 0; i < count; i++) {
    const k = start + i;
    const male = rnd() < 0.55;
    const { idNumber, birthDate } = uniqueIdNumber(k, WRITE_REGIONS, male);
    const party = rnd() < 0.3;
    const req: CreatePersonRequest = {
      name: personName(rnd, male),
      gender: male ? 'M' : 'F',
      birthDate,
      ethnicityCode: '01',
      idNumber,
      orgUnitId: place.unitIds[Math.floor(rnd() * place.unitIds.length)]!,
      isPartyMember: party,
    };
    if (rnd() < 0.85) req.phone = `139${String(10_000_000 + k).slice(-8)}`;
    if (party) req.partyJoinDate = `${Number(birthDate.slice(0, 4)) + 25}-07-01`;
    if (rnd() < 0.3) req.hometownOrgUnitId = place.townIds[Math.floor(rnd() * place.townIds.length)]!;
    if (rnd() < 0.25) req.cadre = { rankLevel: 'CLERK', managementAuthorityOrgId: place.authorityId, educationCode: place.educationCode, isSectionLevel: false };
    out.push(req);
  }
  return out;
}

// ---------- the replica of createPerson ----------

function changedFieldNames(input: object): string[] {
  return Object.entries(input)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k)
    .sort();
}

/**
 * createPerson (people.service.ts) step by step, with its ledger event and its dossier reload switchable. With
 * `ledger: true, reload: true` it does exactly what the service does. Validation failures throw plain errors (the
 * bench only sends valid requests; the checks still run).
 */
export async function createPersonReplica(
  ctx: ServiceCtx,
  input: CreatePersonRequest,
  o: { ledger: boolean; reload: boolean; appendMs?: (ms: number) => void; commitMs?: (ms: number) => void },
): Promise<PersonDossier | null> {
  const unit = await getOrgUnitInScope(ctx.db, ctx.actor, 'people.write', input.orgUnitId);
  if (unit.validTo) throw new Error('unit closed');
  // checkIdentity
  const today = isoDate(ctx.clock.now());
  const identity: { id_number_enc?: string; id_number_bidx?: string; id_number_masked?: string; phone_enc?: string; phone_masked?: string } = {};
  if (input.idNumber !== undefined) {
    const result = validateIdNumber(input.idNumber, today);
    if (!result.ok) throw new Error(`invalid ID number: ${result.problem}`);
    if (result.birthDate !== input.birthDate || result.gender !== input.gender) throw new Error('ID number contradicts birth date or sex');
    identity.id_number_enc = ctx.cipher.encrypt(result.value);
    identity.id_number_bidx = ctx.cipher.blindIndex('id_number', result.value);
    identity.id_number_masked = maskIdNumber(result.value);
  }
  if (input.phone !== undefined) {
    const phone = normalisePhone(input.phone);
    if (!phone) throw new Error('invalid phone');
    identity.phone_enc = ctx.cipher.encrypt(phone);
    identity.phone_masked = maskPhone(phone);
  }
  if (input.partyJoinDate && !input.isPartyMember) throw new Error('join date without membership');
  const id = uuidv7();
  const now = ctx.clock.now().toISOString();
  // BEGIN + COMMIT time = the whole transaction minus its body (for the breakdown; the caller times the call).
  const txStart = process.hrtime.bigint();
  let bodyNs = 0n;
  const result = await inTransaction(ctx.db, async (trx) => {
    const bodyStart = process.hrtime.bigint();
    if (!(await repo.codeExists(trx, 'ETHNICITY', input.ethnicityCode))) throw new Error('unknown ethnicity');
    if (input.cadre?.educationCode !== undefined && !(await repo.codeExists(trx, 'EDUCATION', input.cadre.educationCode))) throw new Error('unknown education');
    if (identity.id_number_bidx && (await repo.findPersonByIdNumberIndex(trx, identity.id_number_bidx))) throw new Error('duplicate ID number');
    if (input.hometownOrgUnitId && !(await findOrgUnitRef(trx, input.hometownOrgUnitId))) throw new Error('unknown hometown');
    if (input.cadre && !(await findOrgUnitRef(trx, input.cadre.managementAuthorityOrgId))) throw new Error('unknown authority');
    const py = toPinyinKeys(input.name, { isPersonName: true });
    await repo.insertPerson(trx, {
      id,
      name: input.name.trim(),
      name_pinyin: py.full,
      name_initials: py.initials,
      gender: input.gender,
      birth_date: input.birthDate,
      ethnicity_code: input.ethnicityCode,
      id_number_enc: identity.id_number_enc ?? null,
      id_number_bidx: identity.id_number_bidx ?? null,
      id_number_masked: identity.id_number_masked ?? null,
      phone_enc: identity.phone_enc ?? null,
      phone_masked: identity.phone_masked ?? null,
      hometown_org_unit_id: input.hometownOrgUnitId ?? null,
      is_party_member: input.isPartyMember ? 1 : 0,
      party_join_date: input.partyJoinDate ?? null,
      party_org_id: input.partyOrgId ?? null,
      org_unit_id: unit.id,
      org_path: unit.path,
      created_at: now,
      updated_at: now,
    });
    if (input.cadre) {
      await repo.insertCadre(trx, {
        person_id: id,
        rank_level: input.cadre.rankLevel,
        management_authority_org_id: input.cadre.managementAuthorityOrgId,
        work_start_date: input.cadre.workStartDate ?? null,
        education_code: input.cadre.educationCode,
        degree_code: input.cadre.degreeCode ?? null,
        specialty: input.cadre.specialty ?? null,
        is_section_level: input.cadre.isSectionLevel ? 1 : 0,
        created_at: now,
        updated_at: now,
      });
    }
    if (o.ledger) {
      const t0 = process.hrtime.bigint();
      await appendLedgerEvent(
        trx,
        ledgerActor(ctx.actor),
        {
          action: 'person.created',
          objectType: 'person',
          objectId: id,
          orgPath: unit.path,
          payload: { fields: changedFieldNames(input), idNumberMasked: identity.id_number_masked ?? null, phoneMasked: identity.phone_masked ?? null, isCadre: Boolean(input.cadre) },
        },
        ctx.clock.now(),
      );
      o.appendMs?.(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    if (!o.reload) {
      bodyNs = process.hrtime.bigint() - bodyStart;
      return null;
    }
    const person = await repo.findPerson(trx, id);
    const dossier = await loadDossier(ctx, trx, person!);
    bodyNs = process.hrtime.bigint() - bodyStart;
    return dossier;
  });
  o.commitMs?.(Number(process.hrtime.bigint() - txStart - bodyNs) / 1e6);
  return result;
}

// ---------- service writes ----------

export type VariantKey = 'service' | 'noLedger' | 'writeLedger' | 'writeNoLedger';

export const VARIANTS: { key: VariantKey; label: string }[] = [
  { key: 'service', label: 'createPerson (service, with ledger)' },
  { key: 'noLedger', label: 'same writes without the ledger (replica, dossier reload included)' },
  { key: 'writeLedger', label: 'write transaction only, with ledger event (replica, no reload)' },
  { key: 'writeNoLedger', label: 'write transaction only, without ledger event (replica, no reload)' },
];

export type ServiceWrites = {
  perRound: number;
  rounds: number;
  /** writes/s of each round, per variant */
  runs: Record<VariantKey, number[]>;
  median: Record<VariantKey, number>;
  /** median over rounds of the mean time inside appendLedgerEvent (the writeLedger variant), µs */
  appendUs: number;
  /** median over rounds of the mean BEGIN + COMMIT time of the write-only variants, µs */
  commitUs: { with: number; without: number };
  peopleAfter: number;
  ledgerAfter: number;
};

/**
 * Writes/s of each variant. Within a round the variants are interleaved call by call (A B C D, B C D A, …), each
 * call timed on its own, so drift (other processes, growing tables, WAL size) falls on every variant alike; a
 * round's rate is its calls divided by the summed time of that variant's calls.
 */
export async function serviceWriteRates(ctx: ServiceCtx, label: string, perRound: number, rounds: number): Promise<ServiceWrites> {
  const place = await loadPlacement(ctx.db);
  let next = 0;
  let appendSpent = 0;
  const commitSpent = { with: 0, without: 0 };
  const call = async (key: VariantKey, input: CreatePersonRequest): Promise<number> => {
    const t0 = process.hrtime.bigint();
    if (key === 'service') await createPerson(ctx, input);
    else
      await createPersonReplica(ctx, input, {
        ledger: key === 'writeLedger',
        reload: key === 'noLedger',
        appendMs: (t) => (appendSpent += t),
        commitMs: (t) => {
          if (key === 'writeLedger') commitSpent.with += t;
          if (key === 'writeNoLedger') commitSpent.without += t;
        },
      });
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  // Warm-up (JIT, statement caches, pages): 20 writes of each variant, not counted.
  for (const input of personRequests(20 * VARIANTS.length, next, place).entries()) await call(VARIANTS[input[0] % VARIANTS.length]!.key, input[1]);
  next += 20 * VARIANTS.length;
  const runs: Record<VariantKey, number[]> = { service: [], noLedger: [], writeLedger: [], writeNoLedger: [] };
  const appendRuns: number[] = [];
  const commitRuns = { with: [] as number[], without: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    appendSpent = 0;
    commitSpent.with = 0;
    commitSpent.without = 0;
    const inputs = personRequests(perRound * VARIANTS.length, next, place);
    next += inputs.length;
    const spent: Record<VariantKey, number> = { service: 0, noLedger: 0, writeLedger: 0, writeNoLedger: 0 };
    for (let i = 0; i < perRound; i++) {
      for (let j = 0; j < VARIANTS.length; j++) {
        const v = VARIANTS[(i + j) % VARIANTS.length]!;
        spent[v.key] += await call(v.key, inputs[i * VARIANTS.length + j]!);
      }
    }
    for (const v of VARIANTS) runs[v.key].push(perRound / (spent[v.key] / 1000));
    appendRuns.push((appendSpent / perRound) * 1000);
    commitRuns.with.push((commitSpent.with / perRound) * 1000);
    commitRuns.without.push((commitSpent.without / perRound) * 1000);
    progress(`${label}: service writes round ${r + 1}/${rounds}: ${VARIANTS.map((v) => `${v.key} ${Math.round(runs[v.key][r]!)}/s`).join(', ')}`);
  }
  const people = await ctx.db.selectFrom('person').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const ledger = await ctx.db.selectFrom('ledger_event').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return {
    perRound,
    rounds,
    runs,
    median: { service: median(runs.service), noLedger: median(runs.noLedger), writeLedger: median(runs.writeLedger), writeNoLedger: median(runs.writeNoLedger) },
    appendUs: median(appendRuns),
    commitUs: { with: median(commitRuns.with), without: median(commitRuns.without) },
    peopleAfter: Number(people.n),
    ledgerAfter: Number(ledger.n),
  };
}

// ---------- batch append ----------

export type BatchAppend = { batch: number; rounds: number; ledgerRuns: number[]; plainRuns: number[]; ledger: number; plain: number };

const COPY_TABLE = 'bench_ledger_copy';

/** person.created events as the import writes them (one per roster row). */
function importEntries(n: number, batchId: string, orgPaths: string[]): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      action: 'person.created',
      objectType: 'person',
      objectId: uuidv7(),
      orgPath: orgPaths[i % orgPaths.length]!,
      payload: {
        via: 'import',
        batchId,
        row: i + 2,
        fields: ['birthDate', 'ethnicityCode', 'gender', 'idNumber', 'isPartyMember', 'name', 'orgUnitId', 'phone', 'post'],
        idNumberMasked: `4301**********${String(1000 + (i % 9000))}`,
        phoneMasked: `139****${String(1000 + (i % 9000))}`,
        isCadre: i % 4 === 0,
      },
    });
  }
  return out;
}

export async function batchAppendRates(db: Db, actor: LedgerActor, batch: number, rounds: number, label: string): Promise<BatchAppend> {
  const any = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  await db.schema
    .createTable(COPY_TABLE)
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('ts', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_role', 'text')
    .addColumn('org_path', pathColumnType(db), (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('leaf_hash', 'text', (c) => c.notNull())
    .addColumn('chain_hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex(`${COPY_TABLE}_object_idx`).on(COPY_TABLE).columns(['object_type', 'object_id']).execute();
  await db.schema.createIndex(`${COPY_TABLE}_actor_idx`).on(COPY_TABLE).columns(['actor_user_id', 'seq']).execute();
  await db.schema.createIndex(`${COPY_TABLE}_action_idx`).on(COPY_TABLE).columns(['action', 'seq']).execute();
  await db.schema.createIndex(`${COPY_TABLE}_org_path_idx`).on(COPY_TABLE).columns(['org_path', 'seq']).execute();
  const orgPaths = (await db.selectFrom('org_unit').select('path').where('valid_to', 'is', null).execute()).map((r) => r.path);
  const ledgerRuns: number[] = [];
  const plainRuns: number[] = [];
  let copySeq = 0;
  let previous = GENESIS_CHAIN;
  try {
    for (let r = 0; r < rounds; r++) {
      const ledgerFirst = r % 2 === 0;
      for (const side of ledgerFirst ? ['ledger', 'plain'] : ['plain', 'ledger']) {
        const entries = importEntries(batch, uuidv7(), orgPaths);
        const at = new Date();
        if (side === 'ledger') {
          const t0 = process.hrtime.bigint();
          await inTransaction(db, (trx) => appendLedgerEvents(trx, actor, entries, at));
          ledgerRuns.push(batch / (Number(process.hrtime.bigint() - t0) / 1e9));
        } else {
          // The identical rows, hashed beforehand (outside the timing) with the ledger's own functions.
          const ts = at.toISOString();
          const rows = entries.map((e) => {
            const record = { seq: ++copySeq, ts, actorUserId: actor.userId, actorRole: actor.role, orgPath: e.orgPath, action: e.action, objectType: e.objectType, objectId: e.objectId, payload: canonicalJson(e.payload ?? {}) };
            const leaf = leafHash(record);
            previous = chainHash(previous, leaf);
            return { seq: record.seq, ts, actor_user_id: record.actorUserId, actor_role: record.actorRole, org_path: record.orgPath, action: record.action, object_type: record.objectType, object_id: record.objectId, payload: record.payload, leaf_hash: leaf, chain_hash: previous };
          });
          const t0 = process.hrtime.bigint();
          await any.transaction().execute(async (trx) => {
            for (let i = 0; i < rows.length; i += 500) await trx.insertInto(COPY_TABLE).values(rows.slice(i, i + 500)).execute();
          });
          plainRuns.push(batch / (Number(process.hrtime.bigint() - t0) / 1e9));
        }
      }
      progress(`${label}: batch of ${batch}: appendLedgerEvents ${Math.round(ledgerRuns[r]!)}/s, plain insert ${Math.round(plainRuns[r]!)}/s`);
    }
  } finally {
    await db.schema.dropTable(COPY_TABLE).ifExists().execute();
  }
  return { batch, rounds, ledgerRuns, plainRuns, ledger: median(ledgerRuns), plain: median(plainRuns) };
}
