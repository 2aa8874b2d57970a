import type { IntegrityStatus, PetitionStatus, ReviewOverall, CheckResult } from '../../../contracts/integrity.ts';

export const STATUS_COLORS: Record<IntegrityStatus, string> = {
  DRAFT: 'default',
  SIGNED_BY_SECRETARY: 'processing',
  SIGNED_BY_DISCIPLINE: 'processing',
  DOUBLE_SIGNED: 'cyan',
  SUBMITTED: 'blue',
  ACCEPTED: 'success',
  RETURNED: 'warning',
};
export const OUTCOME_COLORS: Record<string, string> = { CLEAR: 'green', MINOR_ISSUES_NOT_AFFECTING: 'gold', NOT_SUITABLE: 'red' };
export const OVERALL_COLORS: Record<ReviewOverall, string> = { PENDING: 'processing', PASS: 'success', FAIL: 'error' };
export const RESULT_COLORS: Record<CheckResult, string> = { PENDING: 'default', PASS: 'success', ISSUE: 'error' };
export const PETITION_COLORS: Record<PetitionStatus, string> = { RECEIVED: 'blue', PRELIM_CHECK: 'processing', VERIFIED_TRUE: 'red', PARTLY_TRUE: 'orange', UNFOUNDED: 'green', TRANSFERRED: 'purple' };
