import type { HouseholdStatus, TeamStatus } from '../../../contracts/poverty.ts';

export const HOUSEHOLD_STATUS_COLORS: Record<HouseholdStatus, string> = {
  IDENTIFIED: 'default',
  ASSISTED: 'blue',
  EXIT_PROPOSED: 'gold',
  EXIT_PUBLICIZED: 'orange',
  EXITED: 'green',
  RETURNED_TO_POVERTY: 'red',
};

export const TEAM_STATUS_COLORS: Record<TeamStatus, string> = { DRAFT: 'default', ACTIVE: 'green', DISSOLVED: 'red' };

/** The current month in China time, `YYYY-MM` (the server decides the period; this only fills the picker). */
export function currentMonth(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
}
