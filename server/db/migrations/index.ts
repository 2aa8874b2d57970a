/** Static list of migrations (no directory scanning, so it works the same under tsx, vitest and bundlers). */
import type { Migration } from 'kysely';
import * as m20261126T0700 from './2026-11-26T07-00_create-platform-core.ts';

export const migrations: Record<string, Migration> = {
  '2026-11-26T07-00_create-platform-core': m20261126T0700,
};
