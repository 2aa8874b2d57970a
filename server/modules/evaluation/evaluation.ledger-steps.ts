/**
 * Ledger coverage of the evaluation routes (server/platform/ledger-coverage.test.ts). Every staff write and every
 * read of results, exports and free text appends an event; the rater's submission is exempt (reason below).
 */
import type { ModuleLedgerSteps } from '../../test/ledger-steps.ts';
import { submitVia } from './evaluation.test-fixtures.ts';

export const evaluationLedgerSteps: ModuleLedgerSteps = {
  module: 'evaluation',
  steps: [
    { route: 'GET /api/evaluations/export.xlsx', as: 'ORG_CADRE_SECTION', run: (t) => t.get('ORG_CADRE_SECTION', '/api/evaluations/export.xlsx') },
    {
      route: 'POST /api/evaluations',
      as: 'ORG_CADRE_SECTION',
      run: async (t, ids) => {
        const now = t.clock.now().getTime();
        const res = await t.post('ORG_CADRE_SECTION', '/api/evaluations', {
          subjectPersonId: t.world.people.townSecretary.id,
          purpose: 'PRE_APPOINTMENT',
          openAt: new Date(now - 60_000).toISOString(),
          closeAt: new Date(now + 86_400_000).toISOString(),
          groups: [{ group: 'COLLEAGUES', tokenCount: 12 }],
        });
        ids['evaluation.id'] = res.json<{ id: string }>().id;
        return res;
      },
    },
    { route: 'PATCH /api/evaluations/:id', as: 'ORG_CADRE_SECTION', run: (t, ids) => t.patch('ORG_CADRE_SECTION', `/api/evaluations/${ids['evaluation.id']}`, { groups: [{ group: 'COLLEAGUES', tokenCount: 10 }, { group: 'GENERAL_STAFF', tokenCount: 5 }] }) },
    {
      route: 'POST /api/evaluations/:id/tokens',
      as: 'ORG_CADRE_SECTION',
      run: async (t, ids) => {
        const res = await t.post('ORG_CADRE_SECTION', `/api/evaluations/${ids['evaluation.id']}/tokens`, { groups: [{ group: 'COLLEAGUES', count: 10 }] });
        res.json<{ groups: { tokens: string[] }[] }>().groups[0]!.tokens.forEach((tk, i) => (ids[`evaluation.token${i}`] = tk));
        return res;
      },
    },
    { route: 'POST /api/evaluations/:id/open', as: 'ORG_CADRE_SECTION', run: (t, ids) => t.post('ORG_CADRE_SECTION', `/api/evaluations/${ids['evaluation.id']}/open`) },
    {
      route: 'POST /api/evaluations/:id/close',
      as: 'ORG_CADRE_SECTION',
      run: async (t, ids) => {
        for (let i = 0; i < 10; i++) await submitVia(t, ids[`evaluation.token${i}`]!, 'B', { freeText: `意见${i}` });
        return t.post('ORG_CADRE_SECTION', `/api/evaluations/${ids['evaluation.id']}/close`);
      },
    },
    { route: 'GET /api/evaluations/:id/results', as: 'ORG_HEAD', run: (t, ids) => t.get('ORG_HEAD', `/api/evaluations/${ids['evaluation.id']}/results`) },
    { route: 'GET /api/evaluations/:id/results.xlsx', as: 'ORG_HEAD', run: (t, ids) => t.get('ORG_HEAD', `/api/evaluations/${ids['evaluation.id']}/results.xlsx`) },
    { route: 'GET /api/evaluations/:id/free-text', as: 'ORG_SUPERVISION_SECTION', run: (t, ids) => t.get('ORG_SUPERVISION_SECTION', `/api/evaluations/${ids['evaluation.id']}/free-text`) },
  ],
  exempt: [
    {
      route: 'POST /api/public/evaluations/ballots',
      why: 'anonymous ballot (SECURITY.md §3.2 item 2): a per-ballot event would put each submission on the ledger with its exact time and sequence, an ordered timed record that helps re-link raters; the evaluation.closed event carries the evaluation-level counts (ballots, tokens issued/used) and a SHA-256 digest of all ballots instead',
    },
  ],
};
