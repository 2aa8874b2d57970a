/** Judgment rows → API shapes (rows never leave the server). */
import type { Judgment, JudgmentCategory, JudgmentStatus } from '../../../contracts/judgment.ts';
import type { JudgmentViewRow } from './judgment.repository.ts';
import { yearsBetween } from './team-structure.ts';

export type JudgmentAllowed = Judgment['can'];

export function presentJudgment(
  r: JudgmentViewRow,
  extra: { campaignName: string | null; refDate: string; youngMax: number; postTitle: string | null },
  can: JudgmentAllowed,
): Judgment {
  const age = yearsBetween(r.birth_date, extra.refDate);
  return {
    id: r.id,
    cadrePersonId: r.cadre_person_id,
    cadreName: r.cadre_name,
    gender: r.gender,
    birthDate: r.birth_date,
    age,
    isYoung: age <= extra.youngMax,
    orgId: r.person_org_id,
    orgName: r.org_name,
    postTitle: extra.postTitle,
    campaignId: r.campaign_id,
    campaignName: extra.campaignName,
    category: r.category as JudgmentCategory,
    destinationOrgUnitId: r.destination_org_unit_id,
    destinationName: r.destination_name,
    rationale: r.rationale,
    status: r.status as JudgmentStatus,
    evidenceCount: r.evidence_count,
    proposedAt: r.proposed_at,
    proposedByName: r.proposed_by_name,
    endorsedAt: r.endorsed_at,
    endorsedByName: r.endorsed_by_name,
    meetingDate: r.meeting_date,
    meetingRef: r.meeting_ref,
    returnedNote: r.returned_note,
    supersededById: r.superseded_by_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    can,
  };
}
