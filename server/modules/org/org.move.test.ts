import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedgerChain } from '../../platform/ledger/index.ts';
import { insertOrgUnit, insertPerson, type UnitRef } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { TEST_DIALECTS } from '../../test/test-db.ts';
import { addScopedUser, insertPartyOrg, lastLedgerSeq, ledgerEventsAfter, type PartyOrgRef } from './org-test-helpers.ts';

const names = (res: { json: () => { items: { name: string }[] } }) => res.json().items.map((u) => u.name);

describe.each(TEST_DIALECTS)('moving org units on %s', (dialect) => {
  let t: TestApp;
  let u: TestApp['world']['units'];
  let group: UnitRef;
  let partyBranch: PartyOrgRef;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    u = t.world.units;
    group = await insertOrgUnit(t.db, { name: '新塘一组', type: 'VILLAGER_GROUP', parent: u.xintang });
    await insertPerson(t.db, t.cipher, { name: '郑十一', unit: group, posts: [{ unit: group, title: '组长' }] });
    partyBranch = await insertPartyOrg(t.db, { name: '新塘村党支部', type: 'BRANCH', parent: null, unit: u.xintang });
    for (const role of ['ORG_HEAD', 'TOWN_SECRETARY'] as const) await t.as(role);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('moves 新塘村 under 江背镇: subtree paths, people, posts and Party orgs follow; scope follows at once', async () => {
    const jbReader = await addScopedUser(t, 'jb-org', 'TOWN_ORG_MEMBER', u.jiangbei);
    expect((await t.get('TOWN_SECRETARY', `/api/org-units/${u.xintang.id}`)).statusCode).toBe(200);
    expect((await jbReader('GET', `/api/org-units/${u.xintang.id}`)).statusCode).toBe(404);

    const before = await lastLedgerSeq(t.db);
    const res = await t.post('ORG_HEAD', `/api/org-units/${u.xintang.id}/move`, { parentId: u.jiangbei.id });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: u.xintang.id, parentId: u.jiangbei.id, depth: 2, childCount: 1, ancestors: [{ name: '长沙县' }, { name: '江背镇' }] });
    const events = await ledgerEventsAfter(t.db, before);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'org_unit.moved', object_id: u.xintang.id });
    expect(JSON.parse(events[0]!.payload)).toEqual({ fromParentId: u.huanghua.id, toParentId: u.jiangbei.id, units: 2, people: 2, posts: 1, partyOrgs: 1 });

    const newPath = `${u.jiangbei.path}${u.xintang.id}/`;
    const groupRow = await t.db.selectFrom('org_unit').select(['path', 'depth']).where('id', '=', group.id).executeTakeFirstOrThrow();
    expect({ ...groupRow, depth: Number(groupRow.depth) }).toEqual({ path: `${newPath}${group.id}/`, depth: 3 });
    const people = await t.db.selectFrom('person').select(['name', 'org_path']).where('name', 'in', ['钱七', '郑十一']).execute();
    expect(people.sort((a, b) => (a.name === '钱七' ? -1 : b.name === '钱七' ? 1 : 0))).toEqual([
      { name: '钱七', org_path: newPath },
      { name: '郑十一', org_path: `${newPath}${group.id}/` },
    ]);
    expect((await t.db.selectFrom('post').select('org_path').where('title', '=', '组长').executeTakeFirstOrThrow()).org_path).toBe(`${newPath}${group.id}/`);
    expect((await t.db.selectFrom('party_org').select('org_path').where('id', '=', partyBranch.id).executeTakeFirstOrThrow()).org_path).toBe(newPath);
    expect((await t.db.selectFrom('person').select('org_path').where('id', '=', t.world.people.siblingVillager.id).executeTakeFirstOrThrow()).org_path).toBe(u.jiangbeiVillage.path);

    expect((await t.get('TOWN_SECRETARY', `/api/org-units/${u.xintang.id}`)).statusCode).toBe(404);
    expect((await t.get('TOWN_SECRETARY', `/api/org-units/${group.id}`)).statusCode).toBe(404);
    expect(names(await t.get('TOWN_SECRETARY', `/api/org-units?parentId=${u.huanghua.id}`))).toEqual(['黄花村']);
    expect(names(await t.get('TOWN_SECRETARY', '/api/org-units?q=xt'))).toEqual([]);
    expect((await jbReader('GET', `/api/org-units/${group.id}`)).json()).toMatchObject({ ancestors: [{ name: '长沙县' }, { name: '江背镇' }, { name: '新塘村' }] });
  });

  it('moves it back without colliding paths; moving under the current parent is a no-op', async () => {
    const back = await t.post('ORG_HEAD', `/api/org-units/${u.xintang.id}/move`, { parentId: u.huanghua.id });
    expect(back.statusCode).toBe(200);
    expect((await t.get('TOWN_SECRETARY', `/api/org-units/${group.id}`)).json()).toMatchObject({ depth: 3, ancestors: [{ name: '长沙县' }, { name: '黄花镇' }, { name: '新塘村' }] });
    const row = await t.db.selectFrom('org_unit').select('path').where('id', '=', group.id).executeTakeFirstOrThrow();
    expect(row.path).toBe(group.path);
    const before = await lastLedgerSeq(t.db);
    expect((await t.post('ORG_HEAD', `/api/org-units/${u.xintang.id}/move`, { parentId: u.huanghua.id })).statusCode).toBe(200);
    expect(await ledgerEventsAfter(t.db, before)).toEqual([]);
    expect(await verifyLedgerChain(t.db)).toMatchObject({ ok: true });
  });
});
