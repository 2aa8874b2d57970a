/** Static list of migrations (no directory scanning, so it works the same under tsx, vitest and bundlers). */
import type { Migration } from 'kysely';
import * as m20261126T0700 from './2026-11-26T07-00_create-platform-core.ts';
import * as m20261126T0900 from './2026-11-26T09-00_create-ledger-checkpoint.ts';
import * as m20261126T1000 from './2026-11-26T10-00_create-import-batch.ts';
import * as m20261126T1100 from './2026-11-26T11-00_create-archive-access.ts';

export const migrations: Record<string, Migration> = {
  '2026-11-26T07-00_create-platform-core': m20261126T0700,
  '2026-11-26T09-00_create-ledger-checkpoint': m20261126T0900,
  '2026-11-26T10-00_create-import-batch': m20261126T1000,
  '2026-11-26T11-00_create-archive-access': m20261126T1100,
};
