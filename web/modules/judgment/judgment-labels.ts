import type { JudgmentCategory, JudgmentStatus } from '../../../contracts/judgment.ts';

export const CATEGORY_COLORS: Record<JudgmentCategory, string> = { PROMOTE: 'red', EXCHANGE: 'blue', RETAIN: 'default', DEVELOP: 'green', ADJUST: 'orange' };
export const STATUS_COLORS: Record<JudgmentStatus, string> = { DRAFT: 'default', PROPOSED: 'processing', ENDORSED: 'success', SUPERSEDED: 'warning' };
