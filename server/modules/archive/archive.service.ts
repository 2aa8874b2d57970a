/**
 * 干部人事档案查阅 use cases (SECURITY.md §5.4, issue 3 deliverable 5). A full file is read only under a request
 * that names a listed purpose, was approved by whoever holds the subject's cadre-management authority, and whose
 * validity window contains today; never by the subject or a registered relative. Every state change and every
 * view is one ledger event in the same transaction. Dates are China Standard Time.
 */
import { uuidv7 } from 'uuidv7';
import type {
  ApproveArchiveRequest,
  ArchiveDossier,
  ArchivePurpose,
  ArchiveRequest,
  ArchiveStatus,
  CreateArchiveRequest,
  ListArchiveRequestsQuery,
  RejectArchiveRequest,
  RevokeArchiveRequest,
} from '../../../contracts/archive.ts';
import { ARCHIVE_MAX_VALID_DAYS } from '../../../contracts/archive.ts';
import type { Page } from '../../../contracts/common.ts';
import { LIMITS } from '../../../contracts/limits.ts';
import type { Permission } from '../../../contracts/permissions.ts';
import { inTransaction, type DbOrTrx, type Trx } from '../../db/database.ts';
import type { ArchiveAccessRequestRow, ArchiveAccessRequestRowUpdate } from '../../db/schema.ts';
import { ledgerActor, type ServiceCtx } from '../../platform/deps.ts';
import { AppError, conflict, fieldError, forbidden, notFound, type Text } from '../../platform/errors.ts';
import { appendLedgerEvent } from '../../platform/ledger/index.ts';
import { roleHasPermission } from '../../platform/policy.ts';
import { hasPermission, isPathInScope, scopePaths, type Actor } from '../../platform/scope.ts';
import { requireFreshLogin } from '../auth/auth.service.ts';
import { archiveConflict, findArchiveSubject, getDossierForArchive, listRegisteredRelativeIds, type ArchiveSubject } from '../people/index.ts';
import { CONFLICT_TEXT, displayStatusOf, illegalTransitionReason, isApproverFor, transitionNamed, type ArchiveParty, type ArchiveTransitionName } from './archive.policy.ts';
import { presentRequest, type ArchiveAllowed } from './archive.presenter.ts';
import * as repo from './archive.repository.ts';

const REQUEST = { zh: '查阅申请', en: 'access request' };
const PERSON = { zh: '人员', en: 'person' };
const DAY_MS = 86_400_000;

/** Today in China Standard Time (UTC+8), `YYYY-MM-DD`: the validity window is counted in local days. */
function todayCst(ctx: ServiceCtx): string {
  return new Date(ctx.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function roleFor(actor: Actor, permission: Permission): string | undefined {
  return actor.roles.find((r) => roleHasPermission(r, permission));
}

const forbiddenBecause = (text: Text) => new AppError('FORBIDDEN', text);

/** The caller's own person and registered relatives, for the conflict rule on lists. */
async function conflictSet(db: DbOrTrx, actor: Actor): Promise<Set<string>> {
  if (!actor.personId) return new Set();
  const relatives = await listRegisteredRelativeIds(db, actor.personId);
  relatives.add(actor.personId);
  return relatives;
}

function allowedFor(actor: Actor, row: ArchiveAccessRequestRow, today: string, conflicted: Set<string>): ArchiveAllowed {
  const isRequester = row.requester_user_id === actor.userId;
  const approver = !isRequester && isApproverFor(actor, row.authority_path);
  const clean = !conflicted.has(row.person_id);
  const display = displayStatusOf(row, today);
  const revocable = row.status === 'APPROVED' && display !== 'EXPIRED';
  return {
    approve: approver && clean && row.status === 'PENDING',
    reject: approver && clean && row.status === 'PENDING',
    revoke: revocable && (isRequester || approver),
    view: isRequester && clean && display === 'ACTIVE',
  };
}

async function present(db: DbOrTrx, ctx: ServiceCtx, id: string): Promise<ArchiveRequest> {
  const row = await repo.findRequestWithNames(db, id);
  if (!row) throw notFound(REQUEST);
  const today = todayCst(ctx);
  return presentRequest(row, today, allowedFor(ctx.actor, row, today, await conflictSet(db, ctx.actor)));
}

/** Asks for a person's full file. The subject must be in the caller's people.read scope (else 404). */
export async function createArchiveRequest(ctx: ServiceCtx, input: CreateArchiveRequest): Promise<ArchiveRequest> {
  const reason = input.reason.trim();
  return inTransaction(ctx.db, async (trx) => {
    const subject = await findArchiveSubject(trx, input.personId);
    if (!subject || !isPathInScope(subject.orgPath, scopePaths(ctx.actor, 'people.read'))) throw notFound(PERSON);
    const clash = await archiveConflict(trx, subject.id, ctx.actor.personId);
    if (clash) throw forbiddenBecause(CONFLICT_TEXT[clash].request);
    if ([...reason].length < LIMITS.reasonMin) throw fieldError('reason', `请填写查阅理由（至少 ${LIMITS.reasonMin} 个字）`, `Give a reason of at least ${LIMITS.reasonMin} characters`);
    const today = todayCst(ctx);
    const open = await repo.findOpenRequest(trx, ctx.actor.userId, subject.id, today);
    if (open) {
      throw conflict(
        open.status === 'PENDING'
          ? { zh: `您已提交过查阅${subject.name}档案的申请，正在等待审批`, en: 'You already asked for this file; the request is pending' }
          : { zh: `您查阅${subject.name}档案的申请已获批准且仍在有效期内`, en: 'You already hold a current approval for this file' },
      );
    }
    const id = uuidv7();
    const now = ctx.clock.now().toISOString();
    await repo.insertRequest(trx, {
      id,
      person_id: subject.id,
      org_path: subject.orgPath,
      authority_org_id: subject.authorityOrgId,
      authority_path: subject.authorityPath,
      requester_user_id: ctx.actor.userId,
      purpose: input.purpose,
      reason,
      status: 'PENDING',
      approver_user_id: null,
      decision_note: null,
      valid_from: null,
      valid_to: null,
      decided_at: null,
      revoked_by_user_id: null,
      created_at: now,
      updated_at: now,
    });
    await appendLedgerEvent(
      trx,
      ledgerActor(ctx.actor, roleFor(ctx.actor, 'archive.request')),
      {
        action: 'archive.requested',
        objectType: 'archive_access_request',
        objectId: id,
        orgPath: subject.orgPath,
        payload: { personId: subject.id, purpose: input.purpose, reason, authorityOrgId: subject.authorityOrgId },
      },
      ctx.clock.now(),
    );
    return present(trx, ctx, id);
  });
}

/** `mine`: the caller's requests; `toApprove`: requests whose approving unit lies in the caller's archive.approve scope. */
export async function listArchiveRequests(ctx: ServiceCtx, query: ListArchiveRequestsQuery): Promise<Page<ArchiveRequest>> {
  const box = query.box ?? 'mine';
  const needed: Permission = box === 'toApprove' ? 'archive.approve' : 'archive.request';
  if (!hasPermission(ctx.actor, needed)) throw forbidden();
  const filter: repo.ArchiveListFilter = box === 'toApprove' ? { authorityPaths: scopePaths(ctx.actor, 'archive.approve') } : { requesterUserId: ctx.actor.userId };
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? LIMITS.pageSizeDefault;
  const { rows, total } = await repo.listRequests(ctx.db, filter, { status: query.status, personId: query.personId, page, pageSize });
  const today = todayCst(ctx);
  const conflicted = await conflictSet(ctx.db, ctx.actor);
  return { items: rows.map((r) => presentRequest(r, today, allowedFor(ctx.actor, r, today, conflicted))), total, page, pageSize };
}

type Change = { values: ArchiveAccessRequestRowUpdate; payload: Record<string, unknown> };

/**
 * The one function that changes a request's state: visibility (404), the actor's party for the transition and
 * the conflict rule (403), the transition table and its guard (409 ILLEGAL_TRANSITION), then the update and its
 * ledger event in one transaction. The approving unit is the subject's CURRENT management authority.
 */
async function applyTransition(ctx: ServiceCtx, id: string, name: ArchiveTransitionName, build: (row: ArchiveAccessRequestRow, subject: ArchiveSubject, today: string) => Change): Promise<ArchiveRequest> {
  const transition = transitionNamed(name);
  return inTransaction(ctx.db, async (trx: Trx) => {
    const row = await repo.findRequest(trx, id);
    if (!row) throw notFound(REQUEST);
    const subject = await findArchiveSubject(trx, row.person_id);
    if (!subject) throw notFound(REQUEST);
    const isRequester = row.requester_user_id === ctx.actor.userId;
    const isApprover = isApproverFor(ctx.actor, subject.authorityPath) || isApproverFor(ctx.actor, row.authority_path);
    if (!isRequester && !isApprover) throw notFound(REQUEST);

    const party: ArchiveParty = isRequester ? 'requester' : 'approver';
    if (!transition.by.includes(party)) {
      if (isRequester && isApprover) throw forbiddenBecause({ zh: '不能审批本人提出的查阅申请，请由其他有权审批的领导审批', en: 'You may not decide on your own request; another approver must' });
      throw forbiddenBecause({ zh: '只有对该干部有管理权限的审批人可以审批', en: "Only an approver holding the cadre's management authority may decide" });
    }
    if (party === 'approver' && !isApproverFor(ctx.actor, subject.authorityPath)) {
      throw forbiddenBecause({ zh: '该干部的管理权限单位已变更，不在您的审批范围内', en: "The cadre's management authority changed and is outside your approval scope" });
    }
    if (party === 'approver' && name !== 'revoke') {
      const clash = await archiveConflict(trx, subject.id, ctx.actor.personId);
      if (clash) throw forbiddenBecause(CONFLICT_TEXT[clash].approve);
    }
    const today = todayCst(ctx);
    const illegal = illegalTransitionReason(transition, row, today);
    if (illegal) throw new AppError('ILLEGAL_TRANSITION', illegal);

    const change = build(row, subject, today);
    const now = ctx.clock.now();
    const updated = await repo.updateRequestState(trx, row.id, transition.from, { ...change.values, status: transition.to, updated_at: now.toISOString() });
    if (updated !== 1) throw new AppError('ILLEGAL_TRANSITION', { zh: '该申请刚被他人处理，请刷新后查看', en: 'Someone else just decided this request; reload it' });
    await appendLedgerEvent(
      trx,
      ledgerActor(ctx.actor, roleFor(ctx.actor, party === 'approver' ? 'archive.approve' : 'archive.request')),
      { action: transition.action, objectType: 'archive_access_request', objectId: row.id, orgPath: subject.orgPath, payload: { personId: subject.id, from: transition.from, to: transition.to, by: party, ...change.payload } },
      now,
    );
    return present(trx, ctx, row.id);
  });
}

function addDays(date: string, days: number): string {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

function checkDate(value: string, field: string): string {
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) throw fieldError(field, `${value} 不是有效日期`, `${value} is not a valid date`);
  return value;
}

function note(text: string | undefined): string | null {
  const t = text?.trim();
  return t ? t : null;
}

/** Approves with a validity window of at most 30 days, starting today or later. */
export async function approveArchiveRequest(ctx: ServiceCtx, id: string, input: ApproveArchiveRequest): Promise<ArchiveRequest> {
  return applyTransition(ctx, id, 'approve', (_row, _subject, today) => {
    const validFrom = checkDate(input.validFrom, 'validFrom');
    const validTo = checkDate(input.validTo, 'validTo');
    if (validFrom < today) throw fieldError('validFrom', `有效期不能早于今天（${today}）`, `The window may not start before today (${today})`);
    if (validTo < validFrom) throw fieldError('validTo', '有效期截止日期不能早于开始日期', 'The window may not end before it starts');
    if (validTo > addDays(validFrom, ARCHIVE_MAX_VALID_DAYS)) {
      throw fieldError('validTo', `查阅有效期最长 ${ARCHIVE_MAX_VALID_DAYS} 天（最晚至 ${addDays(validFrom, ARCHIVE_MAX_VALID_DAYS)}）`, `The window may last at most ${ARCHIVE_MAX_VALID_DAYS} days`);
    }
    const decisionNote = note(input.note);
    return {
      values: { approver_user_id: ctx.actor.userId, decision_note: decisionNote, valid_from: validFrom, valid_to: validTo, decided_at: ctx.clock.now().toISOString() },
      payload: { validFrom, validTo, note: decisionNote },
    };
  });
}

export async function rejectArchiveRequest(ctx: ServiceCtx, id: string, input: RejectArchiveRequest): Promise<ArchiveRequest> {
  return applyTransition(ctx, id, 'reject', () => {
    const decisionNote = note(input.note);
    if (!decisionNote || [...decisionNote].length < LIMITS.reasonMin) throw fieldError('note', `请填写驳回理由（至少 ${LIMITS.reasonMin} 个字）`, `Give a reason of at least ${LIMITS.reasonMin} characters`);
    return { values: { approver_user_id: ctx.actor.userId, decision_note: decisionNote, decided_at: ctx.clock.now().toISOString() }, payload: { note: decisionNote } };
  });
}

/** Ends a current approval early: the approver (by authority) or the requester. */
export async function revokeArchiveRequest(ctx: ServiceCtx, id: string, input: RevokeArchiveRequest): Promise<ArchiveRequest> {
  if (!hasPermission(ctx.actor, 'archive.request') && !hasPermission(ctx.actor, 'archive.approve')) throw forbidden();
  return applyTransition(ctx, id, 'revoke', () => {
    const revokeNote = note(input.note);
    return { values: { revoked_by_user_id: ctx.actor.userId, ...(revokeNote ? { decision_note: revokeNote } : {}) }, payload: { note: revokeNote } };
  });
}

function windowProblem(row: ArchiveAccessRequestRow, today: string): Text | null {
  const status = row.status as ArchiveStatus;
  switch (status) {
    case 'PENDING':
      return { zh: '该查阅申请尚未审批，不能查阅档案', en: 'The request has not been approved yet' };
    case 'REJECTED':
      return { zh: '该查阅申请已被驳回，不能查阅档案', en: 'The request was rejected' };
    case 'REVOKED':
      return { zh: '该查阅授权已被撤销，不能查阅档案', en: 'The approval was revoked' };
    case 'APPROVED':
      break;
  }
  const display = displayStatusOf(row, today);
  if (display === 'EXPIRED') return { zh: `查阅授权已于 ${row.valid_to} 到期，如需继续查阅请重新申请`, en: `The approval expired on ${row.valid_to}; ask again if you still need the file` };
  if (display === 'SCHEDULED') return { zh: `查阅授权自 ${row.valid_from} 起生效，届时方可查阅`, en: `The approval starts on ${row.valid_from}` };
  return null;
}

/**
 * The full file (dossier plus unmasked ID number and mobile) for the requester, under an approved request whose
 * window contains today, with a login younger than the step-up limit. Exactly one `archive.viewed` event per view.
 */
export async function viewArchiveDossier(ctx: ServiceCtx, id: string): Promise<ArchiveDossier> {
  return inTransaction(ctx.db, async (trx) => {
    const row = await repo.findRequest(trx, id);
    if (!row || row.requester_user_id !== ctx.actor.userId) throw notFound(REQUEST);
    const subject = await findArchiveSubject(trx, row.person_id);
    if (!subject || !isPathInScope(subject.orgPath, scopePaths(ctx.actor, 'people.read'))) throw notFound(REQUEST);
    const clash = await archiveConflict(trx, subject.id, ctx.actor.personId);
    if (clash) throw forbiddenBecause(CONFLICT_TEXT[clash].view);
    const problem = windowProblem(row, todayCst(ctx));
    if (problem) throw forbiddenBecause(problem);
    requireFreshLogin(ctx, ctx.actor);

    const file = await getDossierForArchive(ctx, trx, subject.id);
    if (!file) throw notFound(REQUEST);
    const now = ctx.clock.now();
    const purpose = row.purpose as ArchivePurpose;
    const seq = await appendLedgerEvent(
      trx,
      ledgerActor(ctx.actor, roleFor(ctx.actor, 'archive.request')),
      { action: 'archive.viewed', objectType: 'person', objectId: subject.id, orgPath: file.orgPath, payload: { requestId: row.id, purpose } },
      now,
    );
    return { request: await present(trx, ctx, row.id), dossier: file.dossier, idNumber: file.idNumber, phone: file.phone, viewedAt: now.toISOString(), viewerName: ctx.actor.displayName, ledgerSeq: seq };
  });
}
