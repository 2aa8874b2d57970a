/**
 * Kysely queries for reverse evaluations. No HTTP, no rules. The ballot table is only ever inserted into and, for
 * the free text of a closed evaluation and the close digest, read by evaluation; no query here joins ballots to
 * tokens (there is no column to join on).
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { EvaluationPurpose, EvaluationStatus } from '../../../contracts/evaluation.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { likePattern } from '../../db/dialect.ts';
import type { Database, EvaluationRollupRow, FiveDimensionEvaluationRow, NewEvaluationBallotRow, NewReverseEvaluationRow, ReverseEvaluationRow } from '../../db/schema.ts';
import { inSubtrees } from '../../platform/scope.ts';
import { METRICS, metricValues, type GroupCell } from './evaluation.scoring.ts';

export type EvaluationListRow = ReverseEvaluationRow & { subject_name: string; subject_org_name: string | null };

export type EvaluationListFilter = {
  paths: string[];
  status?: EvaluationStatus | undefined;
  purpose?: EvaluationPurpose | undefined;
  subjectPersonId?: string | undefined;
  campaignId?: string | undefined;
  q?: string | undefined;
  /** the caller and the caller's registered relatives (conflict rule) */
  excludePersonIds?: string[];
};

const SORT_COLUMNS = {
  createdAt: 'reverse_evaluation.created_at',
  openAt: 'reverse_evaluation.open_at',
  closeAt: 'reverse_evaluation.close_at',
  subjectName: 'person.name_pinyin',
  status: 'reverse_evaluation.status',
} as const;
export type EvaluationSortField = keyof typeof SORT_COLUMNS;

type Eb = ExpressionBuilder<Database, 'reverse_evaluation' | 'person'>;

function listWhere(eb: Eb, f: EvaluationListFilter): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [inSubtrees(eb, 'reverse_evaluation.org_path', f.paths)];
  if (f.status) parts.push(eb('reverse_evaluation.status', '=', f.status));
  if (f.purpose) parts.push(eb('reverse_evaluation.purpose', '=', f.purpose));
  if (f.subjectPersonId) parts.push(eb('reverse_evaluation.subject_person_id', '=', f.subjectPersonId));
  if (f.campaignId) parts.push(eb('reverse_evaluation.campaign_id', '=', f.campaignId));
  if (f.excludePersonIds?.length) parts.push(eb('reverse_evaluation.subject_person_id', 'not in', f.excludePersonIds));
  const q = f.q?.trim();
  if (q) {
    const lower = q.toLowerCase();
    parts.push(eb.or([likePattern('person.name', q, 'contains'), likePattern('person.name_pinyin', lower, 'prefix'), likePattern('person.name_initials', lower, 'prefix')]));
  }
  return eb.and(parts);
}

function withNames(db: DbOrTrx) {
  return db
    .selectFrom('reverse_evaluation')
    .innerJoin('person', 'person.id', 'reverse_evaluation.subject_person_id')
    .leftJoin('org_unit', 'org_unit.id', 'person.org_unit_id')
    .selectAll('reverse_evaluation')
    .select(['person.name as subject_name', 'org_unit.name as subject_org_name']);
}

export async function listEvaluations(
  db: DbOrTrx,
  f: EvaluationListFilter,
  q: { page: number; pageSize: number; sort: EvaluationSortField; order: 'asc' | 'desc' },
): Promise<{ rows: EvaluationListRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    withNames(db)
      .where((eb) => listWhere(eb as unknown as Eb, f))
      .orderBy(SORT_COLUMNS[q.sort], q.order)
      .orderBy('reverse_evaluation.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    db
      .selectFrom('reverse_evaluation')
      .innerJoin('person', 'person.id', 'reverse_evaluation.subject_person_id')
      .select(sql<number>`count(*)`.as('n'))
      .where((eb) => listWhere(eb, f))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function findEvaluation(db: DbOrTrx, id: string): Promise<EvaluationListRow | undefined> {
  return withNames(db).where('reverse_evaluation.id', '=', id).executeTakeFirst();
}

export async function insertEvaluation(db: DbOrTrx, row: NewReverseEvaluationRow, groups: { group: string; tokenCount: number }[]): Promise<void> {
  await db.insertInto('reverse_evaluation').values(row).execute();
  await replaceGroups(db, row.id, groups);
}

export async function replaceGroups(db: DbOrTrx, evaluationId: string, groups: { group: string; tokenCount: number }[]): Promise<void> {
  await db.deleteFrom('evaluation_rollup').where('evaluation_id', '=', evaluationId).where('n', '=', 0).execute();
  await db.deleteFrom('reverse_evaluation_group').where('evaluation_id', '=', evaluationId).execute();
  if (groups.length === 0) return;
  await db.insertInto('reverse_evaluation_group').values(groups.map((g) => ({ evaluation_id: evaluationId, rater_group: g.group, token_count: g.tokenCount }))).execute();
  // one rollup row per group, created up front so a ballot is a plain UPDATE
  const existing = new Set((await db.selectFrom('evaluation_rollup').select('rater_group').where('evaluation_id', '=', evaluationId).execute()).map((r) => r.rater_group));
  const fresh = groups.filter((g) => !existing.has(g.group));
  if (fresh.length) await db.insertInto('evaluation_rollup').values(fresh.map((g) => emptyRollup(evaluationId, g.group))).execute();
}

/** A rollup row with nothing in it yet. */
export function emptyRollup(evaluationId: string, group: string): EvaluationRollupRow {
  const zeros = Object.fromEntries(METRICS.flatMap((m) => [[`sum_${m}`, 0], [`sq_${m}`, 0]])) as Omit<EvaluationRollupRow, 'evaluation_id' | 'rater_group' | 'n' | 'no_issue' | 'heard_concerns' | 'known_violation' | 'free_texts' | 'sealed'>;
  return { evaluation_id: evaluationId, rater_group: group, n: 0, ...zeros, no_issue: 0, heard_concerns: 0, known_violation: 0, free_texts: 0, sealed: 0 };
}

export async function updateEvaluation(db: DbOrTrx, id: string, from: string, values: Partial<NewReverseEvaluationRow>): Promise<number> {
  const r = await db.updateTable('reverse_evaluation').set(values).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export function listGroupPlans(db: DbOrTrx, evaluationIds: string[]) {
  if (evaluationIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('reverse_evaluation_group').selectAll().where('evaluation_id', 'in', evaluationIds).execute();
}

/** Issued and used token counts per group: counts only. */
export async function tokenCounts(db: DbOrTrx, evaluationIds: string[]): Promise<{ evaluation_id: string; rater_group: string; issued: number; used: number }[]> {
  if (evaluationIds.length === 0) return [];
  const rows = await db
    .selectFrom('evaluation_token')
    .select(['evaluation_id', 'rater_group', sql<number>`count(*)`.as('issued'), sql<number>`sum(used)`.as('used')])
    .where('evaluation_id', 'in', evaluationIds)
    .groupBy(['evaluation_id', 'rater_group'])
    .execute();
  return rows.map((r) => ({ ...r, issued: Number(r.issued), used: Number(r.used ?? 0) }));
}

export async function insertTokens(db: DbOrTrx, rows: { token_hash: string; evaluation_id: string; rater_group: string; issued_at: string }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('evaluation_token').values(rows.slice(i, i + 500).map((r) => ({ ...r, used: 0 }))).execute();
}

export function findToken(db: DbOrTrx, tokenHash: string) {
  return db.selectFrom('evaluation_token').select(['evaluation_id', 'rater_group', 'used']).where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** What ballot submissions need to know about their tokens and evaluations, in one read (the public submit route). */
export async function findTokensForSubmit(db: DbOrTrx, tokenHashes: string[]) {
  const rows = await db
    .selectFrom('evaluation_token')
    .innerJoin('reverse_evaluation', 'reverse_evaluation.id', 'evaluation_token.evaluation_id')
    .select(['evaluation_token.token_hash', 'evaluation_token.evaluation_id', 'evaluation_token.rater_group', 'evaluation_token.used', 'reverse_evaluation.status', 'reverse_evaluation.open_at', 'reverse_evaluation.close_at', 'reverse_evaluation.questionnaire_json'])
    .where('evaluation_token.token_hash', 'in', tokenHashes.length ? tokenHashes : [''])
    .execute();
  return new Map(rows.map((r) => [r.token_hash, r]));
}

/**
 * Marks tokens used only where still unused and returns the hashes it marked: the database guarantees one ballot per
 * token (a hash not returned was used already, or by a concurrent submission; a hash is returned at most once).
 */
export async function consumeTokens(db: DbOrTrx, tokenHashes: string[]): Promise<Set<string>> {
  if (tokenHashes.length === 0) return new Set();
  const rows = await db.updateTable('evaluation_token').set({ used: 1 }).where('token_hash', 'in', tokenHashes).where('used', '=', 0).returning('token_hash').execute();
  return new Set(rows.map((r) => r.token_hash));
}

export async function insertBallots(db: DbOrTrx, rows: NewEvaluationBallotRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('evaluation_ballot').values(rows.slice(i, i + 200)).execute();
}

/** What some ballots of one evaluation × group add to its rollup row. */
export type RollupDelta = { n: number; sum: Record<(typeof METRICS)[number], number>; sq: Record<(typeof METRICS)[number], number>; noIssue: number; heard: number; known: number; freeTexts: number };

/** Adds ballots to their group's rollup unless the evaluation is being closed (sealed): false then. */
export async function addToRollup(db: DbOrTrx, evaluationId: string, group: string, d: RollupDelta): Promise<boolean> {
  const set: Record<string, unknown> = { n: sql`n + ${d.n}` };
  for (const m of METRICS) {
    set[`sum_${m}`] = sql`${sql.ref(`sum_${m}`)} + ${d.sum[m]}`;
    set[`sq_${m}`] = sql`${sql.ref(`sq_${m}`)} + ${d.sq[m]}`;
  }
  if (d.noIssue) set.no_issue = sql`no_issue + ${d.noIssue}`;
  if (d.heard) set.heard_concerns = sql`heard_concerns + ${d.heard}`;
  if (d.known) set.known_violation = sql`known_violation + ${d.known}`;
  if (d.freeTexts) set.free_texts = sql`free_texts + ${d.freeTexts}`;
  const r = await db.updateTable('evaluation_rollup').set(set).where('evaluation_id', '=', evaluationId).where('rater_group', '=', group).where('sealed', '=', 0).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Seals every rollup row of the evaluation (locks them on PostgreSQL until the closing transaction ends). */
export async function sealRollups(db: DbOrTrx, evaluationId: string): Promise<void> {
  await db.updateTable('evaluation_rollup').set({ sealed: 1 }).where('evaluation_id', '=', evaluationId).execute();
}

export function rollupToCell(r: EvaluationRollupRow): GroupCell {
  const sum = metricValues(Number(r.sum_virtue), Number(r.sum_ability), Number(r.sum_diligence), Number(r.sum_performance), Number(r.sum_integrity), Number(r.sum_overall));
  return { group: r.rater_group, n: Number(r.n), sum, sqOverall: Number(r.sq_overall), integrity: { NO_ISSUE: Number(r.no_issue), HEARD_CONCERNS: Number(r.heard_concerns), KNOWN_VIOLATION: Number(r.known_violation) } };
}

/**
 * The cells of evaluations computed from their ballots (all evaluations when `evaluationIds` is omitted): one
 * GROUP BY evaluation × group with the sums scoring needs and nothing else (count, six sums, the sum of squares of
 * the overall score, two integrity counts; NO_ISSUE is the rest). Aggregates only: no ballot leaves the database.
 */
export async function ballotCells(db: DbOrTrx, evaluationIds?: string[]): Promise<Map<string, GroupCell[]>> {
  let q = db
    .selectFrom('evaluation_ballot')
    .select([
      'evaluation_id',
      'rater_group',
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(virtue)`.as('s_virtue'),
      sql<number>`sum(ability)`.as('s_ability'),
      sql<number>`sum(diligence)`.as('s_diligence'),
      sql<number>`sum(performance)`.as('s_performance'),
      sql<number>`sum(integrity)`.as('s_integrity'),
      sql<number>`sum(overall)`.as('s_overall'),
      sql<number>`sum(overall * overall)`.as('sq_overall'),
      sql<number>`count(*) filter (where integrity_answer = 'HEARD_CONCERNS')`.as('heard'),
      sql<number>`count(*) filter (where integrity_answer = 'KNOWN_VIOLATION')`.as('known'),
    ])
    .groupBy(['evaluation_id', 'rater_group']);
  if (evaluationIds) {
    if (evaluationIds.length === 0) return new Map();
    q = q.where('evaluation_id', 'in', evaluationIds);
  }
  const out = new Map<string, GroupCell[]>();
  for (const r of await q.execute()) {
    const n = Number(r.n);
    const heard = Number(r.heard);
    const known = Number(r.known);
    const cell: GroupCell = {
      group: r.rater_group,
      n,
      sum: metricValues(Number(r.s_virtue), Number(r.s_ability), Number(r.s_diligence), Number(r.s_performance), Number(r.s_integrity), Number(r.s_overall)),
      sqOverall: Number(r.sq_overall),
      integrity: { NO_ISSUE: n - heard - known, HEARD_CONCERNS: heard, KNOWN_VIOLATION: known },
    };
    const list = out.get(r.evaluation_id);
    if (list) list.push(cell);
    else out.set(r.evaluation_id, [cell]);
  }
  return out;
}

export async function listRollupCells(db: DbOrTrx, evaluationId: string): Promise<GroupCell[]> {
  const rows = await db.selectFrom('evaluation_rollup').selectAll().where('evaluation_id', '=', evaluationId).execute();
  return rows.map(rollupToCell);
}

/** SHA-256 input for the close event: every ballot's content in primary-key (random) order. */
export function listBallotsForDigest(db: DbOrTrx, evaluationId: string) {
  return db
    .selectFrom('evaluation_ballot')
    .select(['id', 'rater_group', 'virtue', 'ability', 'diligence', 'performance', 'integrity', 'overall', 'integrity_answer', 'free_text_enc'])
    .where('evaluation_id', '=', evaluationId)
    .orderBy('id')
    .execute();
}

export async function listFreeTexts(db: DbOrTrx, evaluationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('evaluation_ballot')
    .select('free_text_enc')
    .where('evaluation_id', '=', evaluationId)
    .where('rater_group', '!=', 'SELF')
    .where('free_text_enc', 'is not', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.free_text_enc!);
}

export async function upsertFiveDimension(db: DbOrTrx, row: FiveDimensionEvaluationRow): Promise<void> {
  await db.deleteFrom('five_dimension_evaluation').where('evaluation_id', '=', row.evaluation_id).execute();
  await db.insertInto('five_dimension_evaluation').values(row).execute();
}

export function findFiveDimensionByEvaluation(db: DbOrTrx, evaluationId: string): Promise<FiveDimensionEvaluationRow | undefined> {
  return db.selectFrom('five_dimension_evaluation').selectAll().where('evaluation_id', '=', evaluationId).executeTakeFirst();
}

/** The newest result per person (by close time, then id). */
export async function latestFiveDimensionRows(db: DbOrTrx, personIds: string[]): Promise<FiveDimensionEvaluationRow[]> {
  if (personIds.length === 0) return [];
  const out: FiveDimensionEvaluationRow[] = [];
  for (let i = 0; i < personIds.length; i += 500) {
    const rows = await db
      .selectFrom('five_dimension_evaluation')
      .selectAll()
      .where('person_id', 'in', personIds.slice(i, i + 500))
      .orderBy('person_id')
      .orderBy('closed_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    const seen = new Set<string>();
    for (const r of rows) if (!seen.has(r.person_id) && seen.add(r.person_id)) out.push(r);
  }
  return out;
}

/** Latest composite per person among peers of one rank and unit type. */
export async function peerComposites(db: DbOrTrx, rank: string | null, unitType: string | null): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('five_dimension_evaluation')
    .select(['person_id', 'composite', 'closed_at', 'id'])
    .where('composite', 'is not', null)
    .where((eb) => (rank === null ? eb('peer_rank', 'is', null) : eb('peer_rank', '=', rank)))
    .where((eb) => (unitType === null ? eb('peer_unit_type', 'is', null) : eb('peer_unit_type', '=', unitType)))
    .orderBy('person_id')
    .orderBy('closed_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const out = new Map<string, number>();
  for (const r of rows) if (!out.has(r.person_id)) out.set(r.person_id, Number(r.composite));
  return out;
}

/** The subject's current principal post (title) and the type of the subject's unit, for the rater page and peers. */
export async function subjectFacts(db: DbOrTrx, personId: string, today: string): Promise<{ post: string | null; rank: string | null; unitType: string | null; orgName: string | null }> {
  const post = await db
    .selectFrom('post')
    .select('title')
    .where('person_id', '=', personId)
    .where('start_date', '<=', today)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', today)]))
    .orderBy('is_principal', 'desc')
    .orderBy('is_leadership', 'desc')
    .orderBy('start_date', 'desc')
    .executeTakeFirst();
  const person = await db
    .selectFrom('person')
    .leftJoin('cadre', 'cadre.person_id', 'person.id')
    .leftJoin('org_unit', 'org_unit.id', 'person.org_unit_id')
    .select(['cadre.rank_level', 'org_unit.type', 'org_unit.name'])
    .where('person.id', '=', personId)
    .executeTakeFirst();
  return { post: post?.title ?? null, rank: person?.rank_level ?? null, unitType: person?.type ?? null, orgName: person?.name ?? null };
}

export function findPersonForSubject(db: DbOrTrx, personId: string) {
  return db.selectFrom('person').select(['id', 'name', 'org_path']).where('id', '=', personId).executeTakeFirst();
}
