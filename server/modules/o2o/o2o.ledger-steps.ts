/**
 * Ledger coverage of M2 and the calendar (server/test/ledger-steps.ts): every state-changing route and every
 * confidential read (matter detail, requester reveal, export) appends at least one ledger event.
 */
import ExcelJS from 'exceljs';
import type { ModuleLedgerSteps } from '../../test/ledger-steps.ts';
import type { TestApp } from '../../test/test-app.ts';
import { submitMatter } from './o2o.service.ts';

const matter = (ids: Record<string, string>) => `/api/o2o/matters/${ids['o2o.matter']}`;
const tr = (t: TestApp, role: Parameters<TestApp['post']>[0], ids: Record<string, string>, body: Record<string, unknown>) => t.post(role, `${matter(ids)}/transitions`, body);

async function calendarXlsx(): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('节假日');
  ws.addRow(['日期', '类型', '名称']);
  ws.addRow(['2030-01-01', '放假', '元旦']);
  const content = Buffer.from(await wb.xlsx.writeBuffer());
  const boundary = '----bw-o2o-ledger';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="2030.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  return { payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const o2oLedgerSteps: ModuleLedgerSteps = {
  module: 'o2o',
  setup: async (t, ids) => {
    const m = await submitMatter(t.deps, { channel: 'WECHAT_GROUP', category: 'HELP', description: '台账测试：村道路灯不亮', locationOrgUnitId: t.world.units.huanghuaVillage.id, anonymous: false, requesterName: '台账', requesterPhone: '13900009999', by: { kind: 'citizen' } });
    ids['o2o.matter'] = m.id;
    // a routed report without its petition (as routed before the automatic hand-over): taken in by hand below
    const r = await submitMatter(t.deps, { channel: 'H5_FORM', category: 'REPORT', namesCadre: true, description: '台账测试：反映村干部优亲厚友', locationOrgUnitId: t.world.units.huanghuaVillage.id, anonymous: true, by: { kind: 'citizen' } });
    await t.db.updateTable('citizen_matter').set({ petition_id: null }).where('id', '=', r.id).execute();
    ids['o2o.routed'] = r.id;
  },
  steps: [
    { route: 'GET /api/o2o/routed/export.xlsx', as: 'DISCIPLINE_COMMISSION', run: (t) => t.get('DISCIPLINE_COMMISSION', '/api/o2o/routed/export.xlsx') },
    { route: 'PUT /api/calendar/days/:date', as: 'SYS_ADMIN', run: (t) => t.put('SYS_ADMIN', '/api/calendar/days/2030-02-09', { kind: 'MAKEUP_WORKDAY', name: '春节' }) },
    { route: 'DELETE /api/calendar/days/:date', as: 'SYS_ADMIN', run: (t) => t.call('SYS_ADMIN', 'DELETE', '/api/calendar/days/2030-02-09') },
    { route: 'PUT /api/calendar/years/:year', as: 'SYS_ADMIN', run: (t) => t.put('SYS_ADMIN', '/api/calendar/years/2030', { status: 'UNCONFIRMED', source: '待发布' }) },
    {
      route: 'POST /api/calendar/import',
      as: 'SYS_ADMIN',
      run: async (t) => {
        const m = await calendarXlsx();
        return t.call('SYS_ADMIN', 'POST', '/api/calendar/import', m.payload, m.headers);
      },
    },
    { route: 'PUT /api/o2o/sla-rules/:id', as: 'SYS_ADMIN', run: (t) => t.put('SYS_ADMIN', '/api/o2o/sla-rules/sla-URGENT-ANY', { respondHours: 2, handleWorkingDays: 0, extensionWorkingDays: 1 }) },
    { route: 'PUT /api/o2o/templates/:id', as: 'SYS_ADMIN', run: (t) => t.put('SYS_ADMIN', '/api/o2o/templates/new', { status: 'CLOSED', category: 'HELP', title: '帮扶办结', body: '您的求助已办结。', active: true }) },
    {
      route: 'POST /api/open311/clients',
      as: 'SYS_ADMIN',
      run: async (t, ids) => {
        const res = await t.post('SYS_ADMIN', '/api/open311/clients', { name: '12345 热线' });
        ids['o2o.client'] = res.json<{ client: { id: string } }>().client.id;
        ids['o2o.apiKey'] = res.json<{ apiKey: string }>().apiKey;
        return res;
      },
    },
    { route: 'POST /api/open311/clients/:id/revoke', as: 'SYS_ADMIN', run: (t, ids) => t.post('SYS_ADMIN', `/api/open311/clients/${ids['o2o.client']}/revoke`) },
    { route: 'POST /api/o2o/matters', as: 'VILLAGE_CADRE', run: (t) => t.post('VILLAGE_CADRE', '/api/o2o/matters', { channel: 'OFFLINE_VISIT', category: 'CONSULT', description: '咨询新农合报销比例', locationOrgUnitId: t.world.units.huanghuaVillage.id }) },
    { route: 'POST /api/public/o2o/matters', as: 'VILLAGE_CADRE', run: (t) => t.post(null, '/api/public/o2o/matters', { category: 'SUGGESTION', description: '建议村里增设垃圾分类点', locationOrgUnitId: t.world.units.huanghuaVillage.id, anonymous: true }) },
    { route: 'POST /api/o2o/routed/:id/petition', as: 'DISCIPLINE_COMMISSION', run: (t, ids) => t.post('DISCIPLINE_COMMISSION', `/api/o2o/routed/${ids['o2o.routed']}/petition`) },
    { route: 'GET /api/o2o/routed/:id', as: 'DISCIPLINE_COMMISSION', run: (t, ids) => t.get('DISCIPLINE_COMMISSION', `/api/o2o/routed/${ids['o2o.routed']}`) },
    { route: 'GET /api/o2o/matters/:id', as: 'VILLAGE_CADRE', run: (t, ids) => t.get('VILLAGE_CADRE', matter(ids)) },
    { route: 'POST /api/o2o/matters/:id/requester', as: 'VILLAGE_CADRE', run: (t, ids) => t.post('VILLAGE_CADRE', `${matter(ids)}/requester`) },
    { route: 'POST /api/o2o/matters/:id/transitions', as: 'VILLAGE_CADRE', run: (t, ids) => tr(t, 'VILLAGE_CADRE', ids, { action: 'accept' }) },
    {
      route: 'POST /api/o2o/matters/bulk',
      as: 'O2O_DISPATCHER',
      run: (t, ids) => t.post('O2O_DISPATCHER', '/api/o2o/matters/bulk', { ids: [ids['o2o.matter']], transition: { action: 'dispatch', targetOrgUnitId: t.world.units.huanghua.id } }),
    },
    {
      route: 'POST /api/public/o2o/rate',
      as: 'HANDLER',
      run: async (t, ids) => {
        for (const body of [{ action: 'sign' }, { action: 'start' }, { action: 'reply', text: '已修复路灯' }]) await tr(t, 'HANDLER', ids, body);
        const m = await submitMatter(t.deps, { channel: 'H5_FORM', category: 'CONSULT', description: '台账测试：咨询办事时间', locationOrgUnitId: t.world.units.huanghuaVillage.id, anonymous: true, by: { kind: 'citizen' } });
        await t.post('VILLAGE_CADRE', `/api/o2o/matters/${m.id}/transitions`, { action: 'accept' });
        await t.post('VILLAGE_CADRE', `/api/o2o/matters/${m.id}/transitions`, { action: 'answer', text: '工作日 8:30-17:30' });
        return t.post(null, '/api/public/o2o/rate', { code: m.code, checkCode: m.checkCode, satisfaction: 'SATISFIED' });
      },
    },
    {
      route: 'POST /open311/v2/requests.:format',
      as: 'SYS_ADMIN',
      run: async (t) => {
        const created = await t.post('SYS_ADMIN', '/api/open311/clients', { name: '第二个客户端' });
        const key = created.json<{ apiKey: string }>().apiKey;
        return t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ api_key: key, service_code: 'HELP', address_id: t.world.units.huanghuaVillage.id, description: '台账测试：水井损坏' }).toString() });
      },
    },
    {
      route: 'GET /api/o2o/export',
      as: 'O2O_DISPATCHER',
      run: async (t) => {
        await t.login('O2O_DISPATCHER');
        return t.get('O2O_DISPATCHER', '/api/o2o/export');
      },
    },
  ],
  exempt: [{ route: 'POST /api/public/o2o/track', why: 'a read by code and check code, sent as POST so neither appears in a URL; changes nothing' }],
};
