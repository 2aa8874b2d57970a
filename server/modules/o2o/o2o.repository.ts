/**
 * Kysely queries for the O2O tables. No HTTP, no rules. Reads of org_unit, app_user and post (other modules'
 * tables) are limited to names, paths and principal posts, for presenting and routing notices.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { MatterBox, MatterStatus } from '../../../contracts/o2o.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { CitizenMatterRow, CitizenMatterRowUpdate, Database, NewCitizenMatterRow, NewMatterEventRow } from '../../db/schema.ts';
import { inSubtrees } from '../../platform/scope.ts';
import type { MatterScopes } from './o2o.policy.ts';

export async function nextCodeSeq(db: DbOrTrx, year: number): Promise<number> {
  const row = await db
    .insertInto('o2o_code_counter')
    .values({ year, last_seq: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet({ last_seq: sql`o2o_code_counter.last_seq + 1` }))
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return Number(row.last_seq);
}

export function findUnit(db: DbOrTrx, id: string) {
  return db.selectFrom('org_unit').select(['id', 'name', 'type', 'path', 'parent_id', 'valid_to']).where('id', '=', id).executeTakeFirst();
}

export function findUnitsByIds(db: DbOrTrx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('org_unit').select(['id', 'name', 'type', 'path']).where('id', 'in', ids).execute();
}

/** The principal leader (正职) of a unit today, for supervision notices. */
export async function findUnitLeader(db: DbOrTrx, unitId: string): Promise<string | null> {
  const row = await db.selectFrom('post').select('person_id').where('org_unit_id', '=', unitId).where('is_principal', '=', 1).where('end_date', 'is', null).orderBy('start_date', 'desc').limit(1).executeTakeFirst();
  return row?.person_id ?? null;
}

export async function insertMatter(db: DbOrTrx, row: NewCitizenMatterRow): Promise<void> {
  await db.insertInto('citizen_matter').values(row).execute();
}

export async function insertEvents(db: DbOrTrx, rows: NewMatterEventRow[]): Promise<void> {
  if (rows.length) await db.insertInto('matter_event').values(rows).execute();
}

export function findMatter(db: DbOrTrx, id: string): Promise<CitizenMatterRow | undefined> {
  return db.selectFrom('citizen_matter').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findMatterByCode(db: DbOrTrx, code: string): Promise<CitizenMatterRow | undefined> {
  return db.selectFrom('citizen_matter').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Applies a change only if the matter is still in `from` (a concurrent change makes it a no-op: 0 rows). */
export async function updateMatter(db: DbOrTrx, id: string, from: string, values: CitizenMatterRowUpdate): Promise<number> {
  const r = await db.updateTable('citizen_matter').set(values).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export function listEvents(db: DbOrTrx, matterId: string) {
  return db
    .selectFrom('matter_event')
    .leftJoin('app_user', 'app_user.id', 'matter_event.actor_user_id')
    .select(['matter_event.at', 'matter_event.action', 'matter_event.from_status', 'matter_event.to_status', 'matter_event.note', 'matter_event.public_note', 'matter_event.actor_role', 'app_user.display_name as actor_name'])
    .where('matter_event.matter_id', '=', matterId)
    .orderBy('matter_event.at')
    .orderBy('matter_event.id')
    .execute();
}

export async function hasEvent(db: DbOrTrx, matterId: string, toStatus: MatterStatus): Promise<boolean> {
  const r = await db.selectFrom('matter_event').select('id').where('matter_id', '=', matterId).where('to_status', '=', toStatus).limit(1).executeTakeFirst();
  return r !== undefined;
}

export function listPhotos(db: DbOrTrx, matterId: string) {
  return db.selectFrom('matter_photo').select(['id', 'mime', 'size']).where('matter_id', '=', matterId).orderBy('created_at').orderBy('id').execute();
}

export function findPhoto(db: DbOrTrx, matterId: string, photoId: string) {
  return db.selectFrom('matter_photo').selectAll().where('matter_id', '=', matterId).where('id', '=', photoId).executeTakeFirst();
}

export function listNotices(db: DbOrTrx, matterId: string) {
  return db
    .selectFrom('o2o_notice')
    .leftJoin('org_unit', 'org_unit.id', 'o2o_notice.to_org_unit_id')
    .select(['o2o_notice.kind', 'o2o_notice.round', 'o2o_notice.message', 'o2o_notice.created_at', 'org_unit.name as to_name'])
    .where('o2o_notice.matter_id', '=', matterId)
    .orderBy('o2o_notice.created_at')
    .execute();
}

export type RollupDelta = { metric: string; day: string; townId: string; villageId: string; villagePath: string; category: string; bucket: string; n: number };

/** Metrics kept per town in the year/month tiers (o2o_rollup_tier); STATUS is kept per location unit. */
export const TOWN_TIER_METRICS = ['CLOSED_DAYS', 'ON_TIME', 'LATE', 'SATISFACTION'] as const;
const TOWN_TIER = new Set<string>(TOWN_TIER_METRICS);

type TierDelta = { tier: 'Y' | 'M'; period: string; metric: string; townId: string; unitId: string; unitPath: string; category: string; bucket: string; n: number };

/** The path of the town of a rollup row: the location itself for a town-level matter, else the village's parent. */
function townPathOf(d: RollupDelta): string {
  return d.villageId === d.townId ? d.villagePath : d.villagePath.slice(0, d.villagePath.lastIndexOf('/', d.villagePath.length - 2) + 1);
}

/**
 * Adds the deltas to the rollup counters (upsert, same transaction as the transition): the daily rows and their year
 * and month tiers (o2o_rollup_tier, see its migration: STATUS per location unit; CATEGORY and the closing metrics per
 * town). Deltas that cancel out (a status leaving and entering the same tier) write nothing.
 */
export async function bumpRollups(db: DbOrTrx, deltas: RollupDelta[]): Promise<void> {
  const merged = new Map<string, RollupDelta>();
  const tiers = new Map<string, TierDelta>();
  const addTier = (t: TierDelta) => {
    const key = [t.tier, t.metric, t.period, t.unitId, t.category, t.bucket].join('|');
    const prev = tiers.get(key);
    if (prev) prev.n += t.n;
    else tiers.set(key, t);
  };
  for (const d of deltas) {
    const key = [d.metric, d.day, d.villageId, d.category, d.bucket].join('|');
    const prev = merged.get(key);
    if (prev) prev.n += d.n;
    else merged.set(key, { ...d });
    for (const [tier, period] of [['Y', d.day.slice(0, 4)], ['M', d.day.slice(0, 7)]] as const) {
      if (d.metric === 'STATUS') {
        addTier({ tier, period, metric: 'STATUS', townId: d.townId, unitId: d.villageId, unitPath: d.villagePath, category: '*', bucket: d.bucket, n: d.n });
        addTier({ tier, period, metric: 'CATEGORY', townId: d.townId, unitId: d.townId, unitPath: townPathOf(d), category: d.category, bucket: '*', n: d.n });
      } else if (TOWN_TIER.has(d.metric)) {
        addTier({ tier, period, metric: d.metric, townId: d.townId, unitId: d.townId, unitPath: townPathOf(d), category: '*', bucket: d.bucket, n: d.n });
      }
    }
  }
  // one multi-row upsert per table (keys are unique after merging, as PostgreSQL requires)
  const days = [...merged.values()].filter((d) => d.n !== 0);
  if (days.length) {
    await db
      .insertInto('o2o_rollup')
      .values(days.map((d) => ({ metric: d.metric, day: d.day, town_org_unit_id: d.townId, village_org_unit_id: d.villageId, village_path: d.villagePath, category: d.category, bucket: d.bucket, n: d.n })))
      .onConflict((oc) => oc.columns(['metric', 'day', 'village_org_unit_id', 'category', 'bucket']).doUpdateSet({ n: sql`o2o_rollup.n + excluded.n` }))
      .execute();
  }
  const tierRows = [...tiers.values()].filter((t) => t.n !== 0);
  if (tierRows.length) {
    await db
      .insertInto('o2o_rollup_tier')
      .values(tierRows.map((t) => ({ tier: t.tier, period: t.period, metric: t.metric, town_org_unit_id: t.townId, unit_org_unit_id: t.unitId, unit_path: t.unitPath, category: t.category, bucket: t.bucket, n: t.n })))
      .onConflict((oc) => oc.columns(['tier', 'metric', 'period', 'unit_org_unit_id', 'category', 'bucket']).doUpdateSet({ n: sql`o2o_rollup_tier.n + excluded.n` }))
      .execute();
  }
}

/** Recomputes o2o_rollup_tier from the daily rows (after bulk loads that write o2o_rollup directly: the demo seed). */
export async function rebuildRollupTiers(db: DbOrTrx): Promise<void> {
  await db.deleteFrom('o2o_rollup_tier').execute();
  for (const [tier, len] of [['Y', 4], ['M', 7]] as const) {
    const period = len === 4 ? sql`substr(day, 1, 4)` : sql`substr(day, 1, 7)`;
    await sql`insert into o2o_rollup_tier (tier, period, metric, town_org_unit_id, unit_org_unit_id, unit_path, category, bucket, n)
      select ${sql.lit(tier)}, ${period}, metric, town_org_unit_id, village_org_unit_id, village_path, '*', bucket, sum(n)
      from o2o_rollup where metric = 'STATUS'
      group by ${period}, metric, town_org_unit_id, village_org_unit_id, village_path, bucket`.execute(db);
    const rPeriod = len === 4 ? sql`substr(r.day, 1, 4)` : sql`substr(r.day, 1, 7)`;
    const metric = sql`case when r.metric = 'STATUS' then 'CATEGORY' else r.metric end`;
    const category = sql`case when r.metric = 'STATUS' then r.category else '*' end`;
    const bucket = sql`case when r.metric = 'STATUS' then '*' else r.bucket end`;
    await sql`insert into o2o_rollup_tier (tier, period, metric, town_org_unit_id, unit_org_unit_id, unit_path, category, bucket, n)
      select ${sql.lit(tier)}, ${rPeriod}, ${metric}, r.town_org_unit_id, r.town_org_unit_id, t.path, ${category}, ${bucket}, sum(r.n)
      from o2o_rollup r join org_unit t on t.id = r.town_org_unit_id
      where r.metric in ('STATUS', ${sql.join(TOWN_TIER_METRICS.map((m) => sql.lit(m)))})
      group by ${rPeriod}, ${metric}, r.town_org_unit_id, t.path, ${category}, ${bucket}`.execute(db);
  }
}

export async function insertNotice(db: DbOrTrx, row: Database['o2o_notice'] extends infer T ? { [K in keyof T]: T[K] } : never): Promise<void> {
  await db.insertInto('o2o_notice').values(row).execute();
}

export function findSlaRule(db: DbOrTrx, urgency: string, category: string) {
  return db
    .selectFrom('o2o_sla_rule')
    .selectAll()
    .where('urgency', '=', urgency)
    .where((eb) => eb.or([eb('category', '=', category), eb('category', '=', '*')]))
    .orderBy(sql`case when category = '*' then 1 else 0 end`)
    .limit(1)
    .executeTakeFirst();
}

export function listSlaRules(db: DbOrTrx) {
  return db.selectFrom('o2o_sla_rule').selectAll().orderBy('urgency').orderBy('category').execute();
}

export function listTemplates(db: DbOrTrx, onlyActive: boolean) {
  return db.selectFrom('o2o_reply_template').selectAll().$if(onlyActive, (q) => q.where('active', '=', 1)).orderBy('sort_order').orderBy('id').execute();
}

type Eb = ExpressionBuilder<Database, 'citizen_matter'>;

const OPEN: MatterStatus[] = ['ACCEPTED', 'ESCALATED', 'DISPATCHED', 'SIGNED', 'RETURNED', 'IN_PROGRESS', 'EXTENSION_REQUESTED', 'REOPENED'];

/** The visibility predicate of o2o.policy.ts canSeeMatter, as SQL. */
export function visibleWhere(eb: Eb, s: MatterScopes, box: MatterBox): Expression<SqlBool> {
  const loc = 'citizen_matter.location_path';
  const notRouted = eb('citizen_matter.routed_to', 'is', null);
  switch (box) {
    case 'routed':
      return eb.and([eb('citizen_matter.routed_to', 'is not', null), inSubtrees(eb, loc, s.discipline)]);
    case 'accept':
      return eb.and([notRouted, eb('citizen_matter.status', '=', 'SUBMITTED'), inSubtrees(eb, loc, s.accept)]);
    case 'dispatch':
      return eb.and([notRouted, eb('citizen_matter.status', 'in', ['ACCEPTED', 'ESCALATED', 'RETURNED', 'EXTENSION_REQUESTED']), inSubtrees(eb, 'citizen_matter.level_path', s.dispatch)]);
    case 'handle':
      return eb.and([notRouted, eb('citizen_matter.status', 'in', ['DISPATCHED', 'SIGNED', 'IN_PROGRESS', 'EXTENSION_REQUESTED', 'REOPENED']), inSubtrees(eb, 'citizen_matter.assigned_path', s.handle)]);
    case 'review':
      return eb.and([notRouted, eb('citizen_matter.status', '=', 'REPLIED'), inSubtrees(eb, 'citizen_matter.level_path', s.dispatch)]);
    case 'revisit':
      return eb.and([notRouted, eb('citizen_matter.status', 'in', ['CLOSED', 'REVISITED']), inSubtrees(eb, 'citizen_matter.level_path', s.dispatch)]);
    case 'overdue':
      return eb.and([notRouted, eb('citizen_matter.overdue', '=', 1), eb('citizen_matter.status', 'in', OPEN), eb.or([inSubtrees(eb, loc, s.read), inSubtrees(eb, loc, s.accept), inSubtrees(eb, 'citizen_matter.level_path', s.dispatch), inSubtrees(eb, 'citizen_matter.assigned_path', s.handle)])]);
    case 'all':
      return eb.and([notRouted, eb.or([inSubtrees(eb, loc, s.read), inSubtrees(eb, loc, s.accept), inSubtrees(eb, 'citizen_matter.level_path', s.dispatch), inSubtrees(eb, 'citizen_matter.assigned_path', s.handle)])]);
  }
}

export type MatterListFilter = { status?: MatterStatus | undefined; category?: string | undefined; urgency?: string | undefined; unitPath?: string | undefined; code?: string | undefined; from?: string | undefined; to?: string | undefined };

function filterWhere(eb: Eb, f: MatterListFilter): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  if (f.status) parts.push(eb('citizen_matter.status', '=', f.status));
  if (f.category) parts.push(eb('citizen_matter.category', '=', f.category));
  if (f.urgency) parts.push(eb('citizen_matter.urgency', '=', f.urgency));
  if (f.unitPath) parts.push(inSubtrees(eb, 'citizen_matter.location_path', [f.unitPath]));
  if (f.code) parts.push(eb('citizen_matter.code', '=', f.code.toUpperCase()));
  if (f.from) parts.push(eb('citizen_matter.received_day', '>=', f.from));
  if (f.to) parts.push(eb('citizen_matter.received_day', '<=', f.to));
  return parts.length ? eb.and(parts) : sql<SqlBool>`1 = 1`;
}

export function withNames(db: DbOrTrx) {
  return db
    .selectFrom('citizen_matter')
    .leftJoin('org_unit as loc', 'loc.id', 'citizen_matter.location_org_unit_id')
    .leftJoin('org_unit as town', 'town.id', 'citizen_matter.town_org_unit_id')
    .leftJoin('org_unit as lvl', 'lvl.id', 'citizen_matter.level_org_unit_id')
    .leftJoin('org_unit as asg', 'asg.id', 'citizen_matter.assigned_org_unit_id')
    .leftJoin('app_user as assignee', 'assignee.id', 'citizen_matter.assignee_user_id')
    .selectAll('citizen_matter')
    .select(['loc.name as location_name', 'town.name as town_name', 'lvl.name as level_name', 'asg.name as assigned_name', 'assignee.display_name as assignee_name'])
    .select((eb) => eb.selectFrom('matter_photo').select(sql<number>`count(*)`.as('n')).whereRef('matter_photo.matter_id', '=', 'citizen_matter.id').as('photo_count'));
}

export type MatterListRow = CitizenMatterRow & { location_name: string | null; town_name: string | null; level_name: string | null; assigned_name: string | null; assignee_name: string | null; photo_count: number | null };

export async function listMatters(db: DbOrTrx, s: MatterScopes, box: MatterBox, f: MatterListFilter, page: { page: number; pageSize: number; sort: string }): Promise<{ rows: MatterListRow[]; total: number }> {
  const desc = page.sort.startsWith('-');
  const column = page.sort.replace('-', '') === 'dueAt' ? 'citizen_matter.due_at' : 'citizen_matter.received_at';
  const [rows, count] = await Promise.all([
    withNames(db)
      .where((eb) => eb.and([visibleWhere(eb as unknown as Eb, s, box), filterWhere(eb as unknown as Eb, f)]))
      .orderBy(column, desc ? 'desc' : 'asc')
      .orderBy('citizen_matter.id', desc ? 'desc' : 'asc')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    db
      .selectFrom('citizen_matter')
      .select(sql<number>`count(*)`.as('n'))
      .where((eb) => eb.and([visibleWhere(eb, s, box), filterWhere(eb, f)]))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows, total: Number(count.n) };
}

export function findMatterWithNames(db: DbOrTrx, id: string): Promise<MatterListRow | undefined> {
  return withNames(db).where('citizen_matter.id', '=', id).executeTakeFirst();
}

/** Open matters whose deadline passed in [floorIso, nowIso) (the overdue sweep and its look-back window), oldest first. */
/** SUBMITTED matters whose acceptance deadline (respond_by) passed inside the window and that were not yet noticed. */
export function listResponseDueForSweep(db: DbOrTrx, nowIso: string, floorIso: string, limit: number) {
  return db.selectFrom('citizen_matter').select(['id']).where('status', '=', 'SUBMITTED').where('response_overdue', '=', 0).where('respond_by', '<', nowIso).where('respond_by', '>=', floorIso).orderBy('respond_by').limit(limit).execute();
}

export function listDueForSweep(db: DbOrTrx, nowIso: string, floorIso: string, limit: number) {
  return db.selectFrom('citizen_matter').select(['id']).where('status', 'in', OPEN).where('due_at', '<', nowIso).where('due_at', '>=', floorIso).orderBy('due_at').limit(limit).execute();
}
