/**
 * Ledger coverage of the judgment module (server/platform/ledger-coverage.test.ts): every state-changing route and
 * every confidential read (a judgment's detail, the evidence options, exports and reports) appends an event.
 */
import { insertPerson } from '../../test/factories.ts';
import type { ModuleLedgerSteps } from '../../test/ledger-steps.ts';
import { insertCampaign, insertEvidence } from './judgment.fixtures.ts';

export const judgmentLedgerSteps: ModuleLedgerSteps = {
  module: 'judgment',
  async setup(t, ids) {
    const { units } = t.world;
    const cadre = await insertPerson(t.db, t.cipher, { name: '研判对象', unit: units.huanghua, cadre: { rankLevel: 'DEPUTY_SECTION', authority: units.county }, posts: [{ unit: units.huanghua, title: '黄花镇副镇长', isLeadership: true }] });
    ids['judgment.cadre'] = cadre.id;
    ids['judgment.campaign'] = await insertCampaign(t.db, { unit: units.county, towns: [units.huanghua, units.jiangbei], name: '研判台账测试活动', team: [t.world.users.ORG_CADRE_SECTION] });
    ids['judgment.evidence'] = await insertEvidence(t.db, { personId: cadre.id, orgPath: units.huanghua.path });
  },
  steps: [
    {
      route: 'POST /api/judgments',
      as: 'ORG_CADRE_SECTION',
      run: async (t, ids) => {
        const res = await t.post('ORG_CADRE_SECTION', '/api/judgments', { cadrePersonId: ids['judgment.cadre'], campaignId: ids['judgment.campaign'], category: 'RETAIN', rationale: '履职情况良好，建议保留稳定。', evidenceIds: [ids['judgment.evidence']] });
        ids['judgment.id'] = res.json<{ id: string }>().id;
        return res;
      },
    },
    { route: 'PATCH /api/judgments/:id', as: 'ORG_CADRE_SECTION', run: (t, ids) => t.patch('ORG_CADRE_SECTION', `/api/judgments/${ids['judgment.id']}`, { category: 'DEVELOP' }) },
    { route: 'POST /api/judgments/:id/propose', as: 'ORG_CADRE_SECTION', run: (t, ids) => t.post('ORG_CADRE_SECTION', `/api/judgments/${ids['judgment.id']}/propose`) },
    { route: 'POST /api/judgments/:id/return', as: 'ORG_HEAD', run: (t, ids) => t.post('ORG_HEAD', `/api/judgments/${ids['judgment.id']}/return`, { note: '请补充培养方向' }) },
    {
      route: 'POST /api/judgments/:id/endorse',
      as: 'ORG_HEAD',
      run: async (t, ids) => {
        await t.post('ORG_CADRE_SECTION', `/api/judgments/${ids['judgment.id']}/propose`);
        return t.post('ORG_HEAD', `/api/judgments/${ids['judgment.id']}/endorse`, { meetingDate: '2026-11-25', meetingRef: '部务会〔2026〕9号' });
      },
    },
    { route: 'GET /api/judgments/:id', as: 'ORG_HEAD', run: (t, ids) => t.get('ORG_HEAD', `/api/judgments/${ids['judgment.id']}`) },
    { route: 'GET /api/judgments/evidence-options', as: 'ORG_CADRE_SECTION', run: (t, ids) => t.get('ORG_CADRE_SECTION', `/api/judgments/evidence-options?cadrePersonId=${ids['judgment.cadre']}`) },
    { route: 'GET /api/judgments/export.xlsx', as: 'ORG_HEAD', run: (t) => t.get('ORG_HEAD', '/api/judgments/export.xlsx') },
    { route: 'GET /api/judgments/outcome/export.xlsx', as: 'ORG_HEAD', run: (t, ids) => t.get('ORG_HEAD', `/api/judgments/outcome/export.xlsx?campaignId=${ids['judgment.campaign']}`) },
    { route: 'GET /api/judgments/:id/report.docx', as: 'ORG_HEAD', run: (t, ids) => t.get('ORG_HEAD', `/api/judgments/${ids['judgment.id']}/report.docx`) },
    { route: 'GET /api/team-analysis/towns/:id/report.docx', as: 'ORG_HEAD', run: (t) => t.get('ORG_HEAD', `/api/team-analysis/towns/${t.world.units.huanghua.id}/report.docx`) },
    { route: 'PUT /api/team-targets', as: 'ORG_HEAD', run: (t) => t.put('ORG_HEAD', '/api/team-targets', { items: [{ townType: 'STREET', metric: 'FRONT_LINE', minCount: 3 }] }) },
    {
      route: 'POST /api/whatif-scenarios',
      as: 'ORG_CADRE_SECTION',
      run: async (t, ids) => {
        const res = await t.post('ORG_CADRE_SECTION', '/api/whatif-scenarios', { name: '模拟方案', campaignId: ids['judgment.campaign'], copyJudgments: true });
        ids['judgment.scenario'] = res.json<{ id: string }>().id;
        return res;
      },
    },
    {
      route: 'PUT /api/whatif-scenarios/:id/moves',
      as: 'ORG_CADRE_SECTION',
      run: (t, ids) => t.put('ORG_CADRE_SECTION', `/api/whatif-scenarios/${ids['judgment.scenario']}/moves`, { moves: [{ cadrePersonId: ids['judgment.cadre'], move: 'EXCHANGE', destinationOrgUnitId: t.world.units.jiangbei.id }] }),
    },
  ],
};
