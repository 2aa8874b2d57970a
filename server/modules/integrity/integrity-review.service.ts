/**
 * 任前廉政审查 (SPEC M6 IntegrityReview): one review per candidate with five checks, each recorded by the role
 * that owns it (discipline commission: DISCIPLINE_OPINION, PETITION_CHECK; cadre section: FILE_AUDIT; supervision
 * section: PERSONAL_MATTERS_VERIFY, AUDIT_FINDINGS). Which checks are mandatory is fixed when the review opens
 * (default: the four "must" checks 凡提四必); overall = PASS only when every mandatory check passed.
 * Check details are confidential (encrypted; reading a review is a ledger event).
 */
import { uuidv7 } from 'uuidv7';
import type { Page } from '../../../contracts/common.ts';
import {
  DEFAULT_MANDATORY_CHECKS,
  REVIEW_CHECK_TYPES,
  type CheckResult,
  type CreateIntegrityReview,
  type IntegrityReview,
  type IntegrityReviewItem,
  type ListIntegrityReviewsQuery,
  type RecordReviewCheck,
  type ReviewCheckType,
} from '../../../contracts/integrity.ts';
import { LIMITS } from '../../../contracts/limits.ts';
import { inTransaction, type DbOrTrx } from '../../db/database.ts';
import { ledgerActor, type ServiceCtx } from '../../platform/deps.ts';
import { forbidden, notFound, type Text } from '../../platform/errors.ts';
import { appendLedgerEvent } from '../../platform/ledger/index.ts';
import { hasPermission, isPathInScope, scopePaths } from '../../platform/scope.ts';
import { canRecordCheck, CHECK_RECORDERS, overallOf } from './integrity.policy.ts';
import { presentReview, presentReviewItem } from './integrity.presenter.ts';
import * as repo from './integrity.repository.ts';
import { conflictSet, forbiddenBecause, roleFor } from './integrity.service.ts';

const REVIEW: Text = { zh: '任前廉政审查', en: 'integrity review' };
const PERSON: Text = { zh: '人员', en: 'person' };

const RECORDER_ZH: Record<string, string> = { ORG_CADRE_SECTION: '干部科', ORG_SUPERVISION_SECTION: '干部监督科', DISCIPLINE_COMMISSION: '县纪委' };

async function loadVisible(db: DbOrTrx, ctx: ServiceCtx, id: string): Promise<repo.ReviewRowWithNames> {
  const row = await repo.findReviewWithNames(db, id);
  if (!row || !isPathInScope(row.org_path, scopePaths(ctx.actor, 'integrity.review'))) throw notFound(REVIEW);
  if ((await conflictSet(db, ctx.actor)).has(row.subject_person_id)) throw notFound(REVIEW);
  return row;
}

async function present(db: DbOrTrx, ctx: ServiceCtx, row: repo.ReviewRowWithNames): Promise<IntegrityReview> {
  const checks = await repo.listChecks(db, [row.id]);
  return presentReview(row, checks, (e) => ctx.cipher.decrypt(e), (type) => canRecordCheck(ctx.actor.roles, type));
}

/** Opens a review of a candidate in the caller's scope with the chosen mandatory checks (default 凡提四必). */
export async function createReview(ctx: ServiceCtx, input: CreateIntegrityReview): Promise<IntegrityReview> {
  const mandatory = [...(input.mandatoryChecks ?? DEFAULT_MANDATORY_CHECKS)].sort((a, b) => REVIEW_CHECK_TYPES.indexOf(a) - REVIEW_CHECK_TYPES.indexOf(b));
  return inTransaction(ctx.db, async (trx) => {
    const subject = await repo.findPersonName(trx, input.subjectPersonId);
    if (!subject || !isPathInScope(subject.org_path, scopePaths(ctx.actor, 'integrity.review'))) throw notFound(PERSON);
    if ((await conflictSet(trx, ctx.actor)).has(subject.id)) throw forbiddenBecause({ zh: '不能审查本人或近亲属', en: 'You may not review yourself or a relative' });
    const id = uuidv7();
    const now = ctx.clock.now().toISOString();
    await trx
      .insertInto('integrity_review')
      .values({ id, subject_person_id: subject.id, org_path: subject.org_path, batch_id: input.batchId ?? null, mandatory_checks: JSON.stringify(mandatory), overall: 'PENDING', created_by_user_id: ctx.actor.userId, created_at: now, updated_at: now })
      .execute();
    await trx
      .insertInto('integrity_review_check')
      .values(REVIEW_CHECK_TYPES.map((type) => ({ review_id: id, type, result: 'PENDING', detail_enc: null, checked_by_user_id: null, checked_at: null })))
      .execute();
    await appendLedgerEvent(
      trx,
      ledgerActor(ctx.actor, roleFor(ctx.actor, 'integrity.review')),
      { action: 'integrity.review.opened', objectType: 'integrity_review', objectId: id, orgPath: subject.org_path, payload: { personId: subject.id, mandatory, batchId: input.batchId ?? null } },
      ctx.clock.now(),
    );
    return present(trx, ctx, (await repo.findReviewWithNames(trx, id))!);
  });
}

/** Records (or corrects) one check; only the owning role may; the overall result is recomputed in the same transaction. */
export async function recordCheck(ctx: ServiceCtx, id: string, type: ReviewCheckType, input: RecordReviewCheck): Promise<IntegrityReview> {
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadVisible(trx, ctx, id);
    if (!canRecordCheck(ctx.actor.roles, type)) {
      const who = CHECK_RECORDERS[type].map((r) => RECORDER_ZH[r] ?? r).join('、');
      throw forbiddenBecause({ zh: `该项核查应由${who}填写`, en: `This check is recorded by ${CHECK_RECORDERS[type].join(', ')}` });
    }
    const now = ctx.clock.now().toISOString();
    await trx
      .updateTable('integrity_review_check')
      .set({ result: input.result, detail_enc: ctx.cipher.encrypt(input.detail.trim()), checked_by_user_id: ctx.actor.userId, checked_at: now })
      .where('review_id', '=', id)
      .where('type', '=', type)
      .execute();
    const checks = await repo.listChecks(trx, [id]);
    const overall = overallOf(JSON.parse(row.mandatory_checks) as ReviewCheckType[], new Map(checks.map((c) => [c.type as ReviewCheckType, c.result as CheckResult])));
    await trx.updateTable('integrity_review').set({ overall, updated_at: now }).where('id', '=', id).execute();
    const role = CHECK_RECORDERS[type].find((r) => ctx.actor.roles.includes(r));
    await appendLedgerEvent(
      trx,
      ledgerActor(ctx.actor, role),
      { action: 'integrity.review.checked', objectType: 'integrity_review', objectId: id, orgPath: row.org_path, payload: { personId: row.subject_person_id, type, result: input.result, overall, previousOverall: row.overall } },
      ctx.clock.now(),
    );
    return present(trx, ctx, (await repo.findReviewWithNames(trx, id))!);
  });
}

/** One review with its check details (confidential read: one ledger event). */
export async function getReview(ctx: ServiceCtx, id: string): Promise<IntegrityReview> {
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadVisible(trx, ctx, id);
    await appendLedgerEvent(
      trx,
      ledgerActor(ctx.actor, roleFor(ctx.actor, 'integrity.review')),
      { action: 'integrity.review.viewed', objectType: 'integrity_review', objectId: id, orgPath: row.org_path, payload: { personId: row.subject_person_id } },
      ctx.clock.now(),
    );
    return present(trx, ctx, row);
  });
}

export async function listReviews(ctx: ServiceCtx, q: ListIntegrityReviewsQuery): Promise<Page<IntegrityReviewItem>> {
  if (!hasPermission(ctx.actor, 'integrity.review')) throw forbidden();
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? LIMITS.pageSizeDefault;
  const { rows, total } = await repo.listReviews(
    ctx.db,
    { paths: scopePaths(ctx.actor, 'integrity.review'), excludePersonIds: [...(await conflictSet(ctx.db, ctx.actor))], overall: q.overall, subjectPersonId: q.subjectPersonId, q: q.q?.trim() || undefined },
    page,
    pageSize,
  );
  const checks = await repo.listChecks(
    ctx.db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => presentReviewItem(r, checks.filter((c) => c.review_id === r.id))), total, page, pageSize };
}
