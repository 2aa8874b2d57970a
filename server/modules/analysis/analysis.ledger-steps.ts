/**
 * Ledger coverage of M5 (server/platform/ledger-coverage.test.ts): every state-changing analysis route and every
 * confidential read (talk notes, tip content, cadre profile, evidence with confidential items, exports, the
 * summary report) must append an event. The campaign runs over a town of its own (setup), so the conclude guard
 * depends only on the judgments inserted here.
 */
import { uuidv7 } from 'uuidv7';
import { insertOrgUnit, insertPerson } from '../../test/factories.ts';
import type { ModuleLedgerSteps } from '../../test/ledger-steps.ts';
import { listCampaignCadreIds } from './analysis.service.ts';

const NOW = '2026-11-26T08:00:00.000Z';

export const analysisLedgerSteps: ModuleLedgerSteps = {
  module: 'analysis',
  async setup(t, ids) {
    const town = await insertOrgUnit(t.db, { name: '分析镇', type: 'TOWN', parent: t.world.units.county });
    const village = await insertOrgUnit(t.db, { name: '分析村', type: 'VILLAGE', parent: town });
    const leader = await insertPerson(t.db, t.cipher, { name: '分析书记', unit: town, cadre: { rankLevel: 'SECTION', authority: t.world.units.county }, posts: [{ unit: town, title: '党委书记', isLeadership: true, isPrincipal: true }] });
    const villageHead = await insertPerson(t.db, t.cipher, { name: '分析村书记', unit: village, posts: [{ unit: village, title: '党支部书记', isLeadership: true, isPrincipal: true }] });
    Object.assign(ids, { 'analysis.town': town.id, 'analysis.village': village.id, 'analysis.leader': leader.id, 'analysis.villageHead': villageHead.id });
  },
  steps: [
    { route: 'GET /api/analysis/campaigns/export.xlsx', as: 'ORG_CADRE_SECTION', run: (t) => t.get('ORG_CADRE_SECTION', '/api/analysis/campaigns/export.xlsx') },
    {
      route: 'POST /api/analysis/campaigns',
      as: 'ORG_CADRE_SECTION',
      run: async (t, ids) => {
        const res = await t.post('ORG_CADRE_SECTION', '/api/analysis/campaigns', { name: '分析镇换届考察', scopeTownIds: [ids['analysis.town']], startAt: '2016-05-01', endAt: '2016-07-31' });
        ids['analysis.campaign'] = res.json<{ id: string }>().id;
        return res;
      },
    },
    { route: 'POST /api/analysis/campaigns/:id/notice', as: 'ORG_CADRE_SECTION', run: (t, ids) => t.post('ORG_CADRE_SECTION', `/api/analysis/campaigns/${ids['analysis.campaign']}/notice`, { publishedAt: '2016-05-01', media: '长沙晚报', text: '公开接受群众来信来访' }) },
    {
      route: 'POST /api/analysis/campaigns/:id/members',
      as: 'ORG_CADRE_SECTION',
      run: async (t, ids) => {
        const res = await t.post('ORG_CADRE_SECTION', `/api/analysis/campaigns/${ids['analysis.campaign']}/members`, { userId: t.world.users.ORG_HEAD, teamRole: 'MEMBER' });
        ids['analysis.member'] = res.json<{ team: { id: string; userId: string }[] }>().team.find((m) => m.userId === t.world.users.ORG_HEAD)?.id ?? '';
        return res;
      },
    },
    { route: 'POST /api/analysis/campaigns/:id/members/:memberId/remove', as: 'ORG_CADRE_SECTION', run: (t, ids) => t.post('ORG_CADRE_SECTION', `/api/analysis/campaigns/${ids['analysis.campaign']}/members/${ids['analysis.member']}/remove`) },
    { route: 'POST /api/analysis/campaigns/:id/start', as: 'ORG_HEAD', run: (t, ids) => t.post('ORG_HEAD', `/api/analysis/campaigns/${ids['analysis.campaign']}/start`) },
    {
      route: 'POST /api/analysis/campaigns/:id/letters',
      as: 'ORG_CADRE_SECTION',
      run: async (t, ids) => {
        const res = await t.post('ORG_CADRE_SECTION', `/api/analysis/campaigns/${ids['analysis.campaign']}/letters`, { toOrgUnitId: t.world.units.orgDept.id, subject: '征求意见函', sentAt: '2026-10-01', dueAt: '2026-10-15' });
        ids['analysis.letter'] = res.json<{ id: string }>().id;
        const second = await t.post('ORG_CADRE_SECTION', `/api/analysis/campaigns/${ids['analysis.campaign']}/letters`, { toOrgUnitId: t.world.units.orgDept.id, subject: '第二封征求意见函', sentAt: '2026-10-01', dueAt: '2026-10-15' });
        ids['analysis.letter2'] = second.json<{ id: string }>().id;
        return res;
      },
    },
    { route: 'POST /api/analysis/letters/:id/reply', as: 'ORG_CADRE_SECTION', run: (t, ids) => t.post('ORG_CADRE_SECTION', `/api/analysis/letters/${ids['analysis.letter']}/reply`, { repliedAt: '2026-10-10', replyText: '无不同意见' }) },
    { route: 'POST /api/analysis/letters/:id/mark-overdue', as: 'ORG_CADRE_SECTION', run: (t, ids) => t.post('ORG_CADRE_SECTION', `/api/analysis/letters/${ids['analysis.letter2']}/mark-overdue`) },
    {
      route: 'POST /api/analysis/campaigns/:id/outlines',
      as: 'ORG_CADRE_SECTION',
      run: (t, ids) => t.post('ORG_CADRE_SECTION', `/api/analysis/campaigns/${ids['analysis.campaign']}/outlines`, { intervieweePersonId: ids['analysis.villageHead'], questions: ['班子情况如何？'] }),
    },
    {
      route: 'POST /api/analysis/campaigns/:id/talks',
      as: 'ORG_CADRE_SECTION',
      run: async (t, ids) => {
        const res = await t.post('ORG_CADRE_SECTION', `/api/analysis/campaigns/${ids['analysis.campaign']}/talks`, {
          mode: 'OUTLINE', intervieweePersonId: ids['analysis.villageHead'], level: 'L06', subjectCadreIds: [ids['analysis.leader']], interviewerPersonIds: [t.world.people.orgHeadPerson.id, t.world.people.clerk.id],
          heldAt: '2016-05-10', location: '分析村', notes: '谈话记录', keyFindings: ['团结'],
        });
        ids['analysis.talk'] = res.json<{ id: string }>().id;
        return res;
      },
    },
    { route: 'GET /api/analysis/talks/:id/notes', as: 'ORG_CADRE_SECTION', run: (t, ids) => t.get('ORG_CADRE_SECTION', `/api/analysis/talks/${ids['analysis.talk']}/notes`) },
    {
      route: 'POST /api/analysis/campaigns/:id/visits',
      as: 'ORG_CADRE_SECTION',
      run: (t, ids) => t.post('ORG_CADRE_SECTION', `/api/analysis/campaigns/${ids['analysis.campaign']}/visits`, { villageOrgUnitId: ids['analysis.village'], visitedAt: '2016-05-12', visitorPersonIds: [t.world.people.clerk.id], villageCadresMetCount: 1, villageCadreIds: [ids['analysis.villageHead']] }),
    },
    {
      route: 'POST /api/analysis/campaigns/:id/documents',
      as: 'ORG_CADRE_SECTION',
      run: (t, ids) => t.post('ORG_CADRE_SECTION', `/api/analysis/campaigns/${ids['analysis.campaign']}/documents`, { docType: 'PETITION', title: '信访件', periodFrom: '2013-01-01', periodTo: '2015-12-31', findings: '未发现问题', reviewedAt: '2016-05-20' }),
    },
    {
      route: 'POST /api/analysis/campaigns/:id/tips',
      as: 'ORG_CADRE_SECTION',
      run: async (t, ids) => {
        const res = await t.post('ORG_CADRE_SECTION', `/api/analysis/campaigns/${ids['analysis.campaign']}/tips`, { receivedAt: '2016-05-15', channel: 'PHONE', realName: false, content: '来电反映', routedTo: 'ORG_DEPT' });
        ids['analysis.tip'] = res.json<{ id: string }>().id;
        return res;
      },
    },
    { route: 'GET /api/analysis/tips/:id', as: 'ORG_CADRE_SECTION', run: (t, ids) => t.get('ORG_CADRE_SECTION', `/api/analysis/tips/${ids['analysis.tip']}`) },
    { route: 'POST /api/analysis/campaigns/:id/analyse', as: 'ORG_CADRE_SECTION', run: (t, ids) => t.post('ORG_CADRE_SECTION', `/api/analysis/campaigns/${ids['analysis.campaign']}/analyse`) },
    {
      route: 'POST /api/analysis/campaigns/:id/conclude',
      as: 'ORG_HEAD',
      run: async (t, ids) => {
        const campaign = await t.db.selectFrom('analysis_campaign').selectAll().where('id', '=', ids['analysis.campaign']!).executeTakeFirstOrThrow();
        for (const cadre of await listCampaignCadreIds(t.db, campaign)) {
          await t.db
            .insertInto('five_category_judgment')
            .values({ id: uuidv7(), cadre_person_id: cadre, campaign_id: campaign.id, category: 'RETAIN', destination_org_unit_id: null, rationale: '保留稳定', status: 'ENDORSED', created_by_user_id: null, proposed_by_user_id: null, proposed_at: null, endorsed_by_user_id: null, endorsed_at: NOW, meeting_date: null, meeting_ref: null, returned_note: null, superseded_by_id: null, superseded_at: null, org_path: campaign.org_path, created_at: NOW, updated_at: NOW })
            .execute();
        }
        return t.post('ORG_HEAD', `/api/analysis/campaigns/${ids['analysis.campaign']}/conclude`);
      },
    },
    { route: 'GET /api/analysis/campaigns/:id/statistics.xlsx', as: 'ORG_CADRE_SECTION', run: (t, ids) => t.get('ORG_CADRE_SECTION', `/api/analysis/campaigns/${ids['analysis.campaign']}/statistics.xlsx`) },
    { route: 'GET /api/analysis/campaigns/:id/report.docx', as: 'ORG_HEAD', run: (t, ids) => t.get('ORG_HEAD', `/api/analysis/campaigns/${ids['analysis.campaign']}/report.docx`) },
    { route: 'PUT /api/analysis/talk-levels/:code', as: 'ORG_CADRE_SECTION', run: (t) => t.put('ORG_CADRE_SECTION', '/api/analysis/talk-levels/L09', { nameZh: '党代表、人大代表、政协委员', nameEn: 'Deputies', active: true }) },
    {
      route: 'POST /api/analysis/evidence',
      as: 'ORG_CADRE_SECTION',
      run: (t, ids) => t.post('ORG_CADRE_SECTION', '/api/analysis/evidence', { cadrePersonId: ids['analysis.leader'], sourceType: 'TALK', date: '2016-05-10', summary: '谈话反映作风扎实', polarity: 'POSITIVE', classification: 'CONFIDENTIAL' }),
    },
    { route: 'GET /api/analysis/evidence', as: 'ORG_CADRE_SECTION', run: (t, ids) => t.get('ORG_CADRE_SECTION', `/api/analysis/evidence?cadreId=${ids['analysis.leader']}`) },
    { route: 'GET /api/analysis/evidence/export.xlsx', as: 'ORG_CADRE_SECTION', run: (t) => t.get('ORG_CADRE_SECTION', '/api/analysis/evidence/export.xlsx') },
    { route: 'GET /api/analysis/cadres/:id/profile', as: 'ORG_CADRE_SECTION', run: (t, ids) => t.get('ORG_CADRE_SECTION', `/api/analysis/cadres/${ids['analysis.leader']}/profile`) },
  ],
};
