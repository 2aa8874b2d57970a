/**
 * Kysely queries of M6 integrity: conclusions (one row per version), signatures, reviews and checks, petitions,
 * and the post / Party-organisation look-ups that decide who may sign. No HTTP, no rules.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { IntegrityOutcome, IntegrityStatus, PetitionStatus, ReviewOverall } from '../../../contracts/integrity.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { likePattern } from '../../db/dialect.ts';
import type {
  Database,
  IntegrityConclusionRow,
  IntegrityConclusionRowUpdate,
  IntegrityReviewCheckRow,
  IntegrityReviewRow,
  IntegritySignatureRow,
  NewIntegrityConclusionRow,
  PetitionReportRow,
} from '../../db/schema.ts';
import { inSubtrees } from '../../platform/scope.ts';

export type ConclusionRowWithNames = IntegrityConclusionRow & { subject_name: string; unit_name: string };

function conclusionsWithNames(db: DbOrTrx) {
  return db
    .selectFrom('integrity_conclusion')
    .innerJoin('person', 'person.id', 'integrity_conclusion.subject_person_id')
    .innerJoin('org_unit', 'org_unit.id', 'integrity_conclusion.unit_org_id')
    .selectAll('integrity_conclusion')
    .select(['person.name as subject_name', 'org_unit.name as unit_name']);
}

export type ConclusionFilter = {
  paths: string[];
  excludePersonIds: string[];
  status?: IntegrityStatus | undefined;
  conclusion?: IntegrityOutcome | undefined;
  subjectPersonId?: string | undefined;
  q?: string | undefined;
  statuses?: IntegrityStatus[] | undefined;
  /** leave out versions this person already signed (the "to sign" box) */
  notSignedBy?: string | undefined;
};

type ConclusionEb = ExpressionBuilder<Database, 'integrity_conclusion' | 'person'>;

function conclusionWhere(eb: ConclusionEb, f: ConclusionFilter): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [inSubtrees(eb, 'integrity_conclusion.org_path', f.paths), eb('integrity_conclusion.superseded_by_id', 'is', null)];
  if (f.excludePersonIds.length) parts.push(eb('integrity_conclusion.subject_person_id', 'not in', f.excludePersonIds));
  if (f.status) parts.push(eb('integrity_conclusion.status', '=', f.status));
  if (f.statuses) parts.push(f.statuses.length ? eb('integrity_conclusion.status', 'in', f.statuses) : sql<SqlBool>`1 = 0`);
  if (f.conclusion) parts.push(eb('integrity_conclusion.conclusion', '=', f.conclusion));
  if (f.subjectPersonId) parts.push(eb('integrity_conclusion.subject_person_id', '=', f.subjectPersonId));
  if (f.q) parts.push(likePattern('person.name', f.q, 'contains'));
  if (f.notSignedBy) {
    const pid = f.notSignedBy;
    parts.push(
      eb.not(
        eb.exists(
          eb
            .selectFrom('integrity_signature')
            .select('integrity_signature.id')
            .whereRef('integrity_signature.conclusion_id', '=', 'integrity_conclusion.id')
            .whereRef('integrity_signature.version', '=', 'integrity_conclusion.version')
            .where('integrity_signature.signer_person_id', '=', pid),
        ),
      ),
    );
  }
  return eb.and(parts);
}

/** Current versions only, newest change first. */
export async function listConclusions(db: DbOrTrx, f: ConclusionFilter, page: number, pageSize: number): Promise<{ rows: ConclusionRowWithNames[]; total: number }> {
  const [rows, count] = await Promise.all([
    conclusionsWithNames(db)
      .where((eb) => conclusionWhere(eb, f))
      .orderBy('integrity_conclusion.updated_at', 'desc')
      .orderBy('integrity_conclusion.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('integrity_conclusion')
      .innerJoin('person', 'person.id', 'integrity_conclusion.subject_person_id')
      .select(sql<number>`count(*)`.as('n'))
      .where((eb) => conclusionWhere(eb, f))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function findConclusion(db: DbOrTrx, id: string): Promise<IntegrityConclusionRow | undefined> {
  return db.selectFrom('integrity_conclusion').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findConclusionWithNames(db: DbOrTrx, id: string): Promise<ConclusionRowWithNames | undefined> {
  return conclusionsWithNames(db).where('integrity_conclusion.id', '=', id).executeTakeFirst();
}

export function listLineage(db: DbOrTrx, lineageId: string): Promise<IntegrityConclusionRow[]> {
  return db.selectFrom('integrity_conclusion').selectAll().where('lineage_id', '=', lineageId).orderBy('version', 'desc').execute();
}

/** The newest lineage's current version for a person (the gate's conclusion), created on or before `until`. */
export function findLatestCurrentConclusion(db: DbOrTrx, personId: string, until: string): Promise<IntegrityConclusionRow | undefined> {
  return db
    .selectFrom('integrity_conclusion')
    .selectAll()
    .where('subject_person_id', '=', personId)
    .where('superseded_by_id', 'is', null)
    .where('created_at', '<=', until)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertConclusion(db: DbOrTrx, row: NewIntegrityConclusionRow): Promise<void> {
  await db.insertInto('integrity_conclusion').values(row).execute();
}

/**
 * Takes the row lock first (a no-op UPDATE): on PostgreSQL a concurrent signer waits here until the other
 * transaction ends and then reads the committed state; SQLite already holds the write lock (BEGIN IMMEDIATE).
 */
export async function lockConclusion(db: DbOrTrx, id: string): Promise<void> {
  await db.updateTable('integrity_conclusion').set((eb) => ({ updated_at: eb.ref('updated_at') })).where('id', '=', id).execute();
}

/** Compare-and-set: changes the row only if it is still current and in `from`; returns the rows changed (0 or 1). */
export async function updateConclusionState(db: DbOrTrx, id: string, from: IntegrityStatus, values: IntegrityConclusionRowUpdate): Promise<number> {
  const r = await db.updateTable('integrity_conclusion').set(values).where('id', '=', id).where('status', '=', from).where('superseded_by_id', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export function listSignatures(db: DbOrTrx, conclusionIds: string[]): Promise<(IntegritySignatureRow & { signer_name: string })[]> {
  if (conclusionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('integrity_signature')
    .innerJoin('person', 'person.id', 'integrity_signature.signer_person_id')
    .selectAll('integrity_signature')
    .select('person.name as signer_name')
    .where('integrity_signature.conclusion_id', 'in', conclusionIds)
    .execute();
}

export async function insertSignature(db: DbOrTrx, row: IntegritySignatureRow): Promise<void> {
  await db.insertInto('integrity_signature').values(row).execute();
}

// ---- who holds which post ----

export type UnitPartyOrg = { id: string; parent_id: string | null; org_unit_id: string; secretary_person_id: string | null; name: string };

/** The unit's own Party organisation: the highest (least deep) live committee / working committee / group / branch hosted by the unit. */
export function findUnitPartyOrg(db: DbOrTrx, unitId: string): Promise<UnitPartyOrg | undefined> {
  return db
    .selectFrom('party_org')
    .select(['id', 'parent_id', 'org_unit_id', 'secretary_person_id', 'name'])
    .where('org_unit_id', '=', unitId)
    .where('dissolved_at', 'is', null)
    .where('type', '!=', 'TEMPORARY_BRANCH')
    .where('host_kind', 'in', ['ORG_UNIT', 'PARK'])
    .orderBy('depth')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

export function findPartyOrg(db: DbOrTrx, id: string): Promise<UnitPartyOrg | undefined> {
  return db.selectFrom('party_org').select(['id', 'parent_id', 'org_unit_id', 'secretary_person_id', 'name']).where('id', '=', id).executeTakeFirst();
}

export function findOrgUnit(db: DbOrTrx, id: string) {
  return db.selectFrom('org_unit').select(['id', 'name', 'path', 'parent_id']).where('id', '=', id).executeTakeFirst();
}

export type CurrentPost = { person_id: string; name: string; title: string; is_principal: number };

/** Posts in the unit current on `date` (YYYY-MM-DD). */
export function listCurrentPosts(db: DbOrTrx, unitId: string, date: string): Promise<CurrentPost[]> {
  return db
    .selectFrom('post')
    .innerJoin('person', 'person.id', 'post.person_id')
    .select(['post.person_id', 'person.name', 'post.title', 'post.is_principal'])
    .where('post.org_unit_id', '=', unitId)
    .where('post.start_date', '<=', date)
    .where((eb) => eb.or([eb('post.end_date', 'is', null), eb('post.end_date', '>=', date)]))
    .orderBy('post.is_principal', 'desc')
    .orderBy('person.name')
    .execute();
}

export function findPersonName(db: DbOrTrx, personId: string) {
  return db.selectFrom('person').select(['id', 'name', 'org_unit_id', 'org_path']).where('id', '=', personId).executeTakeFirst();
}

/** People linked to accounts holding an active DISCIPLINE_COMMISSION grant over `path` (the escalated discipline slot). */
export function listDisciplineCommissionSigners(db: DbOrTrx, path: string, date: string) {
  return db
    .selectFrom('role_grant')
    .innerJoin('app_user', 'app_user.id', 'role_grant.user_id')
    .innerJoin('person', 'person.id', 'app_user.person_id')
    .leftJoin('org_unit', 'org_unit.id', 'role_grant.org_unit_id')
    .select(['person.id as person_id', 'person.name', 'org_unit.path as grant_path'])
    .where('role_grant.role', '=', 'DISCIPLINE_COMMISSION')
    .where('app_user.is_disabled', '=', 0)
    .where('role_grant.valid_from', '<=', date)
    .where((eb) => eb.or([eb('role_grant.valid_to', 'is', null), eb('role_grant.valid_to', '>=', date)]))
    .execute()
    .then((rows) => rows.filter((r) => r.grant_path !== null && path.startsWith(r.grant_path)));
}

// ---- reviews ----

export type ReviewRowWithNames = IntegrityReviewRow & { subject_name: string; unit_name: string };

function reviewsWithNames(db: DbOrTrx) {
  return db
    .selectFrom('integrity_review')
    .innerJoin('person', 'person.id', 'integrity_review.subject_person_id')
    .innerJoin('org_unit', 'org_unit.id', 'person.org_unit_id')
    .selectAll('integrity_review')
    .select(['person.name as subject_name', 'org_unit.name as unit_name']);
}

export type ReviewFilter = { paths: string[]; excludePersonIds: string[]; overall?: ReviewOverall | undefined; subjectPersonId?: string | undefined; q?: string | undefined };

function reviewWhere(eb: ExpressionBuilder<Database, 'integrity_review' | 'person'>, f: ReviewFilter): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [inSubtrees(eb, 'integrity_review.org_path', f.paths)];
  if (f.excludePersonIds.length) parts.push(eb('integrity_review.subject_person_id', 'not in', f.excludePersonIds));
  if (f.overall) parts.push(eb('integrity_review.overall', '=', f.overall));
  if (f.subjectPersonId) parts.push(eb('integrity_review.subject_person_id', '=', f.subjectPersonId));
  if (f.q) parts.push(likePattern('person.name', f.q, 'contains'));
  return eb.and(parts);
}

export async function listReviews(db: DbOrTrx, f: ReviewFilter, page: number, pageSize: number): Promise<{ rows: ReviewRowWithNames[]; total: number }> {
  const [rows, count] = await Promise.all([
    reviewsWithNames(db)
      .where((eb) => reviewWhere(eb, f))
      .orderBy('integrity_review.updated_at', 'desc')
      .orderBy('integrity_review.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('integrity_review')
      .innerJoin('person', 'person.id', 'integrity_review.subject_person_id')
      .select(sql<number>`count(*)`.as('n'))
      .where((eb) => reviewWhere(eb, f))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function findReviewWithNames(db: DbOrTrx, id: string): Promise<ReviewRowWithNames | undefined> {
  return reviewsWithNames(db).where('integrity_review.id', '=', id).executeTakeFirst();
}

export function findLatestReview(db: DbOrTrx, personId: string, until: string): Promise<IntegrityReviewRow | undefined> {
  return db.selectFrom('integrity_review').selectAll().where('subject_person_id', '=', personId).where('created_at', '<=', until).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export function listChecks(db: DbOrTrx, reviewIds: string[]): Promise<(IntegrityReviewCheckRow & { checked_by_name: string | null })[]> {
  if (reviewIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('integrity_review_check')
    .leftJoin('app_user', 'app_user.id', 'integrity_review_check.checked_by_user_id')
    .selectAll('integrity_review_check')
    .select('app_user.display_name as checked_by_name')
    .where('integrity_review_check.review_id', 'in', reviewIds)
    .execute();
}

// ---- petitions ----

export type PetitionFilter = { paths: string[]; status?: PetitionStatus | undefined; subjectPersonId?: string | undefined; openStatuses?: readonly PetitionStatus[] | undefined };

function petitionWhere(eb: ExpressionBuilder<Database, 'petition_report'>, f: PetitionFilter): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [inSubtrees(eb, 'petition_report.org_path', f.paths)];
  if (f.status) parts.push(eb('petition_report.status', '=', f.status));
  if (f.openStatuses) parts.push(eb.and([eb('petition_report.status', 'in', [...f.openStatuses]), eb('petition_report.specific_and_checkable', '=', 1)]));
  if (f.subjectPersonId) {
    const pid = f.subjectPersonId;
    parts.push(eb.exists(eb.selectFrom('petition_subject').select('petition_subject.person_id').whereRef('petition_subject.petition_id', '=', 'petition_report.id').where('petition_subject.person_id', '=', pid)));
  }
  return eb.and(parts);
}

export type PetitionRowWithNames = PetitionReportRow & { handler_name: string };

export async function listPetitions(db: DbOrTrx, f: PetitionFilter, page: number, pageSize: number): Promise<{ rows: PetitionRowWithNames[]; total: number }> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('petition_report')
      .innerJoin('app_user', 'app_user.id', 'petition_report.handler_user_id')
      .selectAll('petition_report')
      .select('app_user.display_name as handler_name')
      .where((eb) => petitionWhere(eb as unknown as ExpressionBuilder<Database, 'petition_report'>, f))
      .orderBy('petition_report.received_at', 'desc')
      .orderBy('petition_report.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('petition_report')
      .select(sql<number>`count(*)`.as('n'))
      .where((eb) => petitionWhere(eb, f))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function findPetition(db: DbOrTrx, id: string): Promise<PetitionRowWithNames | undefined> {
  return db
    .selectFrom('petition_report')
    .innerJoin('app_user', 'app_user.id', 'petition_report.handler_user_id')
    .selectAll('petition_report')
    .select('app_user.display_name as handler_name')
    .where('petition_report.id', '=', id)
    .executeTakeFirst();
}

export function listPetitionSubjects(db: DbOrTrx, petitionIds: string[]) {
  if (petitionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('petition_subject')
    .innerJoin('person', 'person.id', 'petition_subject.person_id')
    .select(['petition_subject.petition_id', 'petition_subject.person_id', 'person.name'])
    .where('petition_subject.petition_id', 'in', petitionIds)
    .orderBy('person.name')
    .execute();
}

export async function countPetitionsByStatus(db: DbOrTrx, paths: string[]): Promise<{ status: string; checkable: number; real_name: number; n: number }[]> {
  const rows = await db
    .selectFrom('petition_report')
    .select(['status', 'specific_and_checkable as checkable', 'real_name', sql<number>`count(*)`.as('n')])
    .where((eb) => inSubtrees(eb, 'petition_report.org_path', paths))
    .groupBy(['status', 'specific_and_checkable', 'real_name'])
    .execute();
  return rows.map((r) => ({ status: r.status, checkable: Number(r.checkable), real_name: Number(r.real_name), n: Number(r.n) }));
}

/** Open, specific and checkable petitions naming the person, received on or before `date`. */
export async function countOpenCheckablePetitions(db: DbOrTrx, personId: string, date: string, openStatuses: readonly PetitionStatus[]): Promise<number> {
  const r = await db
    .selectFrom('petition_subject')
    .innerJoin('petition_report', 'petition_report.id', 'petition_subject.petition_id')
    .select(sql<number>`count(*)`.as('n'))
    .where('petition_subject.person_id', '=', personId)
    .where('petition_report.specific_and_checkable', '=', 1)
    .where('petition_report.status', 'in', [...openStatuses])
    .where('petition_report.received_at', '<=', date)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
