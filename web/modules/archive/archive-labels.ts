import type { ArchiveDisplayStatus } from '../../../contracts/archive.ts';

export const STATUS_COLORS: Record<ArchiveDisplayStatus, string> = {
  PENDING: 'gold',
  SCHEDULED: 'blue',
  ACTIVE: 'green',
  EXPIRED: 'default',
  REJECTED: 'red',
  REVOKED: 'default',
};
