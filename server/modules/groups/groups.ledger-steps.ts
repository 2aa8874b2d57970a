/**
 * Ledger coverage of the service groups (server/test/ledger-steps.ts): every state-changing route and the coverage
 * export append at least one ledger event.
 */
import ExcelJS from 'exceljs';
import { TEST_PASSWORD, insertUser } from '../../test/factories.ts';
import type { ModuleLedgerSteps } from '../../test/ledger-steps.ts';
import { TEST_ORIGIN, type TestApp } from '../../test/test-app.ts';

let countyCookie = '';
/** The shared world's grassroots account changes its password in the core steps: use our own county manager. */
async function asCounty(t: TestApp): Promise<string> {
  if (countyCookie) return countyCookie;
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: TEST_ORIGIN }, payload: { username: 'groups.grassroots', password: TEST_PASSWORD } });
  countyCookie = `bw_sid=${res.cookies.find((c) => c.name === 'bw_sid')!.value}`;
  return countyCookie;
}

export async function membersXlsx(rows: (string | null)[][]): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('成员');
  ws.addRow(['微信号', '是否党员', '入群日期']);
  for (const r of rows) ws.addRow(r);
  const content = Buffer.from(await wb.xlsx.writeBuffer());
  const boundary = '----bw-groups-import';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="members.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  return { payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const group = (ids: Record<string, string>) => `/api/groups/${ids['groups.group']}`;

export const groupsLedgerSteps: ModuleLedgerSteps = {
  module: 'groups',
  setup: async (t) => {
    countyCookie = '';
    await insertUser(t.db, { username: 'groups.grassroots', grants: [{ role: 'ORG_GRASSROOTS_SECTION', unit: t.world.units.county }] });
  },
  steps: [
    { route: 'GET /api/groups/export.xlsx', as: 'TOWN_SECRETARY', run: (t) => t.get('TOWN_SECRETARY', '/api/groups/export.xlsx') },
    {
      route: 'PUT /api/groups/levels/:level',
      as: 'ORG_GRASSROOTS_SECTION',
      run: async (t) =>
        t.app.inject({ method: 'PUT', url: '/api/groups/levels/GROUP', headers: { origin: TEST_ORIGIN, cookie: await asCounty(t) }, payload: { nameZh: '村民小组（网格）群', nameEn: 'villager group / grid group', unitTypes: ['VILLAGER_GROUP', 'VILLAGE', 'COMMUNITY'] } }),
    },
    {
      route: 'POST /api/groups',
      as: 'TOWN_ORG_MEMBER',
      run: async (t, ids) => {
        const res = await t.post('TOWN_ORG_MEMBER', '/api/groups', { level: 'VILLAGE', orgUnitId: t.world.units.huanghuaVillage.id, name: '黄花村便民服务群', ownerPersonId: t.world.people.villageSecretary.id, adminPersonIds: [t.world.people.townOrgMember.id] });
        ids['groups.group'] = res.json<{ group: { id: string } }>().group.id;
        return res;
      },
    },
    { route: 'PUT /api/groups/:id/staff', as: 'TOWN_ORG_MEMBER', run: (t, ids) => t.put('TOWN_ORG_MEMBER', `${group(ids)}/staff`, { ownerPersonId: t.world.people.villageSecretary.id, adminPersonIds: [] }) },
    {
      route: 'POST /api/groups/:id/members',
      as: 'VILLAGE_SECRETARY',
      run: async (t, ids) => {
        const res = await t.post('VILLAGE_SECRETARY', `${group(ids)}/members`, { wechatId: 'wxid_ledger_0001', isPartyMember: true });
        ids['groups.member'] = res.json<{ id: string }>().id;
        return res;
      },
    },
    { route: 'POST /api/groups/:id/members/:memberId/remove', as: 'VILLAGE_SECRETARY', run: (t, ids) => t.post('VILLAGE_SECRETARY', `${group(ids)}/members/${ids['groups.member']}/remove`) },
    {
      route: 'POST /api/groups/:id/members/import',
      as: 'O2O_DISPATCHER',
      run: async (t, ids) => {
        const m = await membersXlsx([['wxid_ledger_0002', '是', '2026-11-01'], ['wxid_ledger_0003', '否', null]]);
        return t.call('O2O_DISPATCHER', 'POST', `${group(ids)}/members/import`, m.payload, m.headers);
      },
    },
    { route: 'GET /api/groups/coverage/export', as: 'TOWN_SECRETARY', run: (t) => t.get('TOWN_SECRETARY', '/api/groups/coverage/export') },
    { route: 'POST /api/groups/:id/archive', as: 'TOWN_ORG_MEMBER', run: (t, ids) => t.post('TOWN_ORG_MEMBER', `${group(ids)}/archive`) },
  ],
};
