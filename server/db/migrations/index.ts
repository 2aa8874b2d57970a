/** Static list of migrations (no directory scanning, so it works the same under tsx, vitest and bundlers). */
import type { Migration } from 'kysely';
import * as m20261126T0700 from './2026-11-26T07-00_create-platform-core.ts';
import * as m20261126T0900 from './2026-11-26T09-00_create-ledger-checkpoint.ts';
import * as m20261126T1000 from './2026-11-26T10-00_create-import-batch.ts';
import * as m20261126T1100 from './2026-11-26T11-00_create-archive-access.ts';
import * as m20261126T1230 from './2026-11-26T12-30_create-judgment.ts';
import * as m20261126T1220 from './2026-11-26T12-20_create-integrity.ts';
import * as m20261126T1330 from './2026-11-26T13-30_create-service-teams.ts';
import * as m20261126T1200 from './2026-11-26T12-00_create-cadre-analysis.ts';
import * as m20261126T1210 from './2026-11-26T12-10_create-reverse-evaluation.ts';
import * as m20261126T1300 from './2026-11-26T13-00_create-calendar-o2o.ts';
import * as m20261126T1400 from './2026-11-26T14-00_create-service-groups.ts';
import * as m20261126T1440 from './2026-11-26T14-40_create-o2o-rollup-tier.ts';
import * as m20261126T1430 from './2026-11-26T14-30_o2o-routing-response.ts';

export const migrations: Record<string, Migration> = {
  '2026-11-26T07-00_create-platform-core': m20261126T0700,
  '2026-11-26T09-00_create-ledger-checkpoint': m20261126T0900,
  '2026-11-26T10-00_create-import-batch': m20261126T1000,
  '2026-11-26T11-00_create-archive-access': m20261126T1100,
  '2026-11-26T12-30_create-judgment': m20261126T1230,
  '2026-11-26T12-20_create-integrity': m20261126T1220,
  '2026-11-26T13-30_create-service-teams': m20261126T1330,
  '2026-11-26T12-00_create-cadre-analysis': m20261126T1200,
  '2026-11-26T12-10_create-reverse-evaluation': m20261126T1210,
  '2026-11-26T13-00_create-calendar-o2o': m20261126T1300,
  '2026-11-26T14-00_create-service-groups': m20261126T1400,
  '2026-11-26T14-40_create-o2o-rollup-tier': m20261126T1440,
  '2026-11-26T14-30_o2o-routing-response': m20261126T1430,
};
