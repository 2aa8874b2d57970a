import type { CampaignStatus, LetterState, Polarity } from '../../../contracts/analysis.ts';

export const STATUS_COLORS: Record<CampaignStatus, string> = { PLANNING: 'default', COLLECTING: 'processing', ANALYSING: 'warning', CONCLUDED: 'success' };
export const LETTER_COLORS: Record<LetterState, string> = { PENDING: 'processing', OVERDUE: 'error', OVERDUE_MARKED: 'warning', REPLIED: 'success' };
export const POLARITY_COLORS: Record<Polarity, string> = { POSITIVE: 'green', NEUTRAL: 'default', NEGATIVE: 'red' };
