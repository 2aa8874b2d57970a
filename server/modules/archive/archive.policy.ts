/**
 * The file-access state machine as data (STYLE §2) and the pure predicates of SECURITY.md §5.4:
 *
 *   PENDING  → APPROVED   by an approver (archive.approve with the subject's management authority in scope)
 *   PENDING  → REJECTED   by an approver
 *   APPROVED → REVOKED    by an approver or the requester, while not expired
 *
 * Expiry is derived from valid_to (no stored EXPIRED state). The approver may not decide their own request, and
 * nobody may request, approve or view their own file or a registered relative's.
 */
import type { ArchiveDisplayStatus, ArchivePurpose, ArchiveStatus } from '../../../contracts/archive.ts';
import type { ArchiveAccessRequestRow } from '../../db/schema.ts';
import type { Text } from '../../platform/errors.ts';
import { hasPermission, isPathInScope, scopePaths, type Actor } from '../../platform/scope.ts';

export type ArchiveParty = 'requester' | 'approver';
export type ArchiveTransitionName = 'approve' | 'reject' | 'revoke';

export type ArchiveTransition = {
  name: ArchiveTransitionName;
  from: ArchiveStatus;
  to: ArchiveStatus;
  by: readonly ArchiveParty[];
  /** the ledger action written with the change */
  action: string;
  /** extra guard on the row (beyond `from`); returns the reason it fails */
  guard?: (row: ArchiveAccessRequestRow, today: string) => Text | null;
};

export const ARCHIVE_TRANSITIONS: readonly ArchiveTransition[] = [
  { name: 'approve', from: 'PENDING', to: 'APPROVED', by: ['approver'], action: 'archive.approved' },
  { name: 'reject', from: 'PENDING', to: 'REJECTED', by: ['approver'], action: 'archive.rejected' },
  {
    name: 'revoke',
    from: 'APPROVED',
    to: 'REVOKED',
    by: ['approver', 'requester'],
    action: 'archive.revoked',
    guard: (row, today) =>
      row.valid_to !== null && row.valid_to < today ? { zh: `该查阅授权已于 ${row.valid_to} 到期，无需撤销`, en: `The approval expired on ${row.valid_to}; nothing to revoke` } : null,
  },
];

export function transitionNamed(name: ArchiveTransitionName): ArchiveTransition {
  const t = ARCHIVE_TRANSITIONS.find((x) => x.name === name);
  if (!t) throw new Error(`unknown archive transition ${name}`);
  return t;
}

export const STATUS_LABELS: Record<ArchiveStatus, Text> = {
  PENDING: { zh: '待审批', en: 'pending' },
  APPROVED: { zh: '已批准', en: 'approved' },
  REJECTED: { zh: '已驳回', en: 'rejected' },
  REVOKED: { zh: '已撤销', en: 'revoked' },
};

const VERB: Record<ArchiveTransitionName, Text> = {
  approve: { zh: '批准', en: 'approve' },
  reject: { zh: '驳回', en: 'reject' },
  revoke: { zh: '撤销', en: 'revoke' },
};

/** Why a transition is illegal in the row's state (null when it is legal). */
export function illegalTransitionReason(t: ArchiveTransition, row: ArchiveAccessRequestRow, today: string): Text | null {
  if (row.status !== t.from) {
    const status = STATUS_LABELS[row.status as ArchiveStatus] ?? { zh: row.status, en: row.status };
    return {
      zh: `该申请当前状态为"${status.zh}"，不能${VERB[t.name].zh}（只有"${STATUS_LABELS[t.from].zh}"的申请可以${VERB[t.name].zh}）`,
      en: `The request is ${status.en}; only a ${STATUS_LABELS[t.from].en} request can be ${t.name === 'approve' ? 'approved' : t.name === 'reject' ? 'rejected' : 'revoked'}`,
    };
  }
  return t.guard?.(row, today) ?? null;
}

/** The approver test: archive.approve with the unit whose approval is needed inside that permission's scope. */
export function isApproverFor(actor: Actor, authorityPath: string): boolean {
  return hasPermission(actor, 'archive.approve') && isPathInScope(authorityPath, scopePaths(actor, 'archive.approve'));
}

/** The parties the actor is for a request (an approver never for their own request). */
export function partiesOf(actor: Actor, row: ArchiveAccessRequestRow, authorityPath: string): ArchiveParty[] {
  const out: ArchiveParty[] = [];
  if (row.requester_user_id === actor.userId) out.push('requester');
  else if (isApproverFor(actor, authorityPath)) out.push('approver');
  return out;
}

/** An approver who asked for the file themselves: visible, but they may not decide it. */
export function isOwnRequestOfApprover(actor: Actor, row: ArchiveAccessRequestRow, authorityPath: string): boolean {
  return row.requester_user_id === actor.userId && isApproverFor(actor, authorityPath);
}

/** APPROVED splits by date into SCHEDULED / ACTIVE / EXPIRED (dates in China Standard Time, inclusive). */
export function displayStatusOf(row: Pick<ArchiveAccessRequestRow, 'status' | 'valid_from' | 'valid_to'>, today: string): ArchiveDisplayStatus {
  const status = row.status as ArchiveStatus;
  if (status !== 'APPROVED') return status;
  if (row.valid_to !== null && row.valid_to < today) return 'EXPIRED';
  if (row.valid_from !== null && row.valid_from > today) return 'SCHEDULED';
  return 'ACTIVE';
}

export const PURPOSE_LABELS: Record<ArchivePurpose, Text> = {
  INSPECTION: { zh: '考察', en: 'inspection' },
  APPOINTMENT: { zh: '任免', en: 'appointment' },
  TRANSFER: { zh: '调动', en: 'transfer' },
  POLITICAL_REVIEW: { zh: '政审', en: 'political review' },
  DISCIPLINE_CASE: { zh: '巡视/纪检办案', en: 'inspection tour / discipline case' },
  OTHER: { zh: '其他', en: 'other' },
};

export const CONFLICT_TEXT: Record<'self' | 'relative', Record<'request' | 'approve' | 'view', Text>> = {
  self: {
    request: { zh: '不能查阅本人的干部人事档案', en: 'You may not read your own personnel file' },
    approve: { zh: '不能审批查阅本人档案的申请', en: 'You may not decide on access to your own personnel file' },
    view: { zh: '不能查阅本人的干部人事档案', en: 'You may not read your own personnel file' },
  },
  relative: {
    request: { zh: '该人员是您登记的亲属，按规定不能查阅其干部人事档案', en: 'This person is your registered relative; you may not read their personnel file' },
    approve: { zh: '该人员是您登记的亲属，按规定您不能审批查阅其档案的申请', en: 'This person is your registered relative; you may not decide on access to their file' },
    view: { zh: '该人员是您登记的亲属，按规定不能查阅其干部人事档案', en: 'This person is your registered relative; you may not read their personnel file' },
  },
};
