/**
 * Ledger coverage of the issue-3 list exports added beside the people, audit and users exports
 * (server/platform/ledger-coverage.test.ts): each export of a list is a ledger event.
 */
import type { ModuleLedgerSteps } from '../../test/ledger-steps.ts';

export const transferLedgerSteps: ModuleLedgerSteps = {
  module: 'transfer',
  steps: [
    { route: 'GET /api/org-units/export.xlsx', as: 'ORG_HEAD', run: (t) => t.get('ORG_HEAD', '/api/org-units/export.xlsx') },
    { route: 'GET /api/party-orgs/export.xlsx', as: 'ORG_HEAD', run: (t) => t.get('ORG_HEAD', '/api/party-orgs/export.xlsx') },
    { route: 'GET /api/archive/requests/export.xlsx', as: 'ORG_HEAD', run: (t) => t.get('ORG_HEAD', '/api/archive/requests/export.xlsx?box=toApprove') },
    { route: 'GET /api/imports/export.xlsx', as: 'ORG_CADRE_SECTION', run: (t) => t.get('ORG_CADRE_SECTION', '/api/imports/export.xlsx') },
  ],
};
