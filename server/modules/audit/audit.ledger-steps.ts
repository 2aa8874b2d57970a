/**
 * Ledger coverage of the audit routes added after the core list in server/platform/ledger-coverage.test.ts: the
 * checkpoint-list export (a confidential read: one `audit.exported` event).
 */
import type { ModuleLedgerSteps } from '../../test/ledger-steps.ts';

export const auditLedgerSteps: ModuleLedgerSteps = {
  module: 'audit',
  steps: [{ route: 'GET /api/audit/checkpoints/export.xlsx', as: 'AUDITOR', run: (t) => t.get('AUDITOR', '/api/audit/checkpoints/export.xlsx') }],
};
