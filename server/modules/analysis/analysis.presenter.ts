/** Rows → contract objects (DB rows never leave the server). Names come in as id → name maps. */
import type {
  AnnualGrade,
  CampaignStatus,
  DocType,
  DocumentReview,
  Evidence,
  EvidenceClassification,
  EvidenceSourceType,
  Letter,
  LetterState,
  Polarity,
  Ref,
  TalkMode,
  Talk,
  Tip,
  TipChannel,
  TipRoute,
  Visit,
} from '../../../contracts/analysis.ts';
import type { DocumentReviewRow, FieldVisitRow, LetterInquiryRow } from '../../db/schema.ts';
import type { EvidenceWithNames } from './analysis.repository.ts';

export type Names = Map<string, string>;

export function parseIds(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export const refs = (ids: string[], names: Names): Ref[] => ids.map((id) => ({ id, name: names.get(id) ?? '—' }));

export function letterState(row: Pick<LetterInquiryRow, 'replied_at' | 'overdue_marked_at' | 'due_at'>, today: string): LetterState {
  if (row.replied_at) return 'REPLIED';
  if (row.overdue_marked_at) return 'OVERDUE_MARKED';
  return row.due_at < today ? 'OVERDUE' : 'PENDING';
}

export function presentLetter(row: LetterInquiryRow & { unit_name: string }, today: string): Letter {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    toOrgUnit: { id: row.to_org_unit_id, name: row.unit_name },
    subject: row.subject,
    sentAt: row.sent_at,
    dueAt: row.due_at,
    repliedAt: row.replied_at,
    replyText: row.reply_text,
    replyAttachmentHashes: parseIds(row.reply_attachment_hashes),
    overdueMarkedAt: row.overdue_marked_at,
    state: letterState(row, today),
  };
}

export type TalkListRow = {
  id: string;
  campaign_id: string | null;
  mode: string;
  interviewee_person_id: string;
  interviewee_level: string;
  subject_cadre_ids: string;
  subject_team_org_unit_ids: string;
  outline_id: string | null;
  interviewer_person_ids: string;
  held_at: string;
  location: string;
  person_name: string;
  unit_name: string | null;
};

export function presentTalk(row: TalkListRow, names: Names): Talk {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    mode: row.mode as TalkMode,
    interviewee: { id: row.interviewee_person_id, name: row.person_name },
    intervieweeUnit: row.unit_name,
    level: row.interviewee_level,
    subjectCadres: refs(parseIds(row.subject_cadre_ids), names),
    subjectTeams: refs(parseIds(row.subject_team_org_unit_ids), names),
    interviewers: refs(parseIds(row.interviewer_person_ids), names),
    outlineId: row.outline_id,
    heldAt: row.held_at,
    location: row.location,
    classification: 'CONFIDENTIAL',
  };
}

export function presentVisit(row: FieldVisitRow & { village_name: string; town_name: string | null }, names: Names): Visit {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    village: { id: row.village_org_unit_id, name: row.village_name },
    town: row.town_name,
    visitedAt: row.visited_at,
    visitors: refs(parseIds(row.visitor_person_ids), names),
    villageCadresMetCount: Number(row.village_cadres_met_count),
    villageCadres: refs(parseIds(row.village_cadre_ids), names),
  };
}

export function presentDocument(row: DocumentReviewRow & { unit_name: string | null; person_name: string | null }): DocumentReview {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    docType: row.doc_type as DocType,
    title: row.title,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    subjectUnit: row.subject_org_unit_id ? { id: row.subject_org_unit_id, name: row.unit_name ?? '—' } : null,
    subjectCadre: row.subject_cadre_id ? { id: row.subject_cadre_id, name: row.person_name ?? '—' } : null,
    findings: row.findings,
    reviewedAt: row.reviewed_at,
  };
}

export function presentTip(row: { id: string; campaign_id: string; received_at: string; channel: string; real_name: number; routed_to: string; subject_cadre_id: string | null; person_name: string | null }): Tip {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    receivedAt: row.received_at,
    channel: row.channel as TipChannel,
    realName: Number(row.real_name) === 1,
    routedTo: row.routed_to as TipRoute,
    subjectCadre: row.subject_cadre_id ? { id: row.subject_cadre_id, name: row.person_name ?? '—' } : null,
  };
}

export function presentEvidence(row: EvidenceWithNames): Evidence {
  return {
    id: row.id,
    cadre: row.cadre_person_id ? { id: row.cadre_person_id, name: row.cadre_name ?? '—' } : null,
    team: row.team_org_unit_id ? { id: row.team_org_unit_id, name: row.team_name ?? '—' } : null,
    campaignId: row.campaign_id,
    sourceType: row.source_type as EvidenceSourceType,
    sourceRefId: row.source_ref_id,
    date: row.date,
    summary: row.summary,
    polarity: row.polarity as Polarity,
    classification: row.classification as EvidenceClassification,
    attachmentHashes: parseIds(row.attachment_hashes),
    sourceUnit: row.source_unit_id ? { id: row.source_unit_id, name: row.source_unit_name ?? '—' } : null,
    grade: (row.grade as AnnualGrade | null) ?? null,
    effectUntil: row.effect_until,
    createdAt: row.created_at,
  };
}

export const asStatus = (s: string): CampaignStatus => s as CampaignStatus;
