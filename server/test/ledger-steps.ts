/**
 * Ledger-coverage contributions of the domain modules (server/platform/ledger-coverage.test.ts runs them).
 *
 * Each module adds one `<module>.ledger-steps.ts` next to its routes and one line to MODULE_LEDGER_STEPS below, so
 * modules built in parallel never edit the same list. A step calls one state-changing route (or confidential read)
 * with valid input; the test fails if the call does not append at least one ledger event. `setup` runs once after
 * the test world exists (it may insert fixtures directly and put ids into the shared `ids` map; use module-prefixed
 * keys). A write route that must not write an event (an anonymous ballot, SECURITY.md §3) is listed in `exempt`
 * with the reason.
 */
import type { Role } from '../../contracts/enums.ts';
import type { TestApp } from './test-app.ts';
import { POVERTY_LEDGER_STEPS } from '../modules/poverty/poverty.ledger-steps.ts';
import { evaluationLedgerSteps } from '../modules/evaluation/evaluation.ledger-steps.ts';
import { integrityLedgerSteps } from '../modules/integrity/integrity.ledger-steps.ts';
import { analysisLedgerSteps } from '../modules/analysis/analysis.ledger-steps.ts';
import { judgmentLedgerSteps } from '../modules/judgment/judgment.ledger-steps.ts';
import { transferLedgerSteps } from '../modules/transfer/transfer.ledger-steps.ts';
import { o2oLedgerSteps } from '../modules/o2o/o2o.ledger-steps.ts';
import { groupsLedgerSteps } from '../modules/groups/groups.ledger-steps.ts';
import { auditLedgerSteps } from '../modules/audit/audit.ledger-steps.ts';

export type LedgerStep = { route: string; as: Role; run: (t: TestApp, ids: Record<string, string>) => Promise<{ statusCode: number; body: string }> };
export type ModuleLedgerSteps = {
  module: string;
  setup?: (t: TestApp, ids: Record<string, string>) => Promise<void>;
  steps: LedgerStep[];
  exempt?: { route: string; why: string }[];
};

export const MODULE_LEDGER_STEPS: ModuleLedgerSteps[] = [
  POVERTY_LEDGER_STEPS,
  evaluationLedgerSteps,
  integrityLedgerSteps,
  analysisLedgerSteps,
  judgmentLedgerSteps,
  o2oLedgerSteps,
  groupsLedgerSteps,
  transferLedgerSteps,
  auditLedgerSteps,
];
