/** Rows → contract types. Token counts are counts only; nothing about individual ballots leaves here. */
import type { Evaluation, EvaluationPurpose, EvaluationSettings, EvaluationStatus, Questionnaire, TokenGroup } from '../../../contracts/evaluation.ts';
import { hasPermission, type Actor } from '../../platform/scope.ts';
import type { EvaluationListRow } from './evaluation.repository.ts';

export type GroupStatus = { group: TokenGroup; tokenCount: number; issued: number; used: number };

export function presentEvaluation(row: EvaluationListRow, groups: GroupStatus[], subjectPost: string | null, questionnaire: Questionnaire, settings: EvaluationSettings, actor: Actor): Evaluation {
  const status = row.status as EvaluationStatus;
  const manage = hasPermission(actor, 'evaluation.manage');
  return {
    id: row.id,
    subjectPersonId: row.subject_person_id,
    subjectName: row.subject_name,
    subjectPost,
    subjectOrgName: row.subject_org_name,
    purpose: row.purpose as EvaluationPurpose,
    campaignId: row.campaign_id,
    openAt: row.open_at,
    closeAt: row.close_at,
    status,
    closedAt: row.closed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    groups,
    questionnaire,
    settings,
    can: {
      edit: manage && status === 'DRAFT',
      open: manage && status === 'DRAFT',
      close: manage && status === 'OPEN',
      issueTokens: manage && status !== 'CLOSED',
      viewResults: hasPermission(actor, 'evaluation.results') && status === 'CLOSED',
      viewFreeText: hasPermission(actor, 'evaluation.freetext') && status === 'CLOSED',
    },
  };
}
