/**
 * Scope probes of the judgment module (server/platform/scope-matrix.test.ts): a judgment and a what-if scenario
 * owned by 望城区 / 乔口镇 lie outside every county-wide role. Roles holding the route's permission get 404, others 403.
 */
import { uuidv7 } from 'uuidv7';
import type { ModuleScopeProbes } from '../../test/scope-probes.ts';
import { insertCampaign } from './judgment.fixtures.ts';

const NOW = '2026-11-26T08:00:00.000Z';

export const judgmentScopeProbes: ModuleScopeProbes = {
  module: 'judgment',
  async setup(t, fx) {
    const w = t.world;
    const campaign = await insertCampaign(t.db, { unit: w.units.otherCounty, towns: [w.units.otherTown], name: '望城区换届研判' });
    const judgment = uuidv7();
    await t.db
      .insertInto('five_category_judgment')
      .values({
        id: judgment, cadre_person_id: w.people.otherCountyPerson.id, campaign_id: campaign, category: 'RETAIN', destination_org_unit_id: null, rationale: '外县干部研判意见，建议保留稳定。', status: 'PROPOSED',
        created_by_user_id: null, proposed_by_user_id: null, proposed_at: NOW, endorsed_by_user_id: null, endorsed_at: null, meeting_date: null, meeting_ref: null, returned_note: null, superseded_by_id: null,
        superseded_at: null, org_path: w.units.otherTown.path, created_at: NOW, updated_at: NOW,
      })
      .execute();
    const scenario = uuidv7();
    await t.db.insertInto('whatif_scenario').values({ id: scenario, name: '外县方案', campaign_id: campaign, note: null, created_by_user_id: w.users.ORG_HEAD, org_path: w.units.otherCounty.path, created_at: NOW, updated_at: NOW }).execute();
    Object.assign(fx, { 'judgment.id': judgment, 'judgment.scenario': scenario, 'judgment.town': w.units.otherTown.id });
  },
  probes: (t, _outside, fx) => {
    const j = `/api/judgments/${fx['judgment.id']}`;
    const town = `/api/team-analysis/towns/${fx['judgment.town']}`;
    const s = `/api/whatif-scenarios/${fx['judgment.scenario']}`;
    return [
      { name: 'GET /api/judgments/:id', permission: 'judgment.read', send: (r) => t.get(r, j) },
      { name: 'PATCH /api/judgments/:id', permission: 'judgment.write', send: (r) => t.patch(r, j, { rationale: '越权修改研判意见内容' }) },
      { name: 'POST /api/judgments/:id/propose', permission: 'judgment.write', send: (r) => t.post(r, `${j}/propose`) },
      { name: 'POST /api/judgments/:id/endorse', permission: 'judgment.endorse', send: (r) => t.post(r, `${j}/endorse`, { meetingDate: '2026-11-25', meetingRef: '部务会〔2026〕9号' }) },
      { name: 'POST /api/judgments/:id/return', permission: 'judgment.endorse', send: (r) => t.post(r, `${j}/return`, { note: '越权退回' }) },
      { name: 'GET /api/judgments/:id/report.docx', permission: 'judgment.read', send: (r) => t.get(r, `${j}/report.docx`) },
      { name: 'GET /api/judgments/evidence-options', permission: 'judgment.write', send: (r) => t.get(r, `/api/judgments/evidence-options?cadrePersonId=${t.world.people.otherCountyPerson.id}`) },
      { name: 'GET /api/team-analysis/towns/:id', permission: 'judgment.read', send: (r) => t.get(r, town) },
      { name: 'GET /api/team-analysis/towns/:id/report.docx', permission: 'judgment.read', send: (r) => t.get(r, `${town}/report.docx`) },
      { name: 'GET /api/whatif-scenarios/:id', permission: 'judgment.read', send: (r) => t.get(r, s) },
      { name: 'PUT /api/whatif-scenarios/:id/moves', permission: 'judgment.write', send: (r) => t.put(r, `${s}/moves`, { moves: [] }) },
    ];
  },
};
