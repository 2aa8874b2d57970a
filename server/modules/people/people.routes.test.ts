import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { TEST_DIALECTS } from '../../test/test-db.ts';
import { TEST_PASSWORD } from '../../test/factories.ts';
import { verifyLedgerChain } from '../../platform/ledger/index.ts';
import { listPeople as listPeopleRows } from './people.repository.ts';

describe.each(TEST_DIALECTS)('people on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await t.db
      .insertInto('code_item')
      .values([
        { catalog: 'ETHNICITY', code: '01', name_zh: '汉族', name_en: 'Han', sort_order: 1, active: 1 },
        { catalog: 'EDUCATION', code: '20', name_zh: '大学本科', name_en: 'Bachelor', sort_order: 1, active: 1 },
      ])
      .execute();
  });
  afterAll(async () => {
    await t?.close();
  });

  const ledgerSize = async () => Number((await t.db.selectFrom('ledger_event').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);

  describe('list', () => {
    it('answers 401 without a session and 403 for roles without people.read', async () => {
      expect((await t.get(null, '/api/people')).statusCode).toBe(401);
      expect((await t.get('SYS_ADMIN', '/api/people')).statusCode).toBe(403);
      expect((await t.get('AUDITOR', '/api/people')).statusCode).toBe(403);
      expect((await t.get('CADRE_SELF', '/api/people')).statusCode).toBe(403);
    });

    it('shows a county role the county and nothing of another county', async () => {
      const res = await t.get('ORG_HEAD', '/api/people?pageSize=100');
      expect(res.statusCode).toBe(200);
      const names = res.json().items.map((p: { name: string }) => p.name);
      expect(names).toContain('孙八');
      expect(names).toContain('张三');
      expect(names).not.toContain('吴十');
      expect(res.json().total).toBe(names.length);
    });

    it('limits a town secretary to the town subtree (follows the active post)', async () => {
      const res = await t.get('TOWN_SECRETARY', '/api/people?pageSize=100');
      const names = res.json().items.map((p: { name: string }) => p.name).sort();
      expect(names).toEqual(['张三', '李四', '王五', '赵六', '钱七'].sort());
    });

    it('limits a village secretary to the village', async () => {
      const res = await t.get('VILLAGE_SECRETARY', '/api/people');
      expect(res.json().items.map((p: { name: string }) => p.name)).toEqual(['王五']);
    });

    it('finds people by pinyin initials, full pinyin and characters; masks identity fields', async () => {
      const byInitials = await t.get('ORG_HEAD', '/api/people?q=zs');
      expect(byInitials.json().items.map((p: { name: string }) => p.name)).toEqual(['张三']);
      expect(byInitials.json().items[0]).toMatchObject({ idNumberMasked: '110105********002X', phoneMasked: '138****5678', currentTitles: ['黄花镇党委书记'], rankLevel: 'SECTION' });
      expect((await t.get('ORG_HEAD', '/api/people?q=zhangsan')).json().total).toBe(1);
      expect((await t.get('ORG_HEAD', '/api/people?q=' + encodeURIComponent('张'))).json().total).toBe(1);
      // LIKE wildcards are literal
      expect((await t.get('ORG_HEAD', '/api/people?q=%25')).json().total).toBe(0);
      expect((await t.get('ORG_HEAD', '/api/people?q=_')).json().total).toBe(0);
    });

    it('sorts and filters on the server and pages with a stable order', async () => {
      const asc = (await t.get('ORG_HEAD', '/api/people?sort=birthDate&order=asc&pageSize=100')).json().items.map((p: { birthDate: string }) => p.birthDate);
      expect(asc).toEqual([...asc].sort());
      const desc = (await t.get('ORG_HEAD', '/api/people?sort=birthDate&order=desc&pageSize=100')).json().items.map((p: { birthDate: string }) => p.birthDate);
      expect(desc).toEqual([...asc].reverse());
      const women = (await t.get('ORG_HEAD', '/api/people?gender=F')).json();
      expect(women.items.map((p: { name: string }) => p.name)).toEqual(['赵六']);
      const cadres = (await t.get('ORG_HEAD', '/api/people?isCadre=true&pageSize=100')).json();
      expect(cadres.items.every((p: { isCadre: boolean }) => p.isCadre)).toBe(true);
      const page1 = (await t.get('ORG_HEAD', '/api/people?pageSize=3&page=1')).json();
      const page2 = (await t.get('ORG_HEAD', '/api/people?pageSize=3&page=2')).json();
      expect(page1.items).toHaveLength(3);
      expect(page1.items.map((p: { id: string }) => p.id)).not.toContain(page2.items[0].id);
      const inVillage = (await t.get('ORG_HEAD', `/api/people?orgUnitId=${t.world.units.huanghuaVillage.id}`)).json();
      expect(inVillage.items.map((p: { name: string }) => p.name)).toEqual(['王五']);
    });

    it('counts exactly up to the cap and says when the total is a floor', async () => {
      const scope = [t.world.units.county.path];
      const exact = await listPeopleRows(t.db, scope, { page: 1, pageSize: 2 }, null);
      expect(exact).toMatchObject({ total: 8, totalIsExact: true }); // the county's eight people
      expect(exact.rows).toHaveLength(2);
      const capped = await listPeopleRows(t.db, scope, { page: 1, pageSize: 2 }, null, 5);
      expect(capped).toMatchObject({ total: 5, totalIsExact: false });
      expect((await t.get('ORG_HEAD', '/api/people')).json()).toMatchObject({ totalIsExact: true });
    });

    it('answers 404 when filtering by a unit outside the scope, 400 for bad sort and duplicate params', async () => {
      expect((await t.get('TOWN_SECRETARY', `/api/people?orgUnitId=${t.world.units.jiangbei.id}`)).statusCode).toBe(404);
      const bad = await t.get('ORG_HEAD', '/api/people?sort=name;--');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().fields[0].field).toBe('sort');
      expect((await t.get('ORG_HEAD', '/api/people?sort=name&sort=birthDate')).statusCode).toBe(400);
      expect((await t.get('ORG_HEAD', '/api/people?pageSize=100000')).statusCode).toBe(400);
    });
  });

  describe('dossier', () => {
    it('shows profile, posts, kinship with masked fields and records the view in the ledger', async () => {
      const before = await ledgerSize();
      const res = await t.get('TOWN_SECRETARY', `/api/people/${t.world.people.townSecretary.id}`);
      expect(res.statusCode).toBe(200);
      const d = res.json();
      expect(d).toMatchObject({ name: '张三', idNumberMasked: '110105********002X', phoneMasked: '138****5678', orgName: '黄花镇' });
      expect(d.orgAncestors.map((a: { name: string }) => a.name)).toEqual(['长沙县']);
      expect(d.posts[0]).toMatchObject({ title: '黄花镇党委书记', isPrincipal: true, endDate: null });
      expect(d.cadre).toMatchObject({ rankLevel: 'SECTION', managementAuthorityName: '长沙县' });
      expect(JSON.stringify(d)).not.toContain('11010519491231002X');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(await ledgerSize()).toBe(before + 1);
      const last = await t.db.selectFrom('ledger_event').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
      expect(last).toMatchObject({ action: 'person.dossier_viewed', object_id: t.world.people.townSecretary.id, actor_user_id: t.world.users.TOWN_SECRETARY });
    });

    it('answers 404 for a sibling-town person, an unknown id and a malformed id alike', async () => {
      const sibling = await t.get('TOWN_SECRETARY', `/api/people/${t.world.people.siblingTownPerson.id}`);
      const unknown = await t.get('TOWN_SECRETARY', '/api/people/01900000-0000-7000-8000-000000000000');
      expect(sibling.statusCode).toBe(404);
      expect(unknown.statusCode).toBe(404);
      expect(sibling.json()).toEqual(unknown.json());
      expect((await t.get('TOWN_SECRETARY', "/api/people/1'%20OR%20'1'='1")).statusCode).toBe(400);
    });

    it('gives a cadre their own record and nothing else', async () => {
      const self = await t.get('CADRE_SELF', '/api/people/self');
      expect(self.statusCode).toBe(200);
      expect(self.json().name).toBe('赵六');
      expect((await t.get('CADRE_SELF', `/api/people/${t.world.people.clerk.id}`)).statusCode).toBe(403);
      expect((await t.get(null, '/api/people/self')).statusCode).toBe(401);
    });
  });

  describe('create and update', () => {
    it('validates the ID number by GB 11643 and names the field in Chinese', async () => {
      const base = { name: '新人甲', gender: 'M', birthDate: '1949-12-31', ethnicityCode: '01', orgUnitId: t.world.units.huanghua.id, isPartyMember: false };
      const bad = await t.post('ORG_HEAD', '/api/people', { ...base, idNumber: '110105194912310021' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().fields[0]).toMatchObject({ field: 'idNumber' });
      expect(bad.json().message).toContain('身份证号');
      const mismatch = await t.post('ORG_HEAD', '/api/people', { ...base, birthDate: '1950-01-01', idNumber: '11010519491231002X' });
      expect(mismatch.statusCode).toBe(400);
      expect(mismatch.json().message).toContain('出生日期');
      const wrongSex = await t.post('ORG_HEAD', '/api/people', { ...base, gender: 'M', idNumber: '11010519491231002X' });
      expect(wrongSex.statusCode).toBe(400);
      const badPhone = await t.post('ORG_HEAD', '/api/people', { ...base, phone: '12345' });
      expect(badPhone.json().fields[0].field).toBe('phone');
    });

    it('creates a person with encrypted identity fields, refuses duplicates by blind index, and writes one ledger event', async () => {
      await t.as('TOWN_ORG_MEMBER'); // the login is an event of its own
      const before = await ledgerSize();
      const res = await t.post('TOWN_ORG_MEMBER', '/api/people', {
        name: '新人乙',
        gender: 'F',
        birthDate: '1949-12-31',
        ethnicityCode: '01',
        // full-width digits as typed with a Chinese IME are normalised (NFKC)
        idNumber: toFullWidth('11010519491231004' + checkChar('11010519491231004')),
        phone: '139 0000 3333',
        orgUnitId: t.world.units.xintang.id,
        isPartyMember: true,
        partyJoinDate: '1975-07-01',
      });
      expect(res.statusCode).toBe(200);
      const id = res.json().id;
      expect(res.json()).toMatchObject({ phoneMasked: '139****3333', orgName: '新塘村' });
      const row = await t.db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.id_number_enc).toMatch(/^v1\./);
      expect(row.id_number_enc).not.toContain('1101051949');
      expect(row.phone_enc).not.toContain('13900003333');
      expect(await ledgerSize()).toBe(before + 1);
      const dup = await t.post('ORG_HEAD', '/api/people', {
        name: '重复',
        gender: 'F',
        birthDate: '1949-12-31',
        ethnicityCode: '01',
        idNumber: '11010519491231004' + checkChar('11010519491231004'),
        orgUnitId: t.world.units.huanghua.id,
        isPartyMember: false,
      });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().fields[0].field).toBe('idNumber');
      expect(await ledgerSize()).toBe(before + 1);
    });

    it('refuses creating or moving into a unit outside the write scope (404) and ignores nothing it should refuse', async () => {
      const body = { name: '越权', gender: 'M', birthDate: '1990-01-01', ethnicityCode: '01', orgUnitId: t.world.units.jiangbei.id, isPartyMember: false };
      expect((await t.post('TOWN_ORG_MEMBER', '/api/people', body)).statusCode).toBe(404);
      expect((await t.patch('TOWN_ORG_MEMBER', `/api/people/${t.world.people.villager.id}`, { orgUnitId: t.world.units.jiangbei.id })).statusCode).toBe(404);
      expect((await t.patch('TOWN_ORG_MEMBER', `/api/people/${t.world.people.siblingVillager.id}`, { name: 'x' })).statusCode).toBe(404);
      expect((await t.post('TOWN_SECRETARY', '/api/people', { ...body, orgUnitId: t.world.units.huanghua.id })).statusCode).toBe(403);
      const massAssign = await t.patch('ORG_HEAD', `/api/people/${t.world.people.villager.id}`, { org_path: '/', id_number_enc: 'x' });
      expect(massAssign.statusCode).toBe(400);
    });

    it('updates a person and keeps ID number and birth date consistent', async () => {
      const res = await t.patch('ORG_HEAD', `/api/people/${t.world.people.townSecretary.id}`, { birthDate: '1950-01-01' });
      expect(res.statusCode).toBe(400);
      expect(res.json().fields[0].field).toBe('birthDate');
      const ok = await t.patch('ORG_HEAD', `/api/people/${t.world.people.villager.id}`, { name: '钱七七', orgUnitId: t.world.units.huanghuaVillage.id });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ name: '钱七七', orgName: '黄花村' });
      expect((await t.get('ORG_HEAD', '/api/people?q=qqq')).json().total).toBe(1);
    });
  });

  describe('posts and kinship', () => {
    it('adds and ends a post; a second end is an illegal transition; end before start is refused', async () => {
      const pid = t.world.people.townOrgMember.id;
      const added = await t.post('ORG_CADRE_SECTION', `/api/people/${pid}/posts`, { orgUnitId: t.world.units.huanghua.id, title: '黄花镇人民政府副镇长', isLeadership: true, isPrincipal: false, startDate: '2016-10-01' });
      expect(added.statusCode).toBe(200);
      const post = added.json().posts.find((p: { title: string }) => p.title === '黄花镇人民政府副镇长');
      expect(added.json().posts.filter((p: { endDate: string | null }) => p.endDate === null)).toHaveLength(2); // concurrent posts
      const early = await t.post('ORG_CADRE_SECTION', `/api/people/${pid}/posts/${post.id}/end`, { endDate: '2016-09-01' });
      expect(early.statusCode).toBe(400);
      const ended = await t.post('ORG_CADRE_SECTION', `/api/people/${pid}/posts/${post.id}/end`, { endDate: '2017-01-15' });
      expect(ended.statusCode).toBe(200);
      const again = await t.post('ORG_CADRE_SECTION', `/api/people/${pid}/posts/${post.id}/end`, { endDate: '2017-02-15' });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('ILLEGAL_TRANSITION');
      expect((await t.post('TOWN_ORG_MEMBER', `/api/people/${pid}/posts`, { orgUnitId: t.world.units.jiangbei.id, title: 'x', isLeadership: false, isPrincipal: false, startDate: '2016-10-01' })).statusCode).toBe(404);
      expect((await t.post(null, `/api/people/${pid}/posts`, {})).statusCode).toBe(401);
    });

    it('registers kinship once, never with oneself, and only within scope', async () => {
      const pid = t.world.people.townSecretary.id;
      const rel = t.world.people.clerk.id;
      const ok = await t.post('ORG_HEAD', `/api/people/${pid}/kinship`, { relativePersonId: rel, relation: 'SPOUSE', relationCode: '12' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().kinship[0]).toMatchObject({ relativeName: '赵六', relation: 'SPOUSE', relativeTitles: ['党政办科员'] });
      expect((await t.post('ORG_HEAD', `/api/people/${pid}/kinship`, { relativePersonId: rel, relation: 'SPOUSE' })).statusCode).toBe(409);
      expect((await t.post('ORG_HEAD', `/api/people/${pid}/kinship`, { relativePersonId: pid, relation: 'SPOUSE' })).statusCode).toBe(400);
      expect((await t.post('TOWN_ORG_MEMBER', `/api/people/${pid}/kinship`, { relativePersonId: t.world.people.siblingTownPerson.id, relation: 'COLLATERAL_3' })).statusCode).toBe(404);
      expect((await t.post('ORG_HEAD', `/api/people/${pid}/kinship`, { relativePersonId: rel, relation: 'COUSIN' })).statusCode).toBe(400);
    });
  });

  describe('reveal', () => {
    it('reveals the full ID number only with a reason, a fresh login and people.reveal in scope; each reveal is recorded', async () => {
      const pid = t.world.people.townSecretary.id;
      const cookie = await t.login('ORG_SUPERVISION_SECTION');
      const post = (body: unknown) => t.app.inject({ method: 'POST', url: `/api/people/${pid}/reveal`, headers: { cookie, origin: 'http://localhost:80' }, payload: body as object });
      expect((await post({ field: 'idNumber', reason: '短' })).statusCode).toBe(400);
      const before = await ledgerSize();
      const ok = await post({ field: 'idNumber', reason: '任前审查核对身份' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({ field: 'idNumber', value: '11010519491231002X' });
      expect(await ledgerSize()).toBe(before + 1);
      t.clock.advanceMinutes(6);
      const stale = await post({ field: 'phone', reason: '任前审查核对身份' });
      expect(stale.statusCode).toBe(401);
      expect(stale.json().code).toBe('REAUTH_REQUIRED');
      expect(await ledgerSize()).toBe(before + 1);
      const reauth = await t.app.inject({ method: 'POST', url: '/api/auth/reauth', headers: { cookie, origin: 'http://localhost:80' }, payload: { password: TEST_PASSWORD } });
      expect(reauth.statusCode).toBe(200);
      expect((await post({ field: 'phone', reason: '任前审查核对身份' })).json().value).toBe('13812345678');
      expect((await t.post('TOWN_SECRETARY', `/api/people/${pid}/reveal`, { field: 'idNumber', reason: '任前审查核对身份' })).statusCode).toBe(403);
      expect((await t.post('ORG_HEAD', `/api/people/${t.world.people.otherCountyPerson.id}/reveal`, { field: 'idNumber', reason: '任前审查核对身份' })).statusCode).toBe(404);
      const events = await t.db.selectFrom('ledger_event').select(['action', 'payload']).where('action', '=', 'person.field_revealed').execute();
      expect(events.length).toBe(2);
      expect(events.every((e) => !e.payload.includes('11010519491231002X') && !e.payload.includes('13812345678'))).toBe(true);
    });
  });

  it('codes: lists a catalogue, 400 for an unknown catalogue, 401 without session', async () => {
    expect((await t.get('CADRE_SELF', '/api/codes/ETHNICITY')).json().items[0]).toEqual({ code: '01', nameZh: '汉族', nameEn: 'Han' });
    expect((await t.get('CADRE_SELF', '/api/codes/NOPE')).statusCode).toBe(400);
    expect((await t.get(null, '/api/codes/ETHNICITY')).statusCode).toBe(401);
  });

  it('keeps the ledger chain valid after all of the above', async () => {
    expect(await verifyLedgerChain(t.db)).toMatchObject({ ok: true });
  });
});

function checkChar(body17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const s = [...body17].reduce((acc, d, i) => acc + Number(d) * w[i]!, 0);
  return '10X98765432'[s % 11]!;
}

function toFullWidth(s: string): string {
  return [...s].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
}
