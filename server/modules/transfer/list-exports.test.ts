/**
 * The list exports of issue 3 deliverable 7 beside people, audit and users: org units, Party organisations, archive
 * access requests (both boxes) and import batches, on both databases. Each one holds exactly the rows of its list
 * for the same query and caller (an out-of-scope unit, another user's request or import never appears), escapes
 * formula triggers, keeps personal data out of the ledger, and is one ledger event.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/enums.ts';
import { insertOrgUnit, insertPerson } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { TEST_DIALECTS } from '../../test/test-db.ts';
import { rosterXlsx, validRows } from './testdata/roster-fixtures.ts';
import { importPeopleFileAs } from './transfer.service.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function rowsOf(buffer: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const out: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

describe.each(TEST_DIALECTS)('list exports (issue 3) on %s', (dialect) => {
  let t: TestApp;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-list-exports-'));

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await t.db
      .insertInto('code_item')
      .values([
        { catalog: 'ETHNICITY', code: '01', name_zh: '汉族', name_en: 'Han', sort_order: 1, active: 1 },
        { catalog: 'EDUCATION', code: '21', name_zh: '大学本科毕业', name_en: "Bachelor's", sort_order: 1, active: 1 },
      ])
      .execute();
    const { units } = t.world;
    await insertOrgUnit(t.db, { name: '=HYPERLINK("http://x","点我")村', type: 'VILLAGE', parent: units.huanghua });
    await insertOrgUnit(t.db, { name: '+江背新村', type: 'VILLAGE', parent: units.jiangbei });
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const lastEvent = () => t.db.selectFrom('ledger_event').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();

  async function exported(role: Role, url: string): Promise<unknown[][]> {
    const before = await lastEvent();
    const res = await t.get(role, url);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[^"]+\.xlsx"; filename\*=UTF-8''/);
    expect(res.headers['cache-control']).toBe('no-store');
    // exactly one event besides the role's first login
    const added = await t.db.selectFrom('ledger_event').select('action').where('seq', '>', before.seq).where('action', '<>', 'auth.login').execute();
    expect(added.map((e) => e.action)).toEqual([expect.stringMatching(/\.exported$/)]);
    return rowsOf(res.rawPayload);
  }

  it('org units: the list of the same query and scope, formula triggers escaped, the search text hashed in the ledger', async () => {
    const list = await t.get('TOWN_ORG_MEMBER', `/api/org-units?q=${encodeURIComponent('村')}`);
    expect(list.statusCode).toBe(200);
    const names = (list.json().items as { name: string }[]).map((u) => u.name);
    const rows = await exported('TOWN_ORG_MEMBER', `/api/org-units/export.xlsx?q=${encodeURIComponent('村')}`);
    expect(rows[0]).toEqual(['名称', '简称', '统一代码', '类型', '上级单位（自上而下）', '下级单位数', '生效日期', '撤销日期']);
    const exportedNames = rows.slice(1).map((r) => String(r[0]).replace(/^'/, ''));
    expect(exportedNames.sort()).toEqual([...names].sort());
    expect(exportedNames).toEqual(expect.arrayContaining(['黄花村', '新塘村']));
    // scope: the other town's villages never appear
    expect(exportedNames.some((n) => n.includes('江背'))).toBe(false);
    // formula trigger defused with a leading apostrophe
    expect(rows.some((r) => r[0] === `'=HYPERLINK("http://x","点我")村`)).toBe(true);
    const event = await lastEvent();
    expect(event).toMatchObject({ action: 'org_units.exported', object_type: 'export', actor_role: 'TOWN_ORG_MEMBER' });
    expect(event.payload).not.toContain('村');
    expect(JSON.parse(event.payload)).toMatchObject({ rowCount: rows.length - 1, format: 'xlsx', filters: { qHash: expect.any(String) } });

    // the county sees both, and the other town's trigger is escaped too
    const county = await exported('ORG_HEAD', `/api/org-units/export.xlsx?q=${encodeURIComponent('村')}`);
    expect(county.some((r) => r[0] === "'+江背新村")).toBe(true);
    expect((await t.get('ORG_HEAD', '/api/org-units/export.xlsx?type=NOPE')).statusCode).toBe(400);
  });

  it('party organisations: the list of the same query, one ledger event', async () => {
    const list = (await t.get('ORG_HEAD', '/api/party-orgs')).json().items as { name: string }[];
    const rows = await exported('ORG_HEAD', '/api/party-orgs/export.xlsx');
    expect(rows[0]?.[0]).toBe('名称');
    expect(rows.slice(1).map((r) => String(r[0]).replace(/^'/, ''))).toEqual(list.map((o) => o.name));
    expect(await lastEvent()).toMatchObject({ action: 'party_orgs.exported', actor_role: 'ORG_HEAD' });
  });

  it("archive requests: the requester's own box and the approver's inbox, nobody else's, escaped, no names in the ledger", async () => {
    const { units } = t.world;
    const subject = await insertPerson(t.db, t.cipher, { name: '档案对象甲', unit: units.huanghua, phone: '13900001111', cadre: { rankLevel: 'DEPUTY_SECTION', authority: units.county } });
    const created = await t.post('TOWN_ORG_MEMBER', '/api/archive/requests', { personId: subject.id, purpose: 'INSPECTION', reason: '=cmd|"/c calc"!A1 换届考察' });
    expect(created.statusCode, created.body).toBe(200);
    const other = await t.post('DISCIPLINE_COMMISSION', '/api/archive/requests', { personId: subject.id, purpose: 'DISCIPLINE_CASE', reason: '纪检办案需要查阅' });
    expect(other.statusCode, other.body).toBe(200);

    const mine = await exported('TOWN_ORG_MEMBER', '/api/archive/requests/export.xlsx?box=mine');
    expect(mine).toHaveLength(2);
    expect(mine[1]).toContain('档案对象甲');
    expect(mine[1]).toContain(`'=cmd|"/c calc"!A1 换届考察`);
    expect(mine.flat()).not.toContain('纪检办案需要查阅'); // another requester's request
    expect(mine.flat().join(' ')).not.toContain('13900001111');
    const event = await lastEvent();
    expect(event).toMatchObject({ action: 'archive_requests.exported', actor_role: 'TOWN_ORG_MEMBER' });
    expect(event.payload).not.toContain('档案对象甲');
    expect(JSON.parse(event.payload)).toMatchObject({ filters: { box: 'mine' }, rowCount: 1 });

    const inbox = await exported('ORG_HEAD', '/api/archive/requests/export.xlsx?box=toApprove&status=PENDING');
    const listed = (await t.get('ORG_HEAD', '/api/archive/requests?box=toApprove&status=PENDING&pageSize=100')).json<{ total: number }>();
    expect(inbox).toHaveLength(listed.total + 1);
    expect(inbox.flat()).toContain('纪检办案需要查阅');
    // a box the caller has no permission for: 403, and no event
    const before = await lastEvent();
    expect((await t.get('TOWN_ORG_MEMBER', '/api/archive/requests/export.xlsx?box=toApprove')).statusCode).toBe(403);
    expect((await lastEvent()).seq).toEqual(before.seq);
  });

  it("import batches: the caller's own imports only, file names escaped", async () => {
    const file = path.join(tmp, '=SUM(1,2)花名册.xlsx');
    fs.writeFileSync(file, await rosterXlsx({ rows: validRows(2, { offset: 7000 }) }));
    const outcome = await importPeopleFileAs(t.deps, { file, username: t.world.usernames.TOWN_ORG_MEMBER });
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);

    const rows = await exported('TOWN_ORG_MEMBER', '/api/imports/export.xlsx');
    expect(rows[0]).toEqual(['导入时间', '文件名', '类型', '导入人数', '状态']);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual([expect.any(String), "'=SUM(1,2)花名册.xlsx", '人员花名册', 2, '已导入']);
    expect(await lastEvent()).toMatchObject({ action: 'imports.exported', actor_role: 'TOWN_ORG_MEMBER' });

    // another user's imports never appear
    const theirs = await exported('ORG_CADRE_SECTION', '/api/imports/export.xlsx');
    expect(theirs).toHaveLength(1);
    expect((await t.get('COUNTY_SECRETARY', '/api/imports/export.xlsx')).statusCode).toBe(403);
  });
});
