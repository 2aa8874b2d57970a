/**
 * Kysely queries of the analysis module: no HTTP, no rules, no presenters. Scope predicates come in as path lists
 * (platform/scope.ts `inSubtrees`); the conflict filter comes in as a list of person ids to exclude.
 */
import { sql, type SqlBool } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import type {
  AnalysisCampaignRow,
  AnalysisCampaignRowUpdate,
  NewAnalysisCampaignRow,
  NewDocumentReviewRow,
  NewEvidenceRow,
  NewFieldVisitRow,
  NewLetterInquiryRow,
  NewPublicTipRow,
  NewTalkOutlineRow,
  NewTalkRow,
} from '../../db/schema.ts';
import { inSubtrees } from '../../platform/scope.ts';

export type Paging = { page: number; pageSize: number };
const offsetOf = (p: Paging) => (p.page - 1) * p.pageSize;
const count = sql<number>`count(*)`;

// ---------- lookups ----------

export async function findUnits(db: DbOrTrx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('org_unit').select(['id', 'name', 'path', 'type', 'parent_id', 'valid_to']).where('id', 'in', [...new Set(ids)]).execute();
}

export async function findPeople(db: DbOrTrx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const unique = [...new Set(ids)];
  const out: { id: string; name: string; org_path: string; org_unit_id: string }[] = [];
  for (let i = 0; i < unique.length; i += 500) {
    out.push(...(await db.selectFrom('person').select(['id', 'name', 'org_path', 'org_unit_id']).where('id', 'in', unique.slice(i, i + 500)).execute()));
  }
  return out;
}

export async function findUser(db: DbOrTrx, id: string) {
  return db.selectFrom('app_user').select(['id', 'display_name', 'person_id', 'is_disabled']).where('id', '=', id).executeTakeFirst();
}

// ---------- campaigns ----------

export async function findCampaign(db: DbOrTrx, id: string): Promise<AnalysisCampaignRow | undefined> {
  return db.selectFrom('analysis_campaign').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertCampaign(db: DbOrTrx, row: NewAnalysisCampaignRow): Promise<void> {
  await db.insertInto('analysis_campaign').values(row).execute();
}

export async function updateCampaign(db: DbOrTrx, id: string, values: AnalysisCampaignRowUpdate, fromStatus?: string): Promise<number> {
  let q = db.updateTable('analysis_campaign').set(values).where('id', '=', id);
  if (fromStatus) q = q.where('status', '=', fromStatus);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function listCampaigns(db: DbOrTrx, paths: string[], f: { status?: string; q?: string; sort?: string; order?: 'asc' | 'desc' } & Paging) {
  let base = db.selectFrom('analysis_campaign').where((eb) => inSubtrees(eb, 'analysis_campaign.org_path', paths));
  if (f.status) base = base.where('status', '=', f.status);
  if (f.q) base = base.where('name', 'like', `%${f.q.replace(/[%_\\]/g, '')}%`);
  const total = Number((await base.select(count.as('n')).executeTakeFirstOrThrow()).n);
  const column = f.sort === 'name' ? 'name' : f.sort === 'status' ? 'status' : 'start_at';
  const rows = await base.selectAll().orderBy(column, f.order ?? 'desc').orderBy('id').limit(f.pageSize).offset(offsetOf(f)).execute();
  return { rows, total };
}

export async function listMembers(db: DbOrTrx, campaignId: string) {
  return db.selectFrom('analysis_campaign_member').selectAll().where('campaign_id', '=', campaignId).orderBy('team_role').orderBy('created_at').execute();
}

export async function isMember(db: DbOrTrx, campaignId: string, userId: string): Promise<boolean> {
  const row = await db.selectFrom('analysis_campaign_member').select('id').where('campaign_id', '=', campaignId).where('user_id', '=', userId).executeTakeFirst();
  return row !== undefined;
}

/**
 * Active users holding one of `roles` through a grant fixed on a unit in `unitPaths` (the campaign unit and its
 * ancestors), valid on `today`, not on the campaign team; name filter `q`; at most `limit` users.
 */
export async function listMemberCandidates(db: DbOrTrx, f: { campaignId: string; roles: string[]; unitPaths: string[]; today: string; q?: string; limit: number }) {
  if (f.roles.length === 0 || f.unitPaths.length === 0) return [];
  let query = db
    .selectFrom('role_grant')
    .innerJoin('app_user', 'app_user.id', 'role_grant.user_id')
    .innerJoin('org_unit', 'org_unit.id', 'role_grant.org_unit_id')
    .select(['app_user.id as user_id', 'app_user.display_name', 'role_grant.role'])
    .where('app_user.is_disabled', '=', 0)
    .where('role_grant.role', 'in', f.roles)
    .where('org_unit.path', 'in', f.unitPaths)
    .where('role_grant.valid_from', '<=', f.today)
    .where((eb) => eb.or([eb('role_grant.valid_to', 'is', null), eb('role_grant.valid_to', '>=', f.today)]))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('analysis_campaign_member as m').select('m.id').where('m.campaign_id', '=', f.campaignId).whereRef('m.user_id', '=', 'app_user.id'))));
  if (f.q) query = query.where('app_user.display_name', 'like', `%${f.q.replace(/[%_\\]/g, '')}%`);
  return query.orderBy('app_user.display_name').orderBy('app_user.id').limit(f.limit * 4).execute();
}

export async function insertMember(db: DbOrTrx, row: { id: string; campaign_id: string; user_id: string | null; person_id: string | null; display_name: string; team_role: string; created_at: string }): Promise<void> {
  await db.insertInto('analysis_campaign_member').values(row).execute();
}

export async function deleteMember(db: DbOrTrx, campaignId: string, memberId: string): Promise<number> {
  const res = await db.deleteFrom('analysis_campaign_member').where('campaign_id', '=', campaignId).where('id', '=', memberId).executeTakeFirst();
  return Number(res.numDeletedRows);
}

// ---------- letters ----------

export async function insertLetter(db: DbOrTrx, row: NewLetterInquiryRow): Promise<void> {
  await db.insertInto('letter_inquiry').values(row).execute();
}

export async function findLetter(db: DbOrTrx, id: string) {
  return db.selectFrom('letter_inquiry').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateLetter(db: DbOrTrx, id: string, values: { replied_at?: string; reply_text?: string; reply_attachment_hashes?: string; overdue_marked_at?: string; updated_at: string }): Promise<number> {
  const res = await db.updateTable('letter_inquiry').set(values).where('id', '=', id).where('replied_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function listLetters(db: DbOrTrx, campaignId: string, f: { state?: string; q?: string; today: string; sort?: string; order?: 'asc' | 'desc' } & Paging) {
  let base = db.selectFrom('letter_inquiry as l').innerJoin('org_unit as u', 'u.id', 'l.to_org_unit_id').where('l.campaign_id', '=', campaignId);
  if (f.state === 'REPLIED') base = base.where('l.replied_at', 'is not', null);
  if (f.state === 'OVERDUE_MARKED') base = base.where('l.replied_at', 'is', null).where('l.overdue_marked_at', 'is not', null);
  if (f.state === 'OVERDUE') base = base.where('l.replied_at', 'is', null).where('l.overdue_marked_at', 'is', null).where('l.due_at', '<', f.today);
  if (f.state === 'PENDING') base = base.where('l.replied_at', 'is', null).where('l.overdue_marked_at', 'is', null).where('l.due_at', '>=', f.today);
  if (f.q) base = base.where('u.name', 'like', `%${f.q.replace(/[%_\\]/g, '')}%`);
  const total = Number((await base.select(count.as('n')).executeTakeFirstOrThrow()).n);
  const column = f.sort === 'sentAt' ? 'l.sent_at' : f.sort === 'unit' ? 'u.sort_order' : 'l.due_at';
  const rows = await base.selectAll('l').select('u.name as unit_name').orderBy(column, f.order ?? 'asc').orderBy('l.id').limit(f.pageSize).offset(offsetOf(f)).execute();
  return { rows, total };
}

export async function countOpenLetters(db: DbOrTrx, campaignId: string): Promise<number> {
  const r = await db.selectFrom('letter_inquiry').select(count.as('n')).where('campaign_id', '=', campaignId).where('replied_at', 'is', null).where('overdue_marked_at', 'is', null).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function letterStats(db: DbOrTrx, campaignId: string, today: string) {
  const r = await db
    .selectFrom('letter_inquiry')
    .select([
      count.as('total'),
      sql<number>`sum(case when replied_at is not null then 1 else 0 end)`.as('replied'),
      sql<number>`sum(case when replied_at is null and (overdue_marked_at is not null or due_at < ${today}) then 1 else 0 end)`.as('overdue'),
      sql<number>`count(distinct to_org_unit_id)`.as('units'),
    ])
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  return { total: Number(r.total), replied: Number(r.replied ?? 0), overdue: Number(r.overdue ?? 0), units: Number(r.units) };
}

// ---------- outlines and talks ----------

export async function insertOutline(db: DbOrTrx, row: NewTalkOutlineRow): Promise<void> {
  await db.insertInto('talk_outline').values(row).execute();
}

export async function findOutline(db: DbOrTrx, id: string) {
  return db.selectFrom('talk_outline').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findOutlineFor(db: DbOrTrx, campaignId: string, personId: string) {
  return db.selectFrom('talk_outline').select('id').where('campaign_id', '=', campaignId).where('interviewee_person_id', '=', personId).executeTakeFirst();
}

export async function listOutlines(db: DbOrTrx, campaignId: string, exclude: string[], p: Paging) {
  let base = db.selectFrom('talk_outline as o').innerJoin('person as p', 'p.id', 'o.interviewee_person_id').where('o.campaign_id', '=', campaignId);
  if (exclude.length) base = base.where('o.interviewee_person_id', 'not in', exclude);
  const total = Number((await base.select(count.as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base.selectAll('o').select('p.name as person_name').orderBy('o.created_at', 'desc').orderBy('o.id').limit(p.pageSize).offset(offsetOf(p)).execute();
  return { rows, total };
}

export async function insertTalk(db: DbOrTrx, row: NewTalkRow): Promise<void> {
  await db.insertInto('talk').values(row).execute();
}

export async function findTalk(db: DbOrTrx, id: string) {
  return db.selectFrom('talk').selectAll().where('id', '=', id).executeTakeFirst();
}

/** JSON-array text contains the id (ids are [0-9a-z-], so no escaping is needed). */
function notMentioned(column: string, ids: string[]) {
  return ids.map((id) => sql<SqlBool>`${sql.ref(column)} not like ${`%"${id}"%`}`);
}

export async function listTalks(db: DbOrTrx, campaignId: string, exclude: string[], f: { level?: string; mode?: string; q?: string; sort?: string; order?: 'asc' | 'desc' } & Paging) {
  let base = db.selectFrom('talk as t').innerJoin('person as p', 'p.id', 't.interviewee_person_id').leftJoin('org_unit as u', 'u.id', 'p.org_unit_id').where('t.campaign_id', '=', campaignId);
  if (exclude.length) {
    base = base.where('t.interviewee_person_id', 'not in', exclude);
    for (const cond of notMentioned('t.subject_cadre_ids', exclude)) base = base.where(cond);
  }
  if (f.level) base = base.where('t.interviewee_level', '=', f.level);
  if (f.mode) base = base.where('t.mode', '=', f.mode);
  if (f.q) base = base.where('p.name', 'like', `%${f.q.replace(/[%_\\]/g, '')}%`);
  const total = Number((await base.select(count.as('n')).executeTakeFirstOrThrow()).n);
  const column = f.sort === 'level' ? 't.interviewee_level' : f.sort === 'interviewee' ? 'p.name_pinyin' : 't.held_at';
  const rows = await base
    .select(['t.id', 't.campaign_id', 't.mode', 't.interviewee_person_id', 't.interviewee_level', 't.subject_cadre_ids', 't.subject_team_org_unit_ids', 't.outline_id', 't.interviewer_person_ids', 't.held_at', 't.location', 't.classification'])
    .select(['p.name as person_name', 'u.name as unit_name'])
    .orderBy(column, f.order ?? 'desc')
    .orderBy('t.id')
    .limit(f.pageSize)
    .offset(offsetOf(f))
    .execute();
  return { rows, total };
}

export async function talkStats(db: DbOrTrx, campaignId: string) {
  const byLevel = await db
    .selectFrom('talk')
    .select(['interviewee_level', count.as('talks'), sql<number>`count(distinct case when mode = 'INDIVIDUAL_INTERVIEW' then interviewee_person_id end)`.as('interviewees')])
    .where('campaign_id', '=', campaignId)
    .groupBy('interviewee_level')
    .execute();
  const byMode = await db.selectFrom('talk').select(['mode', count.as('talks')]).where('campaign_id', '=', campaignId).groupBy('mode').execute();
  const totals = await db
    .selectFrom('talk')
    .select([count.as('total'), sql<number>`count(distinct case when mode = 'INDIVIDUAL_INTERVIEW' then interviewee_person_id end)`.as('interviewees')])
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  return { byLevel, byMode, total: Number(totals.total), interviewees: Number(totals.interviewees) };
}

export async function listTalkedPersonIds(db: DbOrTrx, campaignId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('talk').select('interviewee_person_id').distinct().where('campaign_id', '=', campaignId).execute();
  return new Set(rows.map((r) => r.interviewee_person_id));
}

export async function listTalkLevels(db: DbOrTrx) {
  return db.selectFrom('talk_level').selectAll().orderBy('sort_order').execute();
}

export async function findTalkLevel(db: DbOrTrx, code: string) {
  return db.selectFrom('talk_level').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function updateTalkLevel(db: DbOrTrx, code: string, values: { name_zh: string; name_en: string; active: number }): Promise<void> {
  await db.updateTable('talk_level').set(values).where('code', '=', code).execute();
}

// ---------- visits, documents, tips ----------

export async function insertVisit(db: DbOrTrx, row: NewFieldVisitRow): Promise<void> {
  await db.insertInto('field_visit').values(row).execute();
}

export async function listVisits(db: DbOrTrx, campaignId: string, f: { townId?: string; townPath?: string; sort?: string; order?: 'asc' | 'desc' } & Paging) {
  let base = db.selectFrom('field_visit as v').innerJoin('org_unit as u', 'u.id', 'v.village_org_unit_id').leftJoin('org_unit as t', 't.id', 'u.parent_id').where('v.campaign_id', '=', campaignId);
  if (f.townPath) base = base.where((eb) => inSubtrees(eb, 'v.org_path', [f.townPath!]));
  const total = Number((await base.select(count.as('n')).executeTakeFirstOrThrow()).n);
  const column = f.sort === 'village' ? 'u.pinyin' : f.sort === 'met' ? 'v.village_cadres_met_count' : 'v.visited_at';
  const rows = await base.selectAll('v').select(['u.name as village_name', 't.name as town_name']).orderBy(column, f.order ?? 'desc').orderBy('v.id').limit(f.pageSize).offset(offsetOf(f)).execute();
  return { rows, total };
}

export async function visitStats(db: DbOrTrx, campaignId: string) {
  const totals = await db
    .selectFrom('field_visit')
    .select([count.as('visits'), sql<number>`count(distinct village_org_unit_id)`.as('villages'), sql<number>`coalesce(sum(village_cadres_met_count), 0)`.as('met')])
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  const byTown = await db
    .selectFrom('field_visit as v')
    .innerJoin('org_unit as u', 'u.id', 'v.village_org_unit_id')
    .innerJoin('org_unit as t', 't.id', 'u.parent_id')
    .select(['t.id as town_id', 't.name as town_name', 't.sort_order', sql<number>`count(distinct v.village_org_unit_id)`.as('villages'), sql<number>`coalesce(sum(v.village_cadres_met_count), 0)`.as('met')])
    .where('v.campaign_id', '=', campaignId)
    .groupBy(['t.id', 't.name', 't.sort_order'])
    .orderBy('t.sort_order')
    .execute();
  return { visits: Number(totals.visits), villages: Number(totals.villages), met: Number(totals.met), byTown };
}

export async function insertDocument(db: DbOrTrx, row: NewDocumentReviewRow): Promise<void> {
  await db.insertInto('document_review').values(row).execute();
}

export async function listDocuments(db: DbOrTrx, campaignId: string, exclude: string[], f: { docType?: string; q?: string; sort?: string; order?: 'asc' | 'desc' } & Paging) {
  let base = db
    .selectFrom('document_review as d')
    .leftJoin('org_unit as u', 'u.id', 'd.subject_org_unit_id')
    .leftJoin('person as p', 'p.id', 'd.subject_cadre_id')
    .where('d.campaign_id', '=', campaignId);
  if (exclude.length) base = base.where((eb) => eb.or([eb('d.subject_cadre_id', 'is', null), eb('d.subject_cadre_id', 'not in', exclude)]));
  if (f.docType) base = base.where('d.doc_type', '=', f.docType);
  if (f.q) base = base.where('d.title', 'like', `%${f.q.replace(/[%_\\]/g, '')}%`);
  const total = Number((await base.select(count.as('n')).executeTakeFirstOrThrow()).n);
  const column = f.sort === 'periodFrom' ? 'd.period_from' : f.sort === 'docType' ? 'd.doc_type' : 'd.reviewed_at';
  const rows = await base.selectAll('d').select(['u.name as unit_name', 'p.name as person_name']).orderBy(column, f.order ?? 'desc').orderBy('d.id').limit(f.pageSize).offset(offsetOf(f)).execute();
  return { rows, total };
}

export async function documentStats(db: DbOrTrx, campaignId: string) {
  const byType = await db.selectFrom('document_review').select(['doc_type', count.as('n')]).where('campaign_id', '=', campaignId).groupBy('doc_type').execute();
  const span = await db.selectFrom('document_review').select([sql<string | null>`min(period_from)`.as('from'), sql<string | null>`max(period_to)`.as('to'), count.as('total')]).where('campaign_id', '=', campaignId).executeTakeFirstOrThrow();
  return { byType, total: Number(span.total), from: span.from, to: span.to };
}

export async function insertTip(db: DbOrTrx, row: NewPublicTipRow): Promise<void> {
  await db.insertInto('public_tip').values(row).execute();
}

export async function findTip(db: DbOrTrx, id: string) {
  return db.selectFrom('public_tip').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listTips(db: DbOrTrx, campaignId: string, exclude: string[], f: { channel?: string; realName?: boolean; order?: 'asc' | 'desc' } & Paging) {
  let base = db.selectFrom('public_tip as t').leftJoin('person as p', 'p.id', 't.subject_cadre_id').where('t.campaign_id', '=', campaignId);
  if (exclude.length) base = base.where((eb) => eb.or([eb('t.subject_cadre_id', 'is', null), eb('t.subject_cadre_id', 'not in', exclude)]));
  if (f.channel) base = base.where('t.channel', '=', f.channel);
  if (f.realName !== undefined) base = base.where('t.real_name', '=', f.realName ? 1 : 0);
  const total = Number((await base.select(count.as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base
    .select(['t.id', 't.campaign_id', 't.received_at', 't.channel', 't.real_name', 't.routed_to', 't.subject_cadre_id', 'p.name as person_name'])
    .orderBy('t.received_at', f.order ?? 'desc')
    .orderBy('t.id')
    .limit(f.pageSize)
    .offset(offsetOf(f))
    .execute();
  return { rows, total };
}

export async function tipStats(db: DbOrTrx, campaignId: string) {
  const rows = await db.selectFrom('public_tip').select(['channel', 'real_name', count.as('n')]).where('campaign_id', '=', campaignId).groupBy(['channel', 'real_name']).execute();
  return rows.map((r) => ({ channel: r.channel, realName: Number(r.real_name) === 1, n: Number(r.n) }));
}

/** Real-name petition reports (integrity module's table) received within [from, to]. */
export async function countRealNamePetitions(db: DbOrTrx, from: string, to: string, paths: string[]): Promise<number> {
  const r = await db
    .selectFrom('petition_report')
    .select(count.as('n'))
    .where('real_name', '=', 1)
    .where('received_at', '>=', from)
    .where('received_at', '<', `${to}T99`)
    .where((eb) => inSubtrees(eb, 'org_path', paths))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---------- coverage populations and in-scope cadres ----------

/** Posts held on `asOf` at the towns themselves (town organ) and at their villages/communities. */
export async function listActivePostsInTowns(db: DbOrTrx, townIds: string[], townPaths: string[], asOf: string) {
  const organ = await db
    .selectFrom('post')
    .select(['person_id', 'title', 'is_leadership', 'is_principal', 'org_unit_id'])
    .where('org_unit_id', 'in', townIds.length ? townIds : ['-'])
    .where('start_date', '<=', asOf)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', asOf)]))
    .execute();
  const village = await db
    .selectFrom('post as p')
    .innerJoin('org_unit as u', 'u.id', 'p.org_unit_id')
    .select(['p.person_id', 'p.title', 'p.is_leadership', 'p.is_principal', 'p.org_unit_id'])
    .where('u.type', 'in', ['VILLAGE', 'COMMUNITY'])
    .where((eb) => inSubtrees(eb, 'u.path', townPaths))
    .where('p.start_date', '<=', asOf)
    .where((eb) => eb.or([eb('p.end_date', 'is', null), eb('p.end_date', '>=', asOf)]))
    .where((eb) => eb.or([eb('u.valid_to', 'is', null), eb('u.valid_to', '>=', asOf)]))
    .execute();
  return { organ, village };
}

/** In-scope cadres: cadres holding a leadership post at one of the towns on `asOf` (the town teams, 班子). */
export async function listTeamCadreIds(db: DbOrTrx, townIds: string[], asOf: string): Promise<string[]> {
  if (townIds.length === 0) return [];
  const rows = await db
    .selectFrom('post as p')
    .innerJoin('cadre as c', 'c.person_id', 'p.person_id')
    .select('p.person_id')
    .distinct()
    .where('p.org_unit_id', 'in', townIds)
    .where('p.is_leadership', '=', 1)
    .where('p.start_date', '<=', asOf)
    .where((eb) => eb.or([eb('p.end_date', 'is', null), eb('p.end_date', '>=', asOf)]))
    .execute();
  return rows.map((r) => r.person_id);
}

/** Cadres of the campaign with an ENDORSED five-category judgment (judgment module's table). */
export async function listEndorsedJudgmentCadreIds(db: DbOrTrx, campaignId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('five_category_judgment').select('cadre_person_id').distinct().where('campaign_id', '=', campaignId).where('status', '=', 'ENDORSED').execute();
  return new Set(rows.map((r) => r.cadre_person_id));
}

// ---------- evidence ----------

export async function insertEvidence(db: DbOrTrx, row: NewEvidenceRow): Promise<void> {
  await db.insertInto('evidence').values(row).execute();
}

export type EvidenceFilter = {
  paths: string[];
  exclude: string[];
  hiddenConfidentialTypes: string[];
  cadreId?: string;
  teamOrgUnitId?: string;
  campaignId?: string;
  sourceType?: string;
  polarity?: string;
  classification?: string;
  from?: string;
  to?: string;
  q?: string;
};

function evidenceBase(db: DbOrTrx, f: EvidenceFilter) {
  let base = db
    .selectFrom('evidence as e')
    .leftJoin('person as p', 'p.id', 'e.cadre_person_id')
    .leftJoin('org_unit as t', 't.id', 'e.team_org_unit_id')
    .leftJoin('org_unit as s', 's.id', 'e.source_unit_id')
    .where((eb) => inSubtrees(eb, 'e.org_path', f.paths));
  if (f.exclude.length) base = base.where((eb) => eb.or([eb('e.cadre_person_id', 'is', null), eb('e.cadre_person_id', 'not in', f.exclude)]));
  if (f.hiddenConfidentialTypes.length) base = base.where((eb) => eb.or([eb('e.classification', '=', 'NORMAL'), eb('e.source_type', 'not in', f.hiddenConfidentialTypes)]));
  if (f.cadreId) base = base.where('e.cadre_person_id', '=', f.cadreId);
  if (f.teamOrgUnitId) base = base.where('e.team_org_unit_id', '=', f.teamOrgUnitId);
  if (f.campaignId) base = base.where('e.campaign_id', '=', f.campaignId);
  if (f.sourceType) base = base.where('e.source_type', '=', f.sourceType);
  if (f.polarity) base = base.where('e.polarity', '=', f.polarity);
  if (f.classification) base = base.where('e.classification', '=', f.classification);
  if (f.from) base = base.where('e.date', '>=', f.from);
  if (f.to) base = base.where('e.date', '<=', f.to);
  if (f.q) base = base.where('e.summary', 'like', `%${f.q.replace(/[%_\\]/g, '')}%`);
  return base;
}

const EVIDENCE_COLUMNS = ['p.name as cadre_name', 't.name as team_name', 's.name as source_unit_name'] as const;

export async function listEvidence(db: DbOrTrx, f: EvidenceFilter & Paging & { sort?: string; order?: 'asc' | 'desc' }) {
  const base = evidenceBase(db, f);
  const total = Number((await base.select(count.as('n')).executeTakeFirstOrThrow()).n);
  const column = f.sort === 'sourceType' ? 'e.source_type' : f.sort === 'polarity' ? 'e.polarity' : f.sort === 'cadre' ? 'p.name_pinyin' : 'e.date';
  const rows = await base.selectAll('e').select([...EVIDENCE_COLUMNS]).orderBy(column, f.order ?? 'desc').orderBy('e.id').limit(f.pageSize).offset(offsetOf(f)).execute();
  return { rows, total };
}

export async function listAllEvidence(db: DbOrTrx, f: EvidenceFilter, limit: number) {
  return evidenceBase(db, f).selectAll('e').select([...EVIDENCE_COLUMNS]).orderBy('e.date', 'desc').orderBy('e.id').limit(limit).execute();
}

export type EvidenceWithNames = Awaited<ReturnType<typeof listAllEvidence>>[number];

// ---------- profile ----------

export async function findProfilePerson(db: DbOrTrx, id: string) {
  return db
    .selectFrom('person as p')
    .leftJoin('cadre as c', 'c.person_id', 'p.id')
    .leftJoin('org_unit as u', 'u.id', 'p.org_unit_id')
    .select(['p.id', 'p.name', 'p.gender', 'p.birth_date', 'p.org_path', 'u.name as org_name', 'c.rank_level', 'c.education_code', 'c.specialty', 'c.person_id as cadre_id'])
    .where('p.id', '=', id)
    .executeTakeFirst();
}

export async function listPostsOf(db: DbOrTrx, personId: string) {
  return db
    .selectFrom('post as p')
    .innerJoin('org_unit as u', 'u.id', 'p.org_unit_id')
    .select(['u.name as org_name', 'p.title', 'p.is_leadership', 'p.is_principal', 'p.start_date', 'p.end_date'])
    .where('p.person_id', '=', personId)
    .orderBy('p.start_date', 'desc')
    .execute();
}

export async function listFrontLineOf(db: DbOrTrx, personId: string) {
  return db.selectFrom('front_line').select(['kind', 'description', 'start_date', 'end_date']).where('person_id', '=', personId).orderBy('start_date', 'desc').execute();
}

export async function petitionCountsOf(db: DbOrTrx, personId: string) {
  return db
    .selectFrom('petition_subject as s')
    .innerJoin('petition_report as r', 'r.id', 's.petition_id')
    .select(['r.status', count.as('n')])
    .where('s.person_id', '=', personId)
    .groupBy('r.status')
    .execute();
}

export async function talkCountsOf(db: DbOrTrx, personId: string) {
  const asInterviewee = await db.selectFrom('talk').select(count.as('n')).where('interviewee_person_id', '=', personId).executeTakeFirstOrThrow();
  const asSubject = await db.selectFrom('talk').select(count.as('n')).where('subject_cadre_ids', 'like', `%"${personId}"%`).executeTakeFirstOrThrow();
  return { asInterviewee: Number(asInterviewee.n), asSubject: Number(asSubject.n) };
}

export async function findEvidenceWithNames(db: DbOrTrx, id: string) {
  return db
    .selectFrom('evidence as e')
    .leftJoin('person as p', 'p.id', 'e.cadre_person_id')
    .leftJoin('org_unit as t', 't.id', 'e.team_org_unit_id')
    .leftJoin('org_unit as s', 's.id', 'e.source_unit_id')
    .selectAll('e')
    .select([...EVIDENCE_COLUMNS])
    .where('e.id', '=', id)
    .executeTakeFirst();
}

export async function findVisit(db: DbOrTrx, id: string) {
  return db.selectFrom('field_visit').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function findDocument(db: DbOrTrx, id: string) {
  return db.selectFrom('document_review').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
