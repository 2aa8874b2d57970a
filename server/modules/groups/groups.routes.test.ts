/**
 * Service-group routes on both dialects: scope (404 outside, 403 without the right), the [INF] level mapping, hashed
 * WeChat ids (never stored or logged raw), ledger events in the same transaction, live coverage and its .xlsx export.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverageReport, GroupDetail, GroupMember } from '../../../contracts/groups.ts';
import type { Page } from '../../../contracts/common.ts';
import { insertOrgUnit, insertPerson } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { TEST_DIALECTS } from '../../test/test-db.ts';
import { membersXlsx } from './groups.ledger-steps.ts';
import { memberKeyOf } from './groups.policy.ts';
import { insertGroup, insertMembership } from './groups.test-fixtures.ts';

describe.each(TEST_DIALECTS)('service groups on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  const events = (action: string) => t.db.selectFrom('ledger_event').select(['action', 'payload', 'object_id', 'org_path']).where('action', '=', action).execute();
  const createVillageGroup = (name: string) =>
    t.post('TOWN_ORG_MEMBER', '/api/groups', { level: 'VILLAGE', orgUnitId: t.world.units.huanghuaVillage.id, name, ownerPersonId: t.world.people.villageSecretary.id, adminPersonIds: [t.world.people.townOrgMember.id] });

  it('refuses anonymous callers (401) and roles without o2o.read (403)', async () => {
    expect((await t.get(null, '/api/groups')).statusCode).toBe(401);
    expect((await t.get('SYS_ADMIN', '/api/groups')).statusCode).toBe(403);
    expect((await t.get('SYS_ADMIN', '/api/groups/coverage')).statusCode).toBe(403);
  });

  it('creates a group tied to its unit with owner and admins, hashes the chat id and appends a ledger event', async () => {
    const res = await t.post('TOWN_ORG_MEMBER', '/api/groups', {
      level: 'VILLAGE', orgUnitId: t.world.units.huanghuaVillage.id, name: '黄花村便民服务群', wechatChatId: 'Chat_Room_0001', ownerPersonId: t.world.people.villageSecretary.id, adminPersonIds: [t.world.people.townOrgMember.id],
    });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json<GroupDetail>();
    expect(d.group).toMatchObject({ level: 'VILLAGE', orgUnitName: '黄花村', townName: '黄花镇', ownerName: '王五', status: 'ACTIVE', memberCount: 0 });
    expect(d.admins.map((a) => a.name)).toEqual(['李四']);
    expect(d.hasChatId).toBe(true);
    expect(d.can.manage).toBe(true);
    const row = await t.db.selectFrom('service_group').selectAll().where('id', '=', d.group.id).executeTakeFirstOrThrow();
    expect(row.wechat_chat_id_hash).toBe(t.cipher.blindIndex('wechat_chat', 'chat_room_0001'));
    expect(row.town_org_unit_id).toBe(t.world.units.huanghua.id);
    const ev = (await events('groups.group.created')).find((e) => e.object_id === d.group.id);
    expect(ev?.org_path).toBe(t.world.units.huanghuaVillage.path);
    expect(ev?.payload).not.toContain('Chat_Room_0001');
    // the same chat cannot be registered twice
    const again = await t.post('TOWN_ORG_MEMBER', '/api/groups', { level: 'VILLAGE', orgUnitId: t.world.units.huanghuaVillage.id, name: '重复登记', wechatChatId: 'chat_room_0001', ownerPersonId: t.world.people.villageSecretary.id });
    expect(again.statusCode).toBe(409);
  });

  it('checks the level against the configurable unit-type mapping, with a Chinese message naming the field', async () => {
    const res = await t.post('TOWN_ORG_MEMBER', '/api/groups', { level: 'TOWN', orgUnitId: t.world.units.huanghuaVillage.id, name: '错层级', ownerPersonId: t.world.people.villageSecretary.id });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ fields: { field: string; message: string }[] }>().fields[0]).toMatchObject({ field: 'orgUnitId' });
    expect(res.json<{ message: string }>().message).toContain('不能建立镇（街道）级群');
    // a town member may not change the mapping; the county grassroots section may
    expect((await t.put('TOWN_ORG_MEMBER', '/api/groups/levels/GROUP', { nameZh: '组级群', nameEn: 'group', unitTypes: ['VILLAGER_GROUP'] })).statusCode).toBe(403);
    const put = await t.put('ORG_GRASSROOTS_SECTION', '/api/groups/levels/GROUP', { nameZh: '村民小组群', nameEn: 'villager group', unitTypes: ['VILLAGER_GROUP'] });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json<{ unitTypes: string[]; inferred: boolean }>()).toMatchObject({ unitTypes: ['VILLAGER_GROUP'], inferred: true });
    const grid = await t.post('TOWN_ORG_MEMBER', '/api/groups', { level: 'GROUP', orgUnitId: t.world.units.huanghuaVillage.id, name: '第一网格群', ownerPersonId: t.world.people.villageSecretary.id });
    expect(grid.statusCode).toBe(400);
    expect(grid.json<{ message: string }>().message).toContain('村民小组');
    const restore = await t.put('ORG_GRASSROOTS_SECTION', '/api/groups/levels/GROUP', { nameZh: '村民小组（网格）群', nameEn: 'villager group / grid group', unitTypes: ['VILLAGER_GROUP', 'VILLAGE', 'COMMUNITY'] });
    expect(restore.statusCode).toBe(200);
    expect((await t.post('TOWN_ORG_MEMBER', '/api/groups', { level: 'GROUP', orgUnitId: t.world.units.huanghuaVillage.id, name: '第一网格群', ownerPersonId: t.world.people.villageSecretary.id })).statusCode).toBe(200);
    expect((await events('groups.level.changed')).length).toBe(2);
    const bad = await t.put('ORG_GRASSROOTS_SECTION', '/api/groups/levels/GROUP', { nameZh: '组级群', nameEn: 'group', unitTypes: ['HAMLET'] });
    expect(bad.statusCode).toBe(400);
  });

  it('answers 404 for units, groups and people outside the scope and 403 to a reader without o2o.groups', async () => {
    const outsideUnit = await t.post('TOWN_ORG_MEMBER', '/api/groups', { level: 'VILLAGE', orgUnitId: t.world.units.jiangbeiVillage.id, name: '江背村群', ownerPersonId: t.world.people.siblingVillager.id });
    expect(outsideUnit.statusCode).toBe(404);
    const outsideOwner = await t.post('TOWN_ORG_MEMBER', '/api/groups', { level: 'VILLAGE', orgUnitId: t.world.units.huanghuaVillage.id, name: '外镇群主', ownerPersonId: t.world.people.siblingVillager.id });
    expect(outsideOwner.statusCode).toBe(404);
    const jiangbeiGroup = await insertGroup(t.db, t.world.units.jiangbeiVillage, { level: 'VILLAGE', townId: t.world.units.jiangbei.id });
    for (const [method, url, body] of [
      ['GET', `/api/groups/${jiangbeiGroup}`, undefined],
      ['GET', `/api/groups/${jiangbeiGroup}/members`, undefined],
      ['POST', `/api/groups/${jiangbeiGroup}/archive`, {}],
      ['POST', `/api/groups/${jiangbeiGroup}/members`, { wechatId: 'wxid_outside', isPartyMember: false }],
    ] as const) {
      expect((await t.call('TOWN_ORG_MEMBER', method, url, body)).statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await t.get('TOWN_ORG_MEMBER', `/api/groups?orgUnitId=${t.world.units.jiangbei.id}`)).statusCode).toBe(404);
    const list = await t.get('TOWN_ORG_MEMBER', '/api/groups?pageSize=200');
    expect(list.json<Page<{ id: string }>>().items.map((g) => g.id)).not.toContain(jiangbeiGroup);
    // HANDLER reads groups of its town but manages none
    const handlerCreate = await createVillageGroupAs('HANDLER');
    expect(handlerCreate.statusCode).toBe(403);
    expect((await t.get('ORG_GRASSROOTS_SECTION', `/api/groups/${jiangbeiGroup}`)).statusCode).toBe(200);
  });
  const createVillageGroupAs = (role: 'HANDLER') => t.post(role, '/api/groups', { level: 'VILLAGE', orgUnitId: t.world.units.huanghuaVillage.id, name: '承办人建群', ownerPersonId: t.world.people.villageSecretary.id });

  it('adds members by WeChat id without ever storing or logging the id, masks them, refuses duplicates and removes', async () => {
    const g = (await createVillageGroup('成员测试群')).json<GroupDetail>().group.id;
    const villager = await insertPerson(t.db, t.cipher, { name: '欧阳春花', unit: t.world.units.huanghuaVillage });
    const add = await t.post('VILLAGE_SECRETARY', `/api/groups/${g}/members`, { wechatId: ' WXID_Secret_123 ', personId: villager.id, isPartyMember: true, joinedAt: '2026-10-01' });
    expect(add.statusCode, add.body).toBe(200);
    const member = add.json<GroupMember>();
    const key = memberKeyOf(t.cipher, 'wxid_secret_123');
    expect(member).toMatchObject({ keyPrefix: key.slice(0, 8), personNameMasked: '欧***', isPartyMember: true, joinedAt: '2026-10-01', leftAt: null });
    expect(JSON.stringify(member)).not.toContain('ecret');
    const stored = await t.db.selectFrom('group_membership').selectAll().where('group_id', '=', g).execute();
    expect(stored.map((m) => m.member_key)).toEqual([key]);
    const ledger = await t.db.selectFrom('ledger_event').select('payload').execute();
    expect(ledger.some((e) => e.payload.toLowerCase().includes('wxid_secret'))).toBe(false);
    expect((await events('groups.member.added')).some((e) => e.object_id === member.id)).toBe(true);

    expect((await t.post('VILLAGE_SECRETARY', `/api/groups/${g}/members`, { wechatId: 'wxid_secret_123', isPartyMember: false })).statusCode).toBe(409);
    const bad = await t.post('VILLAGE_SECRETARY', `/api/groups/${g}/members`, { wechatId: '张三的微信', isPartyMember: false });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ message: string }>().message).toContain('微信号');
    expect((await t.post('VILLAGE_SECRETARY', `/api/groups/${g}/members`, { wechatId: 'wxid_future', isPartyMember: false, joinedAt: '2030-01-01' })).statusCode).toBe(400);

    const page = (await t.get('HANDLER', `/api/groups/${g}/members`)).json<Page<GroupMember>>();
    expect(page.total).toBe(1);
    const removed = await t.post('VILLAGE_SECRETARY', `/api/groups/${g}/members/${member.id}/remove`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json<GroupMember>().leftAt).toBe('2026-11-26');
    expect((await t.post('VILLAGE_SECRETARY', `/api/groups/${g}/members/${member.id}/remove`)).statusCode).toBe(409);
    expect((await t.get('HANDLER', `/api/groups/${g}/members`)).json<Page<GroupMember>>().total).toBe(0);
    expect((await t.get('HANDLER', `/api/groups/${g}/members?includeLeft=true`)).json<Page<GroupMember>>().total).toBe(1);
    // the same id may join again after leaving
    expect((await t.post('VILLAGE_SECRETARY', `/api/groups/${g}/members`, { wechatId: 'wxid_secret_123', isPartyMember: true })).statusCode).toBe(200);
  });

  it('imports members from .xlsx all-or-nothing and archives a group (then refuses changes)', async () => {
    const g = (await createVillageGroup('导入测试群')).json<GroupDetail>().group.id;
    const bad = await membersXlsx([['wxid_import_01', '是', '2026-11-01'], ['坏', '也许', '2026-13-01']]);
    const rejected = await t.call('O2O_DISPATCHER', 'POST', `/api/groups/${g}/members/import`, bad.payload, bad.headers);
    expect(rejected.statusCode, rejected.body).toBe(200);
    const r1 = rejected.json<{ added: number; errors: { row: number; message: string }[] }>();
    expect(r1.added).toBe(0);
    expect(r1.errors.map((e) => e.row)).toEqual([3, 3, 3]);
    expect(r1.errors[0]!.message).toContain('微信号');
    const good = await membersXlsx([['wxid_import_01', '是', '2026-11-01'], ['wxid_import_02', '否', null], ['WXID_IMPORT_01', '是', null]]);
    const ok = await t.call('O2O_DISPATCHER', 'POST', `/api/groups/${g}/members/import`, good.payload, good.headers);
    expect(ok.json()).toMatchObject({ added: 2, alreadyMembers: 1, errors: [] });
    const detail = (await t.get('O2O_DISPATCHER', `/api/groups/${g}`)).json<GroupDetail>();
    expect(detail.group).toMatchObject({ memberCount: 2, partyMemberCount: 1 });
    expect((await events('groups.members.imported')).length).toBe(1);

    const archived = await t.post('TOWN_ORG_MEMBER', `/api/groups/${g}/archive`);
    expect(archived.statusCode).toBe(200);
    expect(archived.json<GroupDetail>()).toMatchObject({ group: { status: 'ARCHIVED' }, can: { manage: false } });
    expect((await t.post('TOWN_ORG_MEMBER', `/api/groups/${g}/archive`)).statusCode).toBe(409);
    expect((await t.post('TOWN_ORG_MEMBER', `/api/groups/${g}/members`, { wechatId: 'wxid_late', isPartyMember: false })).statusCode).toBe(409);
    expect((await events('groups.group.archived')).some((e) => e.object_id === g)).toBe(true);
  });

  it('reports coverage live: distinct keys across ACTIVE groups, Party members, by level and town, within the scope', async () => {
    // a fresh town so the figures are this test's own
    const town = await insertOrgUnit(t.db, { name: '=1+1镇', type: 'TOWN', parent: t.world.units.county });
    const v1 = await insertOrgUnit(t.db, { name: '甲村', type: 'VILLAGE', parent: town });
    const v2 = await insertOrgUnit(t.db, { name: '乙社区', type: 'COMMUNITY', parent: town });
    const tg = await insertGroup(t.db, town, { level: 'TOWN', townId: town.id });
    const g1 = await insertGroup(t.db, v1, { level: 'VILLAGE', townId: town.id });
    const g2 = await insertGroup(t.db, v2, { level: 'GROUP', townId: town.id });
    const old = await insertGroup(t.db, v2, { level: 'VILLAGE', townId: town.id, status: 'ARCHIVED' });
    await insertMembership(t.db, t.cipher, tg, 'wxid_cov_a', { party: true });
    await insertMembership(t.db, t.cipher, g1, 'wxid_cov_a', { party: true });
    await insertMembership(t.db, t.cipher, g1, 'wxid_cov_b');
    await insertMembership(t.db, t.cipher, g2, 'wxid_cov_b');
    await insertMembership(t.db, t.cipher, g2, 'wxid_cov_c', { party: true });
    await insertMembership(t.db, t.cipher, g2, 'wxid_cov_gone', { leftAt: '2026-06-01' }); // left: not counted
    await insertMembership(t.db, t.cipher, old, 'wxid_cov_old', { party: true }); // archived only: not counted

    const res = await t.get('ORG_GRASSROOTS_SECTION', `/api/groups/coverage?orgUnitId=${town.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<CoverageReport>();
    expect(r).toMatchObject({ groups: 3, archivedGroups: 1, members: 3, partyMembers: 2, memberships: 5 });
    expect(r.byLevel.map((l) => [l.level, l.groups, l.members, l.partyMembers])).toEqual([['COUNTY', 0, 0, 0], ['TOWN', 1, 1, 1], ['VILLAGE', 1, 2, 1], ['GROUP', 1, 2, 1]]);
    expect(r.byTown).toEqual([{ townId: town.id, townName: '=1+1镇', groups: 3, groupsByLevel: { COUNTY: 0, TOWN: 1, VILLAGE: 1, GROUP: 1 }, members: 3, partyMembers: 2 }]);
    expect(r.levels.every((l) => l.inferred)).toBe(true);

    // a town role sees its own town only; a village secretary only its village
    const townView = (await t.get('TOWN_SECRETARY', '/api/groups/coverage')).json<CoverageReport>();
    expect(townView.byTown.map((x) => x.townName)).toEqual(['黄花镇']);
    expect((await t.get('TOWN_SECRETARY', `/api/groups/coverage?orgUnitId=${town.id}`)).statusCode).toBe(404);
    const county = (await t.get('ORG_GRASSROOTS_SECTION', '/api/groups/coverage')).json<CoverageReport>();
    expect(county.members).toBeGreaterThanOrEqual(3 + townView.members);

    // the export is formula-escaped and a ledger event
    const before = (await events('groups.coverage.exported')).length;
    const xlsx = await t.get('ORG_GRASSROOTS_SECTION', `/api/groups/coverage/export?orgUnitId=${town.id}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toContain('群成员（去重）');
    expect(ws.getRow(2).getCell(1).value).toBe("'=1+1镇");
    expect(ws.getRow(3).getCell(1).value).toBe('合计（成员全范围去重）');
    expect(ws.getRow(3).getCell(7).value).toBe(3);
    expect((await events('groups.coverage.exported')).length).toBe(before + 1);
  });
});
