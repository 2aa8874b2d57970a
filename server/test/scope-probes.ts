/**
 * Scope-matrix contributions of the domain modules (server/platform/scope-matrix.test.ts runs them for every role).
 *
 * Each module adds one `<module>.scope-probes.ts` and one line to MODULE_SCOPE_PROBES. `setup` runs once after the
 * test world exists and creates the module's objects *outside* each role's scope (for county-wide roles: under
 * 望城区 / 乔口镇, `t.world.units.otherCounty|otherTown`; for Huanghua town roles: under 江背镇; for village roles:
 * under 新塘村), putting their ids into `fixtures` with module-prefixed keys. A probe names the permission the
 * route needs: a role with it must get 404 for the outside object (never 403/200), a role without it 403.
 */
import type { Permission } from '../../contracts/permissions.ts';
import type { Role } from '../../contracts/enums.ts';
import type { PersonRef, UnitRef } from './factories.ts';
import type { TestApp } from './test-app.ts';
import { POVERTY_SCOPE_PROBES } from '../modules/poverty/poverty.scope-probes.ts';
import { evaluationScopeProbes } from '../modules/evaluation/evaluation.scope-probes.ts';
import { integrityScopeProbes } from '../modules/integrity/integrity.scope-probes.ts';
import { analysisScopeProbes } from '../modules/analysis/analysis.scope-probes.ts';
import { judgmentScopeProbes } from '../modules/judgment/judgment.scope-probes.ts';
import { o2oScopeProbes } from '../modules/o2o/o2o.scope-probes.ts';
import { groupsScopeProbes } from '../modules/groups/groups.scope-probes.ts';

export type ScopeOutside = { person: PersonRef; unit: UnitRef; village: UnitRef; inside: UnitRef };
export type ScopeProbe = { name: string; permission: Permission; send: (role: Role) => Promise<{ statusCode: number; body: string }> };
export type ModuleScopeProbes = {
  module: string;
  setup?: (t: TestApp, fixtures: Record<string, string>) => Promise<void>;
  probes: (t: TestApp, outside: (role: Role) => ScopeOutside, fixtures: Record<string, string>) => ScopeProbe[];
};

export const MODULE_SCOPE_PROBES: ModuleScopeProbes[] = [
  POVERTY_SCOPE_PROBES,
  evaluationScopeProbes,
  integrityScopeProbes,
  analysisScopeProbes,
  judgmentScopeProbes,
  o2oScopeProbes,
  groupsScopeProbes,
];
