/** Rows → contract types. */
import type { ArchivePurpose, ArchiveRequest, ArchiveStatus } from '../../../contracts/archive.ts';
import { displayStatusOf } from './archive.policy.ts';
import type { ArchiveRequestListRow } from './archive.repository.ts';

export type ArchiveAllowed = ArchiveRequest['can'];

export function presentRequest(row: ArchiveRequestListRow, today: string, can: ArchiveAllowed): ArchiveRequest {
  return {
    id: row.id,
    personId: row.person_id,
    personName: row.person_name,
    orgName: row.org_name,
    authorityOrgId: row.authority_org_id,
    authorityName: row.authority_name,
    requesterUserId: row.requester_user_id,
    requesterName: row.requester_name,
    purpose: row.purpose as ArchivePurpose,
    reason: row.reason,
    status: row.status as ArchiveStatus,
    displayStatus: displayStatusOf(row, today),
    approverUserId: row.approver_user_id,
    approverName: row.approver_name,
    decisionNote: row.decision_note,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    decidedAt: row.decided_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    can,
  };
}
