import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedgerChain } from '../../platform/ledger/index.ts';
import { insertPerson } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { TEST_DIALECTS } from '../../test/test-db.ts';
import { addScopedUser, lastLedgerSeq, ledgerEventsAfter, type Caller } from './org-test-helpers.ts';

const names = (res: { json: () => { items: { name: string }[] } }) => res.json().items.map((u) => u.name);

describe.each(TEST_DIALECTS)('org units on %s', (dialect) => {
  let t: TestApp;
  let u: TestApp['world']['units'];
  /** ORG_GRASSROOTS_SECTION (org.write) scoped to 黄花镇 only */
  let hhWriter: Caller;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    u = t.world.units;
    hhWriter = await addScopedUser(t, 'hh-grassroots', 'ORG_GRASSROOTS_SECTION', u.huanghua);
    await insertPerson(t.db, t.cipher, { name: '冯十二', unit: u.xintang, posts: [{ unit: u.xintang, title: '新塘村党支部书记', startDate: '2010-03-01', isLeadership: true, isPrincipal: true }] });
    for (const role of ['ORG_HEAD', 'TOWN_SECRETARY', 'COUNTY_SECRETARY', 'SYS_ADMIN'] as const) await t.as(role);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Runs `fn` and returns the ledger events it appended. */
  async function eventsOf(fn: () => Promise<unknown>) {
    const before = await lastLedgerSeq(t.db);
    await fn();
    return ledgerEventsAfter(t.db, before);
  }

  it('answers 401 on every route without a session', async () => {
    const id = u.xintang.id;
    const responses = await Promise.all([
      t.get(null, '/api/org-units'),
      t.get(null, `/api/org-units/${id}`),
      t.post(null, '/api/org-units', { name: '甲村', type: 'VILLAGE', parentId: u.huanghua.id, validFrom: '2020-01-01' }),
      t.patch(null, `/api/org-units/${id}`, { name: '乙村' }),
      t.post(null, `/api/org-units/${id}/move`, { parentId: u.jiangbei.id }),
      t.post(null, '/api/org-units/merge', { sourceIds: [id], targetId: u.huanghuaVillage.id, effectiveDate: '2020-01-01' }),
    ]);
    expect(responses.map((r) => r.statusCode)).toEqual([401, 401, 401, 401, 401, 401]);
  });

  it('answers 403 to roles without the permission', async () => {
    expect((await t.get('CADRE_SELF', '/api/org-units')).statusCode).toBe(403);
    expect((await t.post('COUNTY_SECRETARY', '/api/org-units', { name: '甲村', type: 'VILLAGE', parentId: u.huanghua.id, validFrom: '2020-01-01' })).statusCode).toBe(403);
    expect((await t.patch('TOWN_SECRETARY', `/api/org-units/${u.xintang.id}`, { name: '乙村' })).statusCode).toBe(403);
    expect((await t.post('AUDITOR', `/api/org-units/${u.xintang.id}/move`, { parentId: u.jiangbei.id })).statusCode).toBe(403);
    expect((await t.post('TOWN_ORG_MEMBER', '/api/org-units/merge', { sourceIds: [u.xintang.id], targetId: u.huanghuaVillage.id, effectiveDate: '2020-01-01' })).statusCode).toBe(403);
  });

  it('lists the tops of the caller scope, then children in pinyin order with counts and ancestors', async () => {
    const county = await t.get('ORG_HEAD', '/api/org-units');
    expect(county.statusCode).toBe(200);
    expect(county.json().items).toMatchObject([{ id: u.county.id, name: '长沙县', type: 'COUNTY', parentId: null, depth: 0, childCount: 3, ancestors: [] }]);

    const town = await t.get('TOWN_SECRETARY', '/api/org-units');
    expect(town.json().items).toMatchObject([{ id: u.huanghua.id, name: '黄花镇', childCount: 2, ancestors: [{ id: u.county.id, name: '长沙县' }] }]);

    expect(names(await t.get('ORG_HEAD', `/api/org-units?parentId=${u.county.id}`))).toEqual(['黄花镇', '江背镇', '县委组织部']);
    const villages = await t.get('TOWN_SECRETARY', `/api/org-units?parentId=${u.huanghua.id}`);
    expect(villages.json().items).toMatchObject([
      { name: '黄花村', code: '430121105201', type: 'VILLAGE', validFrom: '1990-01-01', validTo: null, mergedIntoId: null, ancestors: [{ name: '长沙县' }, { name: '黄花镇' }] },
      { name: '新塘村' },
    ]);
    expect(names(await t.get('ORG_HEAD', '/api/org-units?type=VILLAGE'))).toEqual(['黄花村', '江背村', '新塘村']);
    expect(names(await t.get('TOWN_SECRETARY', '/api/org-units?type=VILLAGE'))).toEqual(['黄花村', '新塘村']);
  });

  it('finds units by name, full pinyin prefix or initials (any case), with ancestors, within scope', async () => {
    for (const q of ['hh', 'HH', 'huanghua', encodeURIComponent('黄花')]) {
      const res = await t.get('ORG_HEAD', `/api/org-units?q=${q}`);
      expect(res.statusCode).toBe(200);
      expect(names(res)).toEqual(['黄花镇', '黄花村']);
    }
    const hit = (await t.get('ORG_HEAD', '/api/org-units?q=hhc')).json().items;
    expect(hit).toMatchObject([{ name: '黄花村', ancestors: [{ name: '长沙县' }, { name: '黄花镇' }] }]);
    expect(names(await t.get('ORG_HEAD', '/api/org-units?q=jb'))).toEqual(['江背镇', '江背村']);
    // LIKE wildcards are searched literally
    expect(names(await t.get('ORG_HEAD', `/api/org-units?q=${encodeURIComponent('%')}`))).toEqual([]);
    // within a parent's subtree
    expect(names(await t.get('ORG_HEAD', `/api/org-units?q=cun&parentId=${u.jiangbei.id}`))).toEqual([]);
    expect(names(await t.get('ORG_HEAD', `/api/org-units?q=jbc&parentId=${u.jiangbei.id}`))).toEqual(['江背村']);
  });

  it('hides everything outside 黄花镇 from 黄花镇 readers and writers: 404 for ids, nothing in search', async () => {
    expect(names(await t.get('TOWN_SECRETARY', '/api/org-units?q=jb'))).toEqual([]);
    expect(names(await t.get('TOWN_SECRETARY', `/api/org-units?q=${encodeURIComponent('江背')}`))).toEqual([]);
    expect(names(await t.get('ORG_HEAD', '/api/org-units?q=csx'))).toEqual(['长沙县']);
    expect(names(await t.get('TOWN_SECRETARY', '/api/org-units?q=csx'))).toEqual([]); // 长沙县 is above the scope
    expect((await t.get('TOWN_SECRETARY', `/api/org-units/${u.jiangbei.id}`)).statusCode).toBe(404);
    expect((await t.get('TOWN_ORG_MEMBER', `/api/org-units/${u.jiangbeiVillage.id}`)).statusCode).toBe(404);
    expect((await t.get('TOWN_SECRETARY', `/api/org-units?parentId=${u.jiangbei.id}`)).statusCode).toBe(404);
    expect((await t.get('TOWN_SECRETARY', `/api/org-units?parentId=${u.county.id}`)).statusCode).toBe(404);
    const unknown = await t.get('TOWN_SECRETARY', '/api/org-units/0190d2f5-0000-7000-8000-000000000000');
    const hidden = await t.get('TOWN_SECRETARY', `/api/org-units/${u.jiangbei.id}`);
    expect(hidden.json()).toEqual(unknown.json());

    const seq = await lastLedgerSeq(t.db);
    const writes = await Promise.all([
      hhWriter('GET', `/api/org-units/${u.jiangbeiVillage.id}`),
      hhWriter('PATCH', `/api/org-units/${u.jiangbeiVillage.id}`, { name: '改名村' }),
      hhWriter('POST', '/api/org-units', { name: '甲村', type: 'VILLAGE', parentId: u.jiangbei.id, validFrom: '2020-01-01' }),
      hhWriter('POST', `/api/org-units/${u.jiangbeiVillage.id}/move`, { parentId: u.huanghua.id }),
      hhWriter('POST', `/api/org-units/${u.xintang.id}/move`, { parentId: u.jiangbei.id }),
      hhWriter('POST', '/api/org-units/merge', { sourceIds: [u.jiangbeiVillage.id], targetId: u.huanghuaVillage.id, effectiveDate: '2020-01-01' }),
      hhWriter('POST', '/api/org-units/merge', { sourceIds: [u.xintang.id], targetId: u.jiangbeiVillage.id, effectiveDate: '2020-01-01' }),
    ]);
    expect(writes.map((r) => r.statusCode)).toEqual([404, 404, 404, 404, 404, 404, 404]);
    expect(await ledgerEventsAfter(t.db, seq)).toEqual([]);
  });

  it('refuses bad input with a Chinese message naming the field', async () => {
    const noName = await t.post('ORG_HEAD', '/api/org-units', { type: 'VILLAGE', parentId: u.huanghua.id, validFrom: '2020-01-01' });
    expect(noName.statusCode).toBe(400);
    expect(noName.json()).toMatchObject({ code: 'VALIDATION', fields: [{ field: 'name' }] });
    expect(noName.json().message).toContain('名称');

    const badDate = await t.post('ORG_HEAD', '/api/org-units', { name: '甲村', type: 'VILLAGE', parentId: u.huanghua.id, validFrom: '2016-02-30' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().message).toContain('生效日期');

    const badAsOf = await t.get('ORG_HEAD', '/api/org-units?asOf=2016-13-01');
    expect(badAsOf.statusCode).toBe(400);
    expect(badAsOf.json().message).toContain('查询日期');

    const wrongType = await t.post('ORG_HEAD', '/api/org-units', { name: '甲镇', type: 'TOWN', parentId: u.huanghuaVillage.id, validFrom: '2020-01-01' });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().fields[0].field).toBe('type');
    expect(wrongType.json().message).toMatch(/^类型：上级单位“黄花村”类型为村，不能在其下新建镇/);

    const blank = await t.patch('ORG_HEAD', `/api/org-units/${u.xintang.id}`, { name: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().message).toContain('名称');
    const massAssign = await t.patch('ORG_HEAD', `/api/org-units/${u.xintang.id}`, { parentId: u.jiangbei.id });
    expect(massAssign.statusCode).toBe(400);
    expect(massAssign.json().fields[0].field).toBe('parentId');

    const noParent = await t.post('ORG_HEAD', `/api/org-units/${u.xintang.id}/move`, {});
    expect(noParent.statusCode).toBe(400);
    expect(noParent.json().message).toContain('上级单位');

    const noTarget = await t.post('ORG_HEAD', '/api/org-units/merge', { sourceIds: [u.xintang.id], effectiveDate: '2016-07-01' });
    expect(noTarget.statusCode).toBe(400);
    expect(noTarget.json().message).toContain('合并目标');
  });

  it('creates a unit (pinyin keys, path, one ledger event) and refuses a duplicate code with 409', async () => {
    let body: { id: string; depth: number; ancestors: { name: string }[]; validFrom: string; code: string | null } | undefined;
    const events = await eventsOf(async () => {
      const res = await t.post('ORG_HEAD', '/api/org-units', { name: '金桥村', type: 'VILLAGE', parentId: u.huanghua.id, validFrom: '2020-01-01', code: '430121105203' });
      expect(res.statusCode).toBe(200);
      body = res.json();
    });
    expect(body).toMatchObject({ depth: 2, validFrom: '2020-01-01', code: '430121105203', ancestors: [{ name: '长沙县' }, { name: '黄花镇' }] });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'org_unit.created', object_type: 'org_unit', object_id: body!.id, org_path: `${u.huanghua.path}${body!.id}/` });
    const row = await t.db.selectFrom('org_unit').selectAll().where('id', '=', body!.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ path: `${u.huanghua.path}${body!.id}/`, pinyin: 'jinqiaocun', pinyin_initials: 'jqc' });
    expect(names(await t.get('TOWN_SECRETARY', '/api/org-units?q=jqc'))).toEqual(['金桥村']);

    const dup = await t.post('ORG_HEAD', '/api/org-units', { name: '重码村', type: 'VILLAGE', parentId: u.huanghua.id, validFrom: '2020-01-01', code: '430121105201' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'CONFLICT', fields: [{ field: 'code' }] });
    expect(dup.json().message).toContain('代码');
    expect(dup.json().message).toContain('黄花村');
  });

  it('renames a unit (pinyin follows, one event with old and new value); an unchanged PATCH writes nothing', async () => {
    const created = (await t.post('ORG_HEAD', '/api/org-units', { name: '石门村', type: 'VILLAGE', parentId: u.huanghua.id, validFrom: '2020-01-01' })).json();
    const events = await eventsOf(async () => {
      const res = await t.patch('ORG_HEAD', `/api/org-units/${created.id}`, { name: '石门新村', shortName: '石门' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ name: '石门新村', shortName: '石门' });
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.action).toBe('org_unit.updated');
    expect(JSON.parse(events[0]!.payload)).toEqual({ changed: { name: { from: '石门村', to: '石门新村' }, shortName: { from: null, to: '石门' } } });
    expect(names(await t.get('ORG_HEAD', '/api/org-units?q=smxc'))).toEqual(['石门新村']);
    expect(await eventsOf(() => t.patch('ORG_HEAD', `/api/org-units/${created.id}`, { name: '石门新村' }))).toEqual([]);
    const dup = await t.patch('ORG_HEAD', `/api/org-units/${created.id}`, { code: '430121104201' });
    expect(dup.statusCode).toBe(409);
  });

  it('refuses to move the root, a unit under its own descendant, or a village under a department', async () => {
    const root = await t.post('ORG_HEAD', `/api/org-units/${u.county.id}/move`, { parentId: u.huanghua.id });
    expect(root.statusCode).toBe(400);
    expect(root.json().message).toContain('根单位');
    const cycle = await t.post('ORG_HEAD', `/api/org-units/${u.huanghua.id}/move`, { parentId: u.huanghuaVillage.id });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json()).toMatchObject({ fields: [{ field: 'parentId' }] });
    expect(cycle.json().message).toContain('下级单位');
    const self = await t.post('ORG_HEAD', `/api/org-units/${u.huanghua.id}/move`, { parentId: u.huanghua.id });
    expect(self.statusCode).toBe(400);
    const type = await t.post('ORG_HEAD', `/api/org-units/${u.xintang.id}/move`, { parentId: u.orgDept.id });
    expect(type.statusCode).toBe(400);
    expect(type.json().message).toContain('县直单位');
  });

  it('refuses merges that break the rules (400 naming the field)', async () => {
    const cases: [unknown, string][] = [
      [{ sourceIds: [u.xintang.id, u.jiangbeiVillage.id], targetId: u.huanghuaVillage.id, effectiveDate: '2016-07-01' }, '同一个上级单位'],
      [{ sourceIds: [u.huanghua.id], targetId: u.jiangbei.id, effectiveDate: '2016-07-01' }, '只有村和社区'],
      [{ sourceIds: [u.xintang.id], targetId: u.xintang.id, effectiveDate: '2016-07-01' }, '合并目标'],
      [{ sourceIds: [u.xintang.id], targetId: u.jiangbeiVillage.id, effectiveDate: '2016-07-01' }, '同一个上级单位'],
      [{ sourceIds: [u.xintang.id], targetId: u.huanghuaVillage.id, effectiveDate: '2027-01-01' }, '生效日期'],
      [{ sourceIds: [u.xintang.id], targetId: u.huanghuaVillage.id, newUnit: { name: '新村' }, effectiveDate: '2016-07-01' }, '二者只能选其一'],
    ];
    for (const [body, text] of cases) {
      const res = await t.post('ORG_HEAD', '/api/org-units/merge', body);
      expect(res.statusCode, text).toBe(400);
      expect(res.json().message).toContain(text);
    }
  });

  it('merges 新塘村 into 黄花村 (并村): history as of a date, people and posts follow, one event', async () => {
    const events = await eventsOf(async () => {
      const res = await t.post('ORG_HEAD', '/api/org-units/merge', { sourceIds: [u.xintang.id], targetId: u.huanghuaVillage.id, effectiveDate: '2016-07-01' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: u.huanghuaVillage.id, name: '黄花村', validTo: null });
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'org_unit.merged', object_id: u.xintang.id, org_path: u.xintang.path });
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ targetId: u.huanghuaVillage.id, validTo: '2016-06-30', people: 2, postsReopened: 1 });

    const under = (query: string) => t.get('TOWN_SECRETARY', `/api/org-units?parentId=${u.huanghua.id}${query}`);
    expect(names(await under('&asOf=2016-06-30'))).toContain('新塘村');
    expect(names(await under('&asOf=2016-07-01'))).not.toContain('新塘村');
    expect(names(await under(''))).not.toContain('新塘村');
    expect((await under('&includeClosed=true')).json().items).toContainEqual(expect.objectContaining({ id: u.xintang.id, validTo: '2016-06-30', mergedIntoId: u.huanghuaVillage.id }));
    expect((await t.get('TOWN_SECRETARY', `/api/org-units/${u.huanghua.id}?asOf=2016-06-30`)).json().childCount).toBe(2);
    expect((await t.get('TOWN_SECRETARY', `/api/org-units/${u.huanghua.id}?asOf=2016-07-01`)).json().childCount).toBe(1);
    expect(names(await t.get('TOWN_SECRETARY', '/api/org-units?q=xtc'))).toEqual([]);
    expect(names(await t.get('TOWN_SECRETARY', '/api/org-units?q=xtc&asOf=2016-01-01'))).toEqual(['新塘村']);
    expect((await t.get('TOWN_SECRETARY', `/api/org-units/${u.xintang.id}`)).json()).toMatchObject({ validTo: '2016-06-30', mergedIntoId: u.huanghuaVillage.id });

    const qian = await t.db.selectFrom('person').select(['org_unit_id', 'org_path']).where('id', '=', t.world.people.villager.id).executeTakeFirstOrThrow();
    expect(qian).toEqual({ org_unit_id: u.huanghuaVillage.id, org_path: u.huanghuaVillage.path });
    const posts = await t.db
      .selectFrom('post')
      .innerJoin('person', 'person.id', 'post.person_id')
      .select(['post.org_unit_id', 'post.org_path', 'post.title', 'post.start_date', 'post.end_date', 'post.is_principal'])
      .where('person.name', '=', '冯十二')
      .orderBy('post.start_date')
      .execute();
    expect(posts.map((p) => ({ ...p, is_principal: Number(p.is_principal) }))).toEqual([
      { org_unit_id: u.xintang.id, org_path: u.xintang.path, title: '新塘村党支部书记', start_date: '2010-03-01', end_date: '2016-06-30', is_principal: 1 },
      { org_unit_id: u.huanghuaVillage.id, org_path: u.huanghuaVillage.path, title: '新塘村党支部书记', start_date: '2016-07-01', end_date: null, is_principal: 1 },
    ]);

    const again = await t.post('ORG_HEAD', '/api/org-units/merge', { sourceIds: [u.xintang.id], targetId: u.huanghuaVillage.id, effectiveDate: '2016-07-01' });
    expect(again.statusCode).toBe(400);
    expect(again.json().message).toContain('已撤销');
  });

  it('merges two villages into a new one: villager groups move, one event per changed unit', async () => {
    const make = async (name: string, type: string, parentId: string) => (await t.post('ORG_HEAD', '/api/org-units', { name, type, parentId, validFrom: '2000-01-01' })).json<{ id: string }>();
    const east = await make('东山村', 'VILLAGE', u.jiangbei.id);
    const west = await make('西山村', 'COMMUNITY', u.jiangbei.id);
    const group = await make('东山一组', 'VILLAGER_GROUP', east.id);
    const mixed = await t.post('ORG_HEAD', '/api/org-units/merge', { sourceIds: [east.id, west.id], newUnit: { name: '东西山村' }, effectiveDate: '2026-11-26' });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().message).toContain('新单位');
    const north = await make('北山村', 'VILLAGE', u.jiangbei.id);

    let target: { id: string; childCount: number; validFrom: string; code: string | null } | undefined;
    const events = await eventsOf(async () => {
      const res = await t.post('ORG_HEAD', '/api/org-units/merge', { sourceIds: [east.id, north.id], newUnit: { name: '东北山村', code: '430121104299' }, effectiveDate: '2026-11-26' });
      expect(res.statusCode).toBe(200);
      target = res.json();
    });
    expect(target).toMatchObject({ childCount: 1, validFrom: '2026-11-26', code: '430121104299' });
    expect(events.map((e) => [e.action, e.object_id])).toEqual([
      ['org_unit.created', target!.id],
      ['org_unit.moved', group.id],
      ['org_unit.merged', east.id],
      ['org_unit.merged', north.id],
    ]);
    const moved = (await t.get('ORG_HEAD', `/api/org-units/${group.id}`)).json();
    expect(moved).toMatchObject({ parentId: target!.id, depth: 3, ancestors: [{ name: '长沙县' }, { name: '江背镇' }, { name: '东北山村' }] });
    expect(names(await t.get('ORG_HEAD', `/api/org-units?parentId=${u.jiangbei.id}`))).toEqual(['东北山村', '江背村', '西山村']);
    expect(names(await t.get('ORG_HEAD', `/api/org-units?parentId=${u.jiangbei.id}&asOf=2026-11-25`))).toEqual(['北山村', '东山村', '江背村', '西山村']);
  });

  it('documents the routes in OpenAPI under the org tag and keeps the ledger chain intact', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(doc.paths['/api/org-units'].get.tags).toEqual(['org']);
    expect(doc.paths['/api/org-units/merge'].post.tags).toEqual(['org']);
    expect(doc.paths['/api/party-orgs/{id}/move'].post.tags).toEqual(['org']);
    expect(await verifyLedgerChain(t.db)).toMatchObject({ ok: true });
  });
});
