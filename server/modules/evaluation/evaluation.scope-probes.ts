/**
 * Scope probes of the evaluation routes (server/platform/scope-matrix.test.ts): an evaluation of a cadre outside
 * every role's scope (望城区/乔口镇) answers 404 to roles with the permission and 403 to the others.
 */
import type { ModuleScopeProbes } from '../../test/scope-probes.ts';
import { DEFAULT_QUESTIONNAIRE, DEFAULT_SETTINGS } from './evaluation.defaults.ts';

const OUTSIDE_ID = '01900000-0000-7000-8000-0000000e7a10';

export const evaluationScopeProbes: ModuleScopeProbes = {
  module: 'evaluation',
  setup: async (t, fixtures) => {
    const person = t.world.people.otherCountyPerson;
    const at = '2026-11-20T00:00:00.000Z';
    await t.db
      .insertInto('reverse_evaluation')
      .values({
        id: OUTSIDE_ID,
        subject_person_id: person.id,
        org_path: person.unit.path,
        purpose: 'ANNUAL',
        campaign_id: null,
        open_at: at,
        close_at: '2026-12-20T00:00:00.000Z',
        status: 'OPEN',
        questionnaire_json: JSON.stringify(DEFAULT_QUESTIONNAIRE),
        settings_json: JSON.stringify(DEFAULT_SETTINGS),
        closed_at: null,
        created_by: t.world.users.ORG_HEAD,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await t.db.insertInto('reverse_evaluation_group').values({ evaluation_id: OUTSIDE_ID, rater_group: 'COLLEAGUES', token_count: 5 }).execute();
    fixtures['evaluation.outside'] = OUTSIDE_ID;
  },
  probes: (t, outside, fixtures) => {
    const id = fixtures['evaluation.outside']!;
    return [
      { name: 'GET /api/evaluations/:id', permission: 'evaluation.results', send: (r) => t.get(r, `/api/evaluations/${id}`) },
      { name: 'PATCH /api/evaluations/:id', permission: 'evaluation.manage', send: (r) => t.patch(r, `/api/evaluations/${id}`, { groups: [{ group: 'COLLEAGUES', tokenCount: 6 }] }) },
      { name: 'POST /api/evaluations/:id/open', permission: 'evaluation.manage', send: (r) => t.post(r, `/api/evaluations/${id}/open`) },
      { name: 'POST /api/evaluations/:id/close', permission: 'evaluation.manage', send: (r) => t.post(r, `/api/evaluations/${id}/close`) },
      { name: 'POST /api/evaluations/:id/tokens', permission: 'evaluation.manage', send: (r) => t.post(r, `/api/evaluations/${id}/tokens`, { groups: [{ group: 'COLLEAGUES', count: 1 }] }) },
      { name: 'GET /api/evaluations/:id/results', permission: 'evaluation.results', send: (r) => t.get(r, `/api/evaluations/${id}/results`) },
      { name: 'GET /api/evaluations/:id/results.xlsx', permission: 'evaluation.results', send: (r) => t.get(r, `/api/evaluations/${id}/results.xlsx`) },
      { name: 'GET /api/evaluations/:id/free-text', permission: 'evaluation.freetext', send: (r) => t.get(r, `/api/evaluations/${id}/free-text`) },
      {
        name: 'POST /api/evaluations (subject outside)',
        permission: 'evaluation.manage',
        send: (r) =>
          t.post(r, '/api/evaluations', { subjectPersonId: outside(r).person.id, purpose: 'ANNUAL', openAt: '2026-11-26T08:00:00.000Z', closeAt: '2026-12-26T08:00:00.000Z', groups: [{ group: 'COLLEAGUES', tokenCount: 5 }] }),
      },
    ];
  },
};
