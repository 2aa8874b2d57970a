import { DEFAULT_EVALUATION_QUESTIONNAIRE, DEFAULT_EVALUATION_SETTINGS, type EvaluationStatus, type Grade, type RaterGroup } from '../../../contracts/evaluation.ts';

export const DEFAULT_QUESTIONNAIRE_UI = DEFAULT_EVALUATION_QUESTIONNAIRE;
export const DEFAULT_SETTINGS_UI = DEFAULT_EVALUATION_SETTINGS;

/** A typical town office: few supervising leaders, more colleagues and staff. */
export const DEFAULT_GROUP_TOKENS: Record<RaterGroup, number> = {
  SUPERVISING_LEADER: 3,
  COLLEAGUES: 12,
  GENERAL_STAFF: 15,
  SUBORDINATE_UNITS: 8,
  SERVICE_RECIPIENTS: 10,
  DISCIPLINE_ORGAN: 5,
};

export const STATUS_COLORS: Record<EvaluationStatus, string> = { DRAFT: 'default', OPEN: 'processing', CLOSED: 'success' };
export const GRADE_COLORS: Record<Grade, string> = { EXCELLENT: 'green', COMPETENT: 'blue', BASICALLY_COMPETENT: 'orange', INCOMPETENT: 'red' };

/** China Standard Time, minutes. */
export function cst(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
