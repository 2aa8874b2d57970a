/**
 * Kysely queries of the judgment module: judgments and their evidence links, town teams (leadership posts),
 * targets and what-if scenarios. No HTTP, no rules. Scope predicates come in as subtree paths.
 */
import { sql } from 'kysely';
import type { JudgmentCategory, JudgmentStatus, TeamTarget } from '../../../contracts/judgment.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { likeOperator } from '../../db/dialect.ts';
import type { FiveCategoryJudgmentRow, FiveCategoryJudgmentRowUpdate, NewFiveCategoryJudgmentRow, WhatifScenarioRow } from '../../db/schema.ts';
import { inSubtrees } from '../../platform/scope.ts';

export type JudgmentViewRow = FiveCategoryJudgmentRow & {
  cadre_name: string;
  gender: string;
  birth_date: string;
  person_org_id: string;
  org_name: string | null;
  destination_name: string | null;
  proposed_by_name: string | null;
  endorsed_by_name: string | null;
  evidence_count: number;
};

function viewQuery(db: DbOrTrx) {
  return db
    .selectFrom('five_category_judgment as j')
    .innerJoin('person as p', 'p.id', 'j.cadre_person_id')
    .leftJoin('org_unit as o', 'o.id', 'p.org_unit_id')
    .leftJoin('org_unit as d', 'd.id', 'j.destination_org_unit_id')
    .leftJoin('app_user as up', 'up.id', 'j.proposed_by_user_id')
    .leftJoin('app_user as ue', 'ue.id', 'j.endorsed_by_user_id')
    .selectAll('j')
    .select([
      'p.name as cadre_name',
      'p.gender as gender',
      'p.birth_date as birth_date',
      'p.org_unit_id as person_org_id',
      'o.name as org_name',
      'd.name as destination_name',
      'up.display_name as proposed_by_name',
      'ue.display_name as endorsed_by_name',
      (eb) => eb.selectFrom('judgment_evidence as je').select((e) => e.fn.countAll<number>().as('n')).whereRef('je.judgment_id', '=', 'j.id').as('evidence_count'),
    ]);
}

function normalise(r: JudgmentViewRow): JudgmentViewRow {
  return { ...r, evidence_count: Number(r.evidence_count ?? 0) };
}

export async function findJudgment(db: DbOrTrx, id: string): Promise<FiveCategoryJudgmentRow | undefined> {
  return db.selectFrom('five_category_judgment').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findJudgmentView(db: DbOrTrx, id: string): Promise<JudgmentViewRow | undefined> {
  const r = (await viewQuery(db).where('j.id', '=', id).executeTakeFirst()) as JudgmentViewRow | undefined;
  return r ? normalise(r) : undefined;
}

export type JudgmentListFilter = {
  paths: string[];
  excludePersonIds: string[];
  campaignId?: string;
  townPath?: string;
  category?: JudgmentCategory;
  status?: JudgmentStatus;
  q?: string;
  sort?: 'name' | 'category' | 'status' | 'updatedAt';
  order?: 'asc' | 'desc';
};

export async function listJudgments(db: DbOrTrx, f: JudgmentListFilter, page: number, pageSize: number): Promise<{ rows: JudgmentViewRow[]; total: number }> {
  let base = db
    .selectFrom('five_category_judgment as j')
    .innerJoin('person as p', 'p.id', 'j.cadre_person_id')
    .where((eb) => inSubtrees(eb, 'j.org_path', f.paths));
  if (f.excludePersonIds.length > 0) base = base.where('j.cadre_person_id', 'not in', f.excludePersonIds);
  if (f.campaignId) base = base.where('j.campaign_id', '=', f.campaignId);
  if (f.townPath) base = base.where((eb) => inSubtrees(eb, 'j.org_path', [f.townPath!]));
  if (f.category) base = base.where('j.category', '=', f.category);
  if (f.status) base = base.where('j.status', '=', f.status);
  if (f.q) {
    const op = likeOperator(db);
    const text = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) => eb.or([eb('p.name', op, text), eb('p.name_pinyin', op, text.toLowerCase()), eb('p.name_initials', op, text.toLowerCase())]));
  }
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const dir = f.order ?? (f.sort === 'updatedAt' || !f.sort ? 'desc' : 'asc');
  const ids = base.select('j.id');
  let q = viewQuery(db).where('j.id', 'in', ids);
  switch (f.sort ?? 'updatedAt') {
    case 'name':
      q = q.orderBy('p.name_pinyin', dir);
      break;
    case 'category':
      q = q.orderBy('j.category', dir);
      break;
    case 'status':
      q = q.orderBy('j.status', dir);
      break;
    case 'updatedAt':
      q = q.orderBy('j.updated_at', dir);
      break;
  }
  const rows = (await q.orderBy('j.id').limit(pageSize).offset((page - 1) * pageSize).execute()) as JudgmentViewRow[];
  return { rows: rows.map(normalise), total };
}

export async function insertJudgment(db: DbOrTrx, row: NewFiveCategoryJudgmentRow): Promise<void> {
  await db.insertInto('five_category_judgment').values(row).execute();
}

/** Compare-and-set on the status: returns the number of rows changed (0 when someone else moved it first). */
export async function updateJudgmentState(db: DbOrTrx, id: string, fromStatus: JudgmentStatus, values: FiveCategoryJudgmentRowUpdate): Promise<number> {
  const r = await db.updateTable('five_category_judgment').set(values).where('id', '=', id).where('status', '=', fromStatus).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function findOpenJudgment(db: DbOrTrx, cadreId: string, campaignId: string): Promise<FiveCategoryJudgmentRow | undefined> {
  return db.selectFrom('five_category_judgment').selectAll().where('cadre_person_id', '=', cadreId).where('campaign_id', '=', campaignId).where('status', 'in', ['DRAFT', 'PROPOSED']).executeTakeFirst();
}

export async function findEndorsedOf(db: DbOrTrx, cadreId: string): Promise<FiveCategoryJudgmentRow | undefined> {
  return db.selectFrom('five_category_judgment').selectAll().where('cadre_person_id', '=', cadreId).where('status', '=', 'ENDORSED').executeTakeFirst();
}

export async function listHistory(db: DbOrTrx, cadreId: string): Promise<FiveCategoryJudgmentRow[]> {
  return db.selectFrom('five_category_judgment').selectAll().where('cadre_person_id', '=', cadreId).orderBy('created_at', 'desc').orderBy('id').limit(50).execute();
}

export async function listEvidenceIds(db: DbOrTrx, judgmentId: string): Promise<string[]> {
  const rows = await db.selectFrom('judgment_evidence').select('evidence_id').where('judgment_id', '=', judgmentId).execute();
  return rows.map((r) => r.evidence_id);
}

export async function replaceEvidenceLinks(db: DbOrTrx, judgmentId: string, evidenceIds: readonly string[]): Promise<void> {
  await db.deleteFrom('judgment_evidence').where('judgment_id', '=', judgmentId).execute();
  if (evidenceIds.length > 0) await db.insertInto('judgment_evidence').values(evidenceIds.map((evidence_id) => ({ judgment_id: judgmentId, evidence_id }))).execute();
}

export type CampaignJudgmentRow = { id: string; cadre_person_id: string; category: string; destination_org_unit_id: string | null; status: string; org_path: string };

/** Judgments of a campaign in the given statuses, within the scope paths. */
export async function listCampaignJudgments(db: DbOrTrx, campaignId: string, statuses: JudgmentStatus[], paths: string[], excludePersonIds: string[]): Promise<CampaignJudgmentRow[]> {
  let q = db
    .selectFrom('five_category_judgment')
    .select(['id', 'cadre_person_id', 'category', 'destination_org_unit_id', 'status', 'org_path'])
    .where('campaign_id', '=', campaignId)
    .where('status', 'in', statuses)
    .where((eb) => inSubtrees(eb, 'org_path', paths));
  if (excludePersonIds.length > 0) q = q.where('cadre_person_id', 'not in', excludePersonIds);
  return q.orderBy('id').execute();
}

// ---- people, towns and teams ----

export type SubjectRow = { id: string; name: string; org_unit_id: string; org_path: string; is_cadre: number };

export async function findSubject(db: DbOrTrx, personId: string): Promise<SubjectRow | undefined> {
  const r = await db
    .selectFrom('person as p')
    .leftJoin('cadre as c', 'c.person_id', 'p.id')
    .select(['p.id', 'p.name', 'p.org_unit_id', 'p.org_path', sql<number>`case when c.person_id is null then 0 else 1 end`.as('is_cadre')])
    .where('p.id', '=', personId)
    .executeTakeFirst();
  return r ? { ...r, is_cadre: Number(r.is_cadre) } : undefined;
}

export type TownRow = { id: string; name: string; type: string; path: string; sort_order: number };

export async function listTowns(db: DbOrTrx, paths: string[], asOf: string): Promise<TownRow[]> {
  return db
    .selectFrom('org_unit')
    .select(['id', 'name', 'type', 'path', 'sort_order'])
    .where('type', 'in', ['TOWN', 'STREET'])
    .where('valid_from', '<=', asOf)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', asOf)]))
    .where((eb) => inSubtrees(eb, 'path', paths))
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
}

export async function findUnit(db: DbOrTrx, id: string): Promise<TownRow | undefined> {
  return db.selectFrom('org_unit').select(['id', 'name', 'type', 'path', 'sort_order']).where('id', '=', id).executeTakeFirst();
}

export async function unitNames(db: DbOrTrx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('org_unit').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export type TeamPostRow = {
  person_id: string;
  org_unit_id: string;
  name: string;
  gender: string;
  birth_date: string;
  title: string;
  is_principal: number;
  start_date: string;
  education_code: string | null;
  specialty: string | null;
};

function teamPostQuery(db: DbOrTrx, asOf: string) {
  return db
    .selectFrom('post as t')
    .innerJoin('person as p', 'p.id', 't.person_id')
    .leftJoin('cadre as c', 'c.person_id', 'p.id')
    .select(['t.person_id', 't.org_unit_id', 'p.name', 'p.gender', 'p.birth_date', 't.title', 't.is_principal', 't.start_date', 'c.education_code', 'c.specialty'])
    .where('t.is_leadership', '=', 1)
    .where('t.start_date', '<=', asOf)
    .where((eb) => eb.or([eb('t.end_date', 'is', null), eb('t.end_date', '>=', asOf)]));
}

/** Current leadership posts held in the given towns (one row per post; a person may hold two). */
export async function listTeamPosts(db: DbOrTrx, townIds: readonly string[], asOf: string): Promise<TeamPostRow[]> {
  if (townIds.length === 0) return [];
  const rows = await teamPostQuery(db, asOf).where('t.org_unit_id', 'in', [...townIds]).orderBy('t.org_unit_id').orderBy('t.is_principal', 'desc').orderBy('t.start_date').orderBy('t.id').execute();
  return rows.map((r) => ({ ...r, is_principal: Number(r.is_principal) }));
}

/** Current leadership posts of the given people, wherever they are (cadres arriving by exchange). */
export async function listPostsOfPeople(db: DbOrTrx, personIds: readonly string[], asOf: string): Promise<TeamPostRow[]> {
  if (personIds.length === 0) return [];
  const rows = await teamPostQuery(db, asOf).where('t.person_id', 'in', [...personIds]).orderBy('t.is_principal', 'desc').orderBy('t.start_date').orderBy('t.id').execute();
  return rows.map((r) => ({ ...r, is_principal: Number(r.is_principal) }));
}

export async function frontLinePeople(db: DbOrTrx, personIds: readonly string[], asOf: string): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await db.selectFrom('front_line').select('person_id').distinct().where('person_id', 'in', [...personIds]).where('start_date', '<=', asOf).execute();
  return new Set(rows.map((r) => r.person_id));
}

// ---- targets ----

export async function listTargetOverrides(db: DbOrTrx): Promise<TeamTarget[]> {
  const rows = await db.selectFrom('team_target').select(['town_type', 'metric', 'min_count', 'max_count', 'min_percent']).orderBy('town_type').orderBy('metric').execute();
  return rows.map((r) => ({ townType: r.town_type as TeamTarget['townType'], metric: r.metric as TeamTarget['metric'], minCount: r.min_count, maxCount: r.max_count, minPercent: r.min_percent }));
}

export async function upsertTarget(db: DbOrTrx, id: string, t: TeamTarget, userId: string, now: string): Promise<void> {
  const existing = await db.selectFrom('team_target').select('id').where('town_type', '=', t.townType).where('metric', '=', t.metric).executeTakeFirst();
  if (existing) {
    await db.updateTable('team_target').set({ min_count: t.minCount, max_count: t.maxCount, min_percent: t.minPercent, updated_by_user_id: userId, updated_at: now }).where('id', '=', existing.id).execute();
  } else {
    await db.insertInto('team_target').values({ id, town_type: t.townType, metric: t.metric, min_count: t.minCount, max_count: t.maxCount, min_percent: t.minPercent, updated_by_user_id: userId, created_at: now, updated_at: now }).execute();
  }
}

// ---- what-if scenarios ----

export async function listScenarios(db: DbOrTrx, paths: string[]): Promise<(WhatifScenarioRow & { created_by_name: string | null })[]> {
  return db
    .selectFrom('whatif_scenario as s')
    .leftJoin('app_user as u', 'u.id', 's.created_by_user_id')
    .selectAll('s')
    .select('u.display_name as created_by_name')
    .where((eb) => inSubtrees(eb, 's.org_path', paths))
    .orderBy('s.updated_at', 'desc')
    .orderBy('s.id')
    .limit(200)
    .execute();
}

export async function findScenario(db: DbOrTrx, id: string): Promise<(WhatifScenarioRow & { created_by_name: string | null }) | undefined> {
  return db.selectFrom('whatif_scenario as s').leftJoin('app_user as u', 'u.id', 's.created_by_user_id').selectAll('s').select('u.display_name as created_by_name').where('s.id', '=', id).executeTakeFirst();
}

export async function insertScenario(db: DbOrTrx, row: WhatifScenarioRow): Promise<void> {
  await db.insertInto('whatif_scenario').values(row).execute();
}

export async function touchScenario(db: DbOrTrx, id: string, now: string): Promise<void> {
  await db.updateTable('whatif_scenario').set({ updated_at: now }).where('id', '=', id).execute();
}

export type MoveRow = { cadre_person_id: string; move: string; destination_org_unit_id: string | null; cadre_name: string; org_unit_id: string; org_path: string };

export async function listMoves(db: DbOrTrx, scenarioId: string): Promise<MoveRow[]> {
  return db
    .selectFrom('whatif_move as m')
    .innerJoin('person as p', 'p.id', 'm.cadre_person_id')
    .select(['m.cadre_person_id', 'm.move', 'm.destination_org_unit_id', 'p.name as cadre_name', 'p.org_unit_id', 'p.org_path'])
    .where('m.scenario_id', '=', scenarioId)
    .orderBy('p.org_path')
    .orderBy('p.name_pinyin')
    .execute();
}

export async function replaceMoves(db: DbOrTrx, scenarioId: string, moves: { id: string; cadrePersonId: string; move: string; destinationOrgUnitId: string | null }[], now: string): Promise<void> {
  await db.deleteFrom('whatif_move').where('scenario_id', '=', scenarioId).execute();
  for (let i = 0; i < moves.length; i += 200) {
    const chunk = moves.slice(i, i + 200);
    await db
      .insertInto('whatif_move')
      .values(chunk.map((m) => ({ id: m.id, scenario_id: scenarioId, cadre_person_id: m.cadrePersonId, move: m.move, destination_org_unit_id: m.destinationOrgUnitId, created_at: now })))
      .execute();
  }
}

export async function peopleOrgPaths(db: DbOrTrx, ids: readonly string[]): Promise<Map<string, { orgPath: string; orgUnitId: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('person').select(['id', 'org_path', 'org_unit_id']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, { orgPath: r.org_path, orgUnitId: r.org_unit_id }]));
}

// ---- report data ----

export type CadreBasicsRow = { name: string; gender: string; birth_date: string; is_party_member: number; party_join_date: string | null; org_name: string | null; rank_level: string | null; work_start_date: string | null; education_code: string | null; education_name: string | null; specialty: string | null };

export async function findCadreBasics(db: DbOrTrx, personId: string): Promise<CadreBasicsRow | undefined> {
  return db
    .selectFrom('person as p')
    .leftJoin('cadre as c', 'c.person_id', 'p.id')
    .leftJoin('org_unit as o', 'o.id', 'p.org_unit_id')
    .leftJoin('code_item as e', (j) => j.onRef('e.code', '=', 'c.education_code').on('e.catalog', '=', 'EDUCATION'))
    .select(['p.name', 'p.gender', 'p.birth_date', 'p.is_party_member', 'p.party_join_date', 'o.name as org_name', 'c.rank_level', 'c.work_start_date', 'c.education_code', 'e.name_zh as education_name', 'c.specialty'])
    .where('p.id', '=', personId)
    .executeTakeFirst();
}

export async function listPostHistory(db: DbOrTrx, personId: string): Promise<{ title: string; org_name: string | null; start_date: string; end_date: string | null }[]> {
  return db
    .selectFrom('post as t')
    .leftJoin('org_unit as o', 'o.id', 't.org_unit_id')
    .select(['t.title', 'o.name as org_name', 't.start_date', 't.end_date'])
    .where('t.person_id', '=', personId)
    .orderBy('t.start_date', 'desc')
    .orderBy('t.id')
    .execute();
}

export async function listFrontLine(db: DbOrTrx, personId: string): Promise<{ kind: string; description: string; start_date: string; end_date: string | null }[]> {
  return db.selectFrom('front_line').select(['kind', 'description', 'start_date', 'end_date']).where('person_id', '=', personId).orderBy('start_date', 'desc').execute();
}
