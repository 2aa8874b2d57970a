import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedgerChain } from '../../platform/ledger/index.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { TEST_DIALECTS } from '../../test/test-db.ts';
import { addScopedUser, insertPartyOrg, lastLedgerSeq, ledgerEventsAfter, type Caller, type PartyOrgRef } from './org-test-helpers.ts';

const names = (res: { json: () => { items: { name: string }[] } }) => res.json().items.map((u) => u.name);

describe.each(TEST_DIALECTS)('party organisations on %s', (dialect) => {
  let t: TestApp;
  let u: TestApp['world']['units'];
  let p: TestApp['world']['people'];
  let hhWriter: Caller;
  let county: PartyOrgRef;
  let hh: PartyOrgRef;
  let hhVillage: PartyOrgRef;
  let xt: PartyOrgRef;
  let jb: PartyOrgRef;
  let jbVillage: PartyOrgRef;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    u = t.world.units;
    p = t.world.people;
    county = await insertPartyOrg(t.db, { name: '中共长沙县委员会', type: 'PARTY_COMMITTEE', parent: null, unit: u.county, foundedAt: '1950-01-01' });
    hh = await insertPartyOrg(t.db, { name: '中共黄花镇委员会', type: 'PARTY_COMMITTEE', parent: county, unit: u.huanghua });
    hhVillage = await insertPartyOrg(t.db, { name: '黄花村党总支', type: 'GENERAL_BRANCH', parent: hh, unit: u.huanghuaVillage, secretaryPersonId: p.villageSecretary.id });
    xt = await insertPartyOrg(t.db, { name: '新塘村党支部', type: 'BRANCH', parent: hh, unit: u.xintang });
    await insertPartyOrg(t.db, { name: '老屋村党支部', type: 'BRANCH', parent: hh, unit: u.huanghua, dissolvedAt: '2015-01-01' });
    jb = await insertPartyOrg(t.db, { name: '中共江背镇委员会', type: 'PARTY_COMMITTEE', parent: county, unit: u.jiangbei });
    jbVillage = await insertPartyOrg(t.db, { name: '江背村党支部', type: 'BRANCH', parent: jb, unit: u.jiangbeiVillage });
    await t.db.updateTable('person').set({ party_org_id: hhVillage.id }).where('id', 'in', [p.villageSecretary.id, p.villager.id]).execute();
    hhWriter = await addScopedUser(t, 'hh-grassroots', 'ORG_GRASSROOTS_SECTION', u.huanghua);
    for (const role of ['ORG_HEAD', 'TOWN_SECRETARY', 'SYS_ADMIN'] as const) await t.as(role);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function eventsOf(fn: () => Promise<unknown>) {
    const before = await lastLedgerSeq(t.db);
    await fn();
    return ledgerEventsAfter(t.db, before);
  }

  it('answers 401 without a session and 403 to roles without the permission', async () => {
    const unauth = await Promise.all([
      t.get(null, '/api/party-orgs'),
      t.get(null, `/api/party-orgs/${xt.id}`),
      t.post(null, '/api/party-orgs', { name: '甲支部', type: 'BRANCH', parentId: hh.id, hostKind: 'ORG_UNIT', orgUnitId: u.xintang.id, foundedAt: '2020-01-01' }),
      t.patch(null, `/api/party-orgs/${xt.id}`, { name: '乙支部' }),
      t.post(null, `/api/party-orgs/${xt.id}/move`, { parentId: hhVillage.id }),
    ]);
    expect(unauth.map((r) => r.statusCode)).toEqual([401, 401, 401, 401, 401]);
    const refused = await Promise.all([
      t.get('CADRE_SELF', '/api/party-orgs'),
      t.post('COUNTY_SECRETARY', '/api/party-orgs', { name: '甲支部', type: 'BRANCH', parentId: hh.id, hostKind: 'ORG_UNIT', orgUnitId: u.xintang.id, foundedAt: '2020-01-01' }),
      t.patch('TOWN_SECRETARY', `/api/party-orgs/${xt.id}`, { name: '乙支部' }),
      t.post('AUDITOR', `/api/party-orgs/${xt.id}/move`, { parentId: hhVillage.id }),
    ]);
    expect(refused.map((r) => r.statusCode)).toEqual([403, 403, 403, 403]);
  });

  it('lists the top-most Party organisations in scope, then children as of a date', async () => {
    expect(names(await t.get('ORG_HEAD', '/api/party-orgs'))).toEqual(['中共长沙县委员会']);
    const town = (await t.get('TOWN_SECRETARY', '/api/party-orgs')).json().items;
    expect(town).toMatchObject([{ id: hh.id, name: '中共黄花镇委员会', type: 'PARTY_COMMITTEE', orgUnitId: u.huanghua.id, orgUnitName: '黄花镇', childCount: 2, ancestors: [{ name: '中共长沙县委员会' }] }]);

    const children = (query: string) => t.get('TOWN_SECRETARY', `/api/party-orgs?parentId=${hh.id}${query}`);
    expect(names(await children(''))).toEqual(['黄花村党总支', '新塘村党支部']);
    expect(names(await children('&includeClosed=true'))).toEqual(['黄花村党总支', '老屋村党支部', '新塘村党支部']);
    expect(names(await children('&asOf=2014-12-31'))).toEqual(['黄花村党总支', '老屋村党支部', '新塘村党支部']);
    expect(names(await children('&asOf=2015-01-01'))).toEqual(['黄花村党总支', '新塘村党支部']);
    expect((await t.get('TOWN_SECRETARY', `/api/party-orgs/${hh.id}?asOf=2014-12-31`)).json().childCount).toBe(3);
  });

  it('shows member count and unit name; the secretary name only to readers of people', async () => {
    const asHead = (await t.get('ORG_HEAD', `/api/party-orgs/${hhVillage.id}`)).json();
    expect(asHead).toMatchObject({
      name: '黄花村党总支',
      type: 'GENERAL_BRANCH',
      hostKind: 'ORG_UNIT',
      orgUnitName: '黄花村',
      memberCount: 2,
      secretaryPersonId: p.villageSecretary.id,
      secretaryName: '王五',
      foundedAt: '2000-01-01',
      dissolvedAt: null,
      ancestors: [{ name: '中共长沙县委员会' }, { name: '中共黄花镇委员会' }],
    });
    // SYS_ADMIN sees the structure but no personal data (SPEC §4)
    expect((await t.get('SYS_ADMIN', `/api/party-orgs/${hhVillage.id}`)).json()).toMatchObject({ secretaryPersonId: p.villageSecretary.id, secretaryName: null });
  });

  it('searches by name, pinyin and initials within scope; 404 outside it', async () => {
    expect(names(await t.get('ORG_HEAD', '/api/party-orgs?q=hhc'))).toEqual(['黄花村党总支']);
    expect(names(await t.get('ORG_HEAD', '/api/party-orgs?q=xintang'))).toEqual(['新塘村党支部']);
    expect(names(await t.get('ORG_HEAD', `/api/party-orgs?q=${encodeURIComponent('黄花')}`))).toEqual(['中共黄花镇委员会', '黄花村党总支']);
    expect(names(await t.get('ORG_HEAD', '/api/party-orgs?q=jb'))).toEqual(['江背村党支部']);
    expect(names(await t.get('TOWN_SECRETARY', '/api/party-orgs?q=jb'))).toEqual([]);
    expect(names(await t.get('TOWN_SECRETARY', `/api/party-orgs?q=${encodeURIComponent('江背')}`))).toEqual([]);
    expect(names(await t.get('TOWN_SECRETARY', `/api/party-orgs?q=${encodeURIComponent('长沙')}`))).toEqual([]);
    for (const id of [jb.id, jbVillage.id, county.id]) expect((await t.get('TOWN_SECRETARY', `/api/party-orgs/${id}`)).statusCode).toBe(404);
    expect((await t.get('TOWN_SECRETARY', `/api/party-orgs?parentId=${jb.id}`)).statusCode).toBe(404);
    const bad = await t.get('TOWN_SECRETARY', '/api/party-orgs?asOf=2016-02-30');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('查询日期');
  });

  it('refuses writes outside the writer scope with 404 and writes nothing', async () => {
    const events = await eventsOf(async () => {
      const res = await Promise.all([
        hhWriter('GET', `/api/party-orgs/${jbVillage.id}`),
        hhWriter('POST', '/api/party-orgs', { name: '甲支部', type: 'BRANCH', parentId: jb.id, hostKind: 'ORG_UNIT', orgUnitId: u.huanghuaVillage.id, foundedAt: '2020-01-01' }),
        hhWriter('POST', '/api/party-orgs', { name: '甲支部', type: 'BRANCH', parentId: hhVillage.id, hostKind: 'ORG_UNIT', orgUnitId: u.jiangbeiVillage.id, foundedAt: '2020-01-01' }),
        hhWriter('PATCH', `/api/party-orgs/${jbVillage.id}`, { name: '改名支部' }),
        hhWriter('POST', `/api/party-orgs/${jbVillage.id}/move`, { parentId: hh.id }),
        hhWriter('POST', `/api/party-orgs/${xt.id}/move`, { parentId: jb.id }),
      ]);
      expect(res.map((r) => r.statusCode)).toEqual([404, 404, 404, 404, 404, 404]);
      const outsider = await hhWriter('PATCH', `/api/party-orgs/${xt.id}`, { secretaryPersonId: p.siblingTownPerson.id });
      expect(outsider.statusCode).toBe(400);
      expect(outsider.json()).toMatchObject({ fields: [{ field: 'secretaryPersonId' }] });
      expect(outsider.json().message).toContain('书记');
    });
    expect(events).toEqual([]);
  });

  it('creates a branch under the general branch (one event) and refuses bad input naming the field', async () => {
    let body: { id: string } | undefined;
    const events = await eventsOf(async () => {
      const res = await t.post('ORG_HEAD', '/api/party-orgs', { name: '黄花村第一党支部', type: 'BRANCH', parentId: hhVillage.id, hostKind: 'ORG_UNIT', orgUnitId: u.huanghuaVillage.id, foundedAt: '2020-07-01' });
      expect(res.statusCode).toBe(200);
      body = res.json();
      expect(res.json()).toMatchObject({ parentId: hhVillage.id, orgUnitName: '黄花村', memberCount: 0, childCount: 0, secretaryName: null, ancestors: [{ name: '中共长沙县委员会' }, { name: '中共黄花镇委员会' }, { name: '黄花村党总支' }] });
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'party_org.created', object_type: 'party_org', object_id: body!.id, org_path: u.huanghuaVillage.path });
    const row = await t.db.selectFrom('party_org').select(['path', 'org_path', 'host_id']).where('id', '=', body!.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ path: `${hhVillage.path}${body!.id}/`, org_path: u.huanghuaVillage.path, host_id: u.huanghuaVillage.id });
    expect((await t.get('TOWN_SECRETARY', `/api/party-orgs/${hhVillage.id}`)).json().childCount).toBe(1);

    const underBranch = await t.post('ORG_HEAD', '/api/party-orgs', { name: '甲小组', type: 'BRANCH', parentId: xt.id, hostKind: 'ORG_UNIT', orgUnitId: u.xintang.id, foundedAt: '2020-07-01' });
    expect(underBranch.statusCode).toBe(400);
    expect(underBranch.json()).toMatchObject({ fields: [{ field: 'type' }] });
    expect(underBranch.json().message).toContain('党支部');
    const noName = await t.post('ORG_HEAD', '/api/party-orgs', { name: '', type: 'BRANCH', parentId: hh.id, hostKind: 'ORG_UNIT', orgUnitId: u.xintang.id, foundedAt: '2020-07-01' });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().message).toContain('名称');
    const badDate = await t.post('ORG_HEAD', '/api/party-orgs', { name: '甲支部', type: 'BRANCH', parentId: hh.id, hostKind: 'ORG_UNIT', orgUnitId: u.xintang.id, foundedAt: '2020-02-30' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().message).toContain('成立日期');
  });

  it('renames and sets the secretary (one event, ids only); refuses a blank name', async () => {
    const events = await eventsOf(async () => {
      const res = await t.patch('ORG_HEAD', `/api/party-orgs/${xt.id}`, { name: '新塘党支部', secretaryPersonId: p.villager.id });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ name: '新塘党支部', secretaryPersonId: p.villager.id, secretaryName: '钱七' });
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.action).toBe('party_org.updated');
    expect(JSON.parse(events[0]!.payload)).toEqual({ changed: { name: { from: '新塘村党支部', to: '新塘党支部' }, secretaryPersonId: { from: null, to: p.villager.id } } });
    expect(events[0]!.payload).not.toContain('钱七');
    expect(names(await t.get('TOWN_SECRETARY', '/api/party-orgs?q=xtdzb'))).toEqual(['新塘党支部']);
    const blank = await t.patch('ORG_HEAD', `/api/party-orgs/${xt.id}`, { name: ' ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().message).toContain('名称');
  });

  it('moves within the Party tree: subtree paths follow, cycles and the root are refused', async () => {
    const cycle = await t.post('ORG_HEAD', `/api/party-orgs/${hh.id}/move`, { parentId: xt.id });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json()).toMatchObject({ fields: [{ field: 'parentId' }] });
    expect(cycle.json().message).toContain('下级党组织');
    const root = await t.post('ORG_HEAD', `/api/party-orgs/${county.id}/move`, { parentId: hh.id });
    expect(root.statusCode).toBe(400);
    expect(root.json().message).toContain('最上级');

    const events = await eventsOf(async () => {
      const res = await t.post('ORG_HEAD', `/api/party-orgs/${hhVillage.id}/move`, { parentId: county.id });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ parentId: county.id, ancestors: [{ name: '中共长沙县委员会' }] });
    });
    expect(events.map((e) => [e.action, e.object_id])).toEqual([['party_org.moved', hhVillage.id]]);
    expect(JSON.parse(events[0]!.payload)).toEqual({ fromParentId: hh.id, toParentId: county.id, subtree: 2 });
    const child = await t.db.selectFrom('party_org').select(['path', 'depth']).where('name', '=', '黄花村第一党支部').executeTakeFirstOrThrow();
    expect(child.path.startsWith(`${county.path}${hhVillage.id}/`)).toBe(true);
    expect(Number(child.depth)).toBe(2);
    // its org unit is still in 黄花镇, so it is now a second top-most Party organisation of the town's scope
    expect(names(await t.get('TOWN_SECRETARY', '/api/party-orgs'))).toEqual(['黄花村党总支', '中共黄花镇委员会']);
  });

  it('dissolves a branch (gone from today on, still there as of the day before) but not one with active children', async () => {
    const busy = await t.patch('ORG_HEAD', `/api/party-orgs/${hhVillage.id}`, { dissolvedAt: '2026-11-01' });
    expect(busy.statusCode).toBe(400);
    expect(busy.json()).toMatchObject({ fields: [{ field: 'dissolvedAt' }] });
    expect(busy.json().message).toContain('撤销日期');

    expect((await t.patch('ORG_HEAD', `/api/party-orgs/${xt.id}`, { dissolvedAt: '2026-11-01' })).statusCode).toBe(200);
    expect(names(await t.get('TOWN_SECRETARY', `/api/party-orgs?parentId=${hh.id}`))).toEqual([]);
    expect(names(await t.get('TOWN_SECRETARY', `/api/party-orgs?parentId=${hh.id}&asOf=2026-10-31`))).toEqual(['新塘党支部']);
    expect(await verifyLedgerChain(t.db)).toMatchObject({ ok: true });
  });
});
