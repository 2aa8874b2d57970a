/**
 * Excel import and export over HTTP on both databases (SECURITY.md §9 cases 1-12, item 22, item 14).
 * Every workbook is generated here with exceljs; nothing binary is committed.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Role } from '../../../contracts/enums.ts';
import { verifyLedgerChain } from '../../platform/ledger/index.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { TEST_DIALECTS } from '../../test/test-db.ts';
import { buildZip } from '../../platform/excel/testdata/zip-fixtures.ts';
import { HEADERS, rosterXlsx, validRows, type RosterRow } from './testdata/roster-fixtures.ts';
import { buildActor } from '../auth/auth.service.ts';
import { listPeopleForExport } from '../people/index.ts';
import { importPeopleFileAs } from './transfer.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function multipart(fileName: string, content: Buffer, field = 'file'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----bw${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${XLSX}\r\n\r\n`, 'utf8');
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function sheetOf(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return wb.worksheets[0]!;
}

function sheetValues(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

describe.each(TEST_DIALECTS)('Excel import and export on %s', (dialect) => {
  let t: TestApp;
  let offset = 1000;
  /** distinct ID numbers for every file of the suite */
  const rows = (n: number, options: Parameters<typeof validRows>[1] = {}) => {
    const r = validRows(n, { offset, ...options });
    offset += n;
    return r;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await t.db
      .insertInto('code_item')
      .values([
        { catalog: 'ETHNICITY', code: '01', name_zh: '汉族', name_en: 'Han', sort_order: 1, active: 1 },
        { catalog: 'ETHNICITY', code: '15', name_zh: '土家族', name_en: 'Tujia', sort_order: 15, active: 1 },
        { catalog: 'EDUCATION', code: '21', name_zh: '大学本科毕业', name_en: "Bachelor's", sort_order: 1, active: 1 },
      ])
      .execute();
  });
  afterAll(async () => {
    await t?.close();
  });

  const upload = (role: Role | null, fileName: string, content: Buffer, field = 'file') => {
    const m = multipart(fileName, content, field);
    return t.call(role, 'POST', '/api/imports/people', m.payload, m.headers);
  };
  const count = async (table: 'person' | 'post' | 'cadre' | 'ledger_event' | 'import_batch') =>
    Number((await t.db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  const snapshot = async () => ({ person: await count('person'), post: await count('post'), cadre: await count('cadre'), ledger: await count('ledger_event'), batch: await count('import_batch') });

  describe('access', () => {
    it('answers 401 without a session on every route', async () => {
      const id = '01900000-0000-7000-8000-000000000000';
      for (const url of ['/api/imports/template', '/api/imports', `/api/imports/${id}`, `/api/imports/${id}/report`, '/api/people/export.xlsx']) {
        expect((await t.get(null, url)).statusCode, url).toBe(401);
      }
      expect((await upload(null, 'a.xlsx', await rosterXlsx({ rows: rows(1) }))).statusCode).toBe(401);
    });

    it('answers 403 to roles without the permission', async () => {
      expect((await upload('COUNTY_SECRETARY', 'a.xlsx', await rosterXlsx({ rows: rows(1) }))).statusCode).toBe(403);
      expect((await t.get('TOWN_SECRETARY', '/api/imports/template')).statusCode).toBe(403);
      expect((await t.get('AUDITOR', '/api/people/export.xlsx')).statusCode).toBe(403);
      expect((await t.get('SYS_ADMIN', '/api/people/export.xlsx')).statusCode).toBe(403);
    });
  });

  describe('template', () => {
    it('downloads the template with the columns, notes and two examples from the caller’s own units', async () => {
      const res = await t.get('TOWN_ORG_MEMBER', '/api/imports/template');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="people-import-template.xlsx"; filename*=UTF-8''${encodeURIComponent('人员导入模板.xlsx')}`);
      expect(res.headers['cache-control']).toBe('no-store');
      const ws = await sheetOf(res.rawPayload);
      const values = sheetValues(ws);
      expect(values[0]).toEqual(HEADERS);
      expect(values).toHaveLength(3);
      expect(values[1]).toContain('黄花镇/黄花村');
      expect(values[2]).toContain('黄花镇');
      expect(ws.getCell('A1').note).toContain('Name');
      expect(ws.getColumn(HEADERS.indexOf('身份证号') + 1).numFmt).toBe('@');
    });

    it('refuses its own example rows if they are uploaded unchanged', async () => {
      const template = (await t.get('TOWN_ORG_MEMBER', '/api/imports/template')).rawPayload;
      const res = await upload('TOWN_ORG_MEMBER', '模板.xlsx', template);
      expect(res.statusCode).toBe(422);
      expect(res.json().errors).toEqual([
        { row: 2, column: '姓名', message: '这是模板中的示例行，请删除后再导入' },
        { row: 3, column: '姓名', message: '这是模板中的示例行，请删除后再导入' },
      ]);
    });
  });

  describe('import', () => {
    it('imports every row with posts and cadre records in one transaction, one ledger event per person', async () => {
      const before = await snapshot();
      const data = rows(30);
      // dates as the offices write them: serials, Dates, CJK and slash text, yyyymmdd numbers
      const serial = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 25569;
      const expected = data.map((r) => r.birthDate as string);
      data[0]!.birthDate = serial(expected[0]!);
      data[1]!.birthDate = new Date(`${expected[1]!}T00:00:00Z`);
      data[2]!.birthDate = expected[2]!.replace(/^(\d{4})-0?(\d+)-0?(\d+)$/, '$1年$2月$3日');
      data[3]!.birthDate = expected[3]!.replace(/^(\d{4})-0?(\d+)-0?(\d+)$/, '$1/$2/$3');
      data[4]!.birthDate = Number(expected[4]!.replace(/-/g, ''));
      data[5]!.idNumber = `'${data[5]!.idNumber as string}`;
      data[6]!.ethnicity = '土家';
      const res = await upload('TOWN_ORG_MEMBER', '黄花镇花名册.xlsx', await rosterXlsx({ rows: data }));
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ created: 30, posts: 30, fileName: '黄花镇花名册.xlsx' });
      expect(body.cadres).toBeGreaterThan(0);
      const after = await snapshot();
      expect(after).toEqual({ person: before.person + 30, post: before.post + 30, cadre: before.cadre + body.cadres, ledger: before.ledger + 31, batch: before.batch + 1 });

      const stored = await t.db.selectFrom('person').selectAll().where('name', 'in', data.slice(0, 7).map((r) => r.name as string)).execute();
      const births = new Set(stored.map((p) => p.birth_date));
      for (const iso of expected.slice(0, 5)) expect(births.has(iso)).toBe(true);
      expect(stored.some((p) => p.ethnicity_code === '15')).toBe(true);
      for (const p of stored) {
        expect(p.id_number_masked).toMatch(/^430121\*{8}\d{3}[\dX]$/);
        expect(p.id_number_enc).not.toContain('430121');
        expect(p.org_path.startsWith(t.world.units.huanghua.path)).toBe(true);
      }
      const events = await t.db.selectFrom('ledger_event').selectAll().where('seq', '>', before.ledger).orderBy('seq').execute();
      expect(events[0]).toMatchObject({ action: 'import.committed', object_id: body.batchId });
      expect(events.slice(1).every((e) => e.action === 'person.created' && JSON.parse(e.payload).batchId === body.batchId)).toBe(true);
      // no raw ID number or phone in any payload
      // (hex digests and UUIDs removed first: a SHA-256 in hex holds an 11-digit run starting with 1 about 3 % of the time)
      for (const e of events) expect(e.payload.replace(/\b[0-9a-f]{64}\b|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '')).not.toMatch(/\d{17}[\dX]|1\d{10}/);
      expect(await verifyLedgerChain(t.db)).toMatchObject({ ok: true });

      const list = await t.get('TOWN_ORG_MEMBER', '/api/imports');
      expect(list.json().items[0]).toMatchObject({ id: body.batchId, rowCount: 30, status: 'committed', fileName: '黄花镇花名册.xlsx' });
      expect((await t.get('TOWN_ORG_MEMBER', `/api/imports/${body.batchId}`)).json()).toMatchObject({ status: 'committed' });
      expect((await t.get('ORG_HEAD', `/api/imports/${body.batchId}`)).statusCode).toBe(404);
      expect((await t.get('ORG_HEAD', '/api/imports')).json().items).toEqual([]);
    });

    it('refuses the same file a second time (409) and writes nothing', async () => {
      const file = await rosterXlsx({ rows: rows(2) });
      expect((await upload('ORG_CADRE_SECTION', 'a.xlsx', file)).statusCode).toBe(200);
      const before = await snapshot();
      const again = await upload('ORG_CADRE_SECTION', 'renamed.xlsx', file);
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'ALREADY_IMPORTED', message: expect.stringMatching(/^该文件已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 导入（2 人）/) });
      expect(await snapshot()).toEqual(before);
    });

    it('keeps a town official to the town: sibling-town and unknown units are the same row error, nothing written', async () => {
      const before = await snapshot();
      const data = rows(6);
      data[1]!.unit = '江背镇';
      data[2]!.unit = '江背镇/江背村';
      data[3]!.unit = '并不存在镇';
      data[4]!.unit = '430121104'; // 江背镇 by code
      data[5]!.unit = '长沙县'; // an ancestor: named in paths, but not a unit the town may write to
      const res = await upload('TOWN_ORG_MEMBER', 'b.xlsx', await rosterXlsx({ rows: data }));
      expect(res.statusCode).toBe(422);
      const body = res.json();
      expect(body.code).toBe('VALIDATION');
      expect(body.message).toContain('未导入任何数据');
      expect(body.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
        [3, '所在单位'],
        [4, '所在单位'],
        [5, '所在单位'],
        [6, '所在单位'],
        [7, '所在单位'],
      ]);
      const shapes = body.errors.map((e: { message: string }) => e.message.replace(/：.*$/, ''));
      expect(new Set(shapes)).toEqual(new Set(['单位不在您的管理范围内（或不存在）']));
      expect(await snapshot()).toEqual(before);
      // the county sees 江背镇
      expect((await upload('ORG_HEAD', 'b.xlsx', await rosterXlsx({ rows: rows(2, { units: ['江背镇', '江背镇/江背村'] }) }))).statusCode).toBe(200);
    });

    it('reports duplicate ID numbers within the file and against the database; zero rows imported', async () => {
      const before = await snapshot();
      const data = rows(4);
      data[2]!.idNumber = data[0]!.idNumber;
      data[2]!.birthDate = data[0]!.birthDate;
      data[2]!.gender = data[0]!.gender;
      Object.assign(data[3]!, { idNumber: '11010519491231002X', birthDate: '1949-12-31', gender: '女' });
      const res = await upload('TOWN_ORG_MEMBER', 'dup.xlsx', await rosterXlsx({ rows: data }));
      expect(res.statusCode).toBe(422);
      expect(res.json().errors).toEqual([
        { row: 4, column: '身份证号', message: '与第 2 行的身份证号重复' },
        { row: 5, column: '身份证号', message: '该身份证号已登记在系统中，请勿重复导入' },
      ]);
      expect(await snapshot()).toEqual(before);
    });

    it('refuses ID numbers typed into numeric cells and checks every rule of every row', async () => {
      const before = await snapshot();
      const data: RosterRow[] = rows(3);
      // typed as a number in Excel: 15 significant digits survive
      data[0]!.idNumber = Number('430121198506151310');
      Object.assign(data[1]!, { gender: '未知', birthDate: '2023-02-29', phone: '12345', isPrincipal: '是', isLeadership: '否', partyJoinDate: '2000-01-01', isPartyMember: '否' });
      Object.assign(data[2]!, { rank: '处长', education: '博士后', authority: '江背镇', title: undefined });
      const res = await upload('TOWN_ORG_MEMBER', 'bad.xlsx', await rosterXlsx({ rows: data }));
      expect(res.statusCode).toBe(422);
      const errors: { row: number; column: string; message: string }[] = res.json().errors;
      expect(errors[0]).toEqual({ row: 2, column: '身份证号', message: '身份证号列为数字格式，末位已丢失，请将该列设为文本后重新填写' });
      expect(errors.filter((e) => e.row === 3).map((e) => e.column)).toEqual(['性别', '出生日期', '手机号码', '是否正职', '入党日期']);
      expect(errors.filter((e) => e.row === 4).map((e) => e.column)).toEqual(['任职日期', '职级', '学历', '干部管理权限单位']);
      expect(await snapshot()).toEqual(before);
    });

    it('names missing and renamed columns and lists the expected ones', async () => {
      const headers = HEADERS.filter((h) => h !== '所在单位*').map((h) => (h === '出生日期*' ? '出生年月' : h));
      const res = await upload('TOWN_ORG_MEMBER', 'h.xlsx', await rosterXlsx({ headers, rows: [['张三']] }));
      expect(res.statusCode).toBe(422);
      const body = res.json();
      expect(body.message).toContain('缺少 出生日期、所在单位');
      expect(body.message).toContain('无法识别 出生年月');
      expect(body.message).toContain('姓名*、性别*、出生日期*');
      expect(body.errors.map((e: { column: string }) => e.column)).toEqual(['出生日期', '所在单位', '出生年月']);
    });

    it('cannot be polluted through __proto__ or constructor headers and sheet names', async () => {
      const headers = [...HEADERS, '__proto__', 'constructor'];
      const file = await rosterXlsx({ name: '__proto__', headers, rows: rows(1) }, (wb) => {
        const ws = wb.worksheets[0]!;
        ws.getCell(2, headers.length - 1).value = '{"polluted":true}';
        ws.getCell(2, headers.length).value = '{"prototype":{"polluted":true}}';
      });
      const res = await upload('TOWN_ORG_MEMBER', 'p.xlsx', file);
      expect(res.statusCode).toBe(422);
      expect(res.json().errors.map((e: { column: string }) => e.column)).toEqual(['__proto__', 'constructor']);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('stores formula-looking text as text and exports it with a leading apostrophe', async () => {
      const data = rows(4);
      const names = ['=HYPERLINK("http://x","y")', '@SUM(1+1)', '-2+3', '+1'];
      names.forEach((n, i) => (data[i]!.name = n));
      data[0]!.title = '\t=1+1';
      const res = await upload('TOWN_ORG_MEMBER', 'f.xlsx', await rosterXlsx({ rows: data }));
      expect(res.statusCode, res.body).toBe(200);
      const stored = await t.db.selectFrom('person').select('name').where('name', 'in', names).execute();
      expect(stored.map((p) => p.name).sort()).toEqual([...names].sort());
      const title = await t.db.selectFrom('post').select('title').where('title', '=', '=1+1').executeTakeFirst();
      expect(title).toBeDefined();

      const exported = await t.get('TOWN_ORG_MEMBER', '/api/people/export.xlsx');
      expect(exported.statusCode).toBe(200);
      const values = sheetValues(await sheetOf(exported.rawPayload));
      for (const n of names) expect(values.some((r) => r[0] === `'${n}`)).toBe(true);
      expect(values.some((r) => r[5] === "'=1+1")).toBe(true);
    });

    it('refuses hostile and broken files: renamed .exe 415, macros 415, zip bomb 413, 25 MB 413, corrupt 400', async () => {
      const before = await snapshot();
      const exe = Buffer.concat([Buffer.from('MZ'), randomBytes(4000)]);
      expect((await upload('TOWN_ORG_MEMBER', 'roster.xlsx', exe)).json()).toMatchObject({ code: 'UNSUPPORTED_FILE' });
      expect((await upload('TOWN_ORG_MEMBER', 'roster.xlsx', exe)).statusCode).toBe(415);

      const good = await rosterXlsx({ rows: rows(1) });
      const xlsm = buildZip([
        { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
        { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
        { name: 'xl/vbaProject.bin', data: randomBytes(512) },
      ]);
      const macro = await upload('TOWN_ORG_MEMBER', 'roster.xlsx', xlsm);
      expect(macro.statusCode).toBe(415);
      expect(macro.json().message).toContain('宏');
      expect((await upload('TOWN_ORG_MEMBER', 'roster.xlsm', good)).statusCode).toBe(415);
      expect((await upload('TOWN_ORG_MEMBER', 'roster.csv', good)).statusCode).toBe(415);

      const bomb = buildZip([
        { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
        { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(60 * 1024 * 1024) },
      ]);
      const bombed = await upload('TOWN_ORG_MEMBER', 'roster.xlsx', bomb);
      expect(bombed.statusCode).toBe(413);
      expect(bombed.json().message).toContain('压缩炸弹');

      const started = Date.now();
      const huge = await upload('TOWN_ORG_MEMBER', 'roster.xlsx', Buffer.concat([good, randomBytes(25 * 1024 * 1024)]));
      expect(huge.statusCode).toBe(413);
      expect(huge.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('10 MB') });
      expect(Date.now() - started).toBeLessThan(15_000);

      const corrupt = await upload('TOWN_ORG_MEMBER', 'roster.xlsx', good.subarray(0, good.length - 300));
      expect(corrupt.statusCode).toBe(400);
      expect(corrupt.json().message).toContain('无法读取');
      expect(await snapshot()).toEqual(before);
    });

    it('answers 400 to uploads that are not one multipart file', async () => {
      const json = await t.post('TOWN_ORG_MEMBER', '/api/imports/people', { file: 'x' });
      expect(json.statusCode).toBe(400);
      expect(json.json().message).toContain('multipart');
      expect((await upload('TOWN_ORG_MEMBER', 'a.xlsx', await rosterXlsx({ rows: rows(1) }), 'other')).statusCode).toBe(400);
      expect((await upload('TOWN_ORG_MEMBER', 'a.xlsx', Buffer.alloc(0))).statusCode).toBe(400);
      const boundary = 'b0undary';
      const two = Buffer.from(
        [`--${boundary}`, 'Content-Disposition: form-data; name="file"; filename="a.xlsx"', '', 'PK', `--${boundary}`, 'Content-Disposition: form-data; name="file"; filename="b.xlsx"', '', 'PK', `--${boundary}--`, ''].join('\r\n'),
      );
      const res = await t.call('TOWN_ORG_MEMBER', 'POST', '/api/imports/people', two, { 'content-type': `multipart/form-data; boundary=${boundary}` });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    });

    it('imports through the CLI path as a named account, with that account’s scope', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-import-'));
      try {
        const file = path.join(dir, 'cli.xlsx');
        fs.writeFileSync(file, await rosterXlsx({ rows: rows(3) }));
        const ok = await importPeopleFileAs(t.deps, { file, username: t.world.usernames.TOWN_ORG_MEMBER });
        expect(ok).toMatchObject({ ok: true, result: { created: 3 } });
        const outside = path.join(dir, 'outside.xlsx');
        fs.writeFileSync(outside, await rosterXlsx({ rows: rows(1, { units: ['江背镇'] }) }));
        const refused = await importPeopleFileAs(t.deps, { file: outside, username: t.world.usernames.TOWN_ORG_MEMBER });
        expect(refused.ok).toBe(false);
        await expect(importPeopleFileAs(t.deps, { file: outside, username: 'nobody' })).rejects.toMatchObject({ status: 404 });
        await expect(importPeopleFileAs(t.deps, { file: outside, username: t.world.usernames.AUDITOR })).rejects.toMatchObject({ status: 403 });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('export', () => {
    it('exports exactly the caller’s scope with masked fields, as an attachment, recorded in the ledger', async () => {
      const before = await count('ledger_event');
      const res = await t.get('TOWN_ORG_MEMBER', '/api/people/export.xlsx');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="people-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''%E4%BA%BA%E5%91%98%E5%90%8D%E5%8D%95-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const values = sheetValues(await sheetOf(res.rawPayload));
      expect(values[0]).toEqual(['姓名', '性别', '出生日期', '年龄', '所在单位', '现任职务', '职级', '是否党员', '身份证号（脱敏）', '手机号码（脱敏）']);
      const names = values.slice(1).map((r) => r[0]);
      expect(names).toContain('张三');
      for (const sibling of ['孙八', '周九', '吴十']) expect(names).not.toContain(sibling);
      expect(values.slice(1).every((r) => !['江背镇', '江背村', '乔口镇'].includes(r[4] as string))).toBe(true);
      const zhang = values.find((r) => r[0] === '张三')!;
      expect(zhang[8]).toBe('110105********002X');
      expect(zhang[9]).toBe('138****5678');
      expect(JSON.stringify(values)).not.toContain('11010519491231002X');

      const list = await t.get('TOWN_ORG_MEMBER', '/api/people?pageSize=1');
      expect(values.length - 1).toBe(list.json().total);
      const events = await t.db.selectFrom('ledger_event').selectAll().where('seq', '>', before).execute();
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ action: 'people.exported', org_path: t.world.units.huanghua.path });
      expect(JSON.parse(events[0]!.payload)).toMatchObject({ rowCount: values.length - 1, filters: {} });
    });

    it('refuses an export beyond the row cap with a clear message', async () => {
      const user = await t.db.selectFrom('app_user').selectAll().where('id', '=', t.world.users.ORG_HEAD).executeTakeFirstOrThrow();
      const actor = await buildActor(t.deps, user, 'test', t.clock.now());
      await expect(listPeopleForExport({ ...t.deps, actor }, {}, 3)).rejects.toMatchObject({ status: 413, text: { zh: expect.stringContaining('超过单次导出 3 人的上限') } });
      expect((await listPeopleForExport({ ...t.deps, actor }, { q: '赵六' }, 3)).items.map((p) => p.name)).toEqual(['赵六']);
    });

    it('applies the list filters, keeps search text out of the ledger, and 404s a unit outside the scope', async () => {
      const women = await t.get('TOWN_ORG_MEMBER', '/api/people/export.xlsx?gender=F&q=' + encodeURIComponent('赵'));
      const values = sheetValues(await sheetOf(women.rawPayload));
      expect(values.slice(1).map((r) => r[0])).toEqual(['赵六']);
      const last = await t.db.selectFrom('ledger_event').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
      const payload = JSON.parse(last.payload);
      expect(payload.filters).toMatchObject({ gender: 'F', qHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(last.payload).not.toContain('赵');
      expect((await t.get('TOWN_ORG_MEMBER', `/api/people/export.xlsx?orgUnitId=${t.world.units.jiangbei.id}`)).statusCode).toBe(404);
      expect((await t.get('TOWN_ORG_MEMBER', '/api/people/export.xlsx?page=2&bogus=1')).statusCode).toBe(400);
      expect((await t.get('TOWN_ORG_MEMBER', '/api/people/export.xlsx?gender=X')).statusCode).toBe(400);
    });
  });

  describe('with time passing', () => {
    it('keeps a rejected upload’s report for its uploader only, for one hour', async () => {
      const data = rows(2);
      data[1]!.unit = '江背镇';
      const rejected = await upload('TOWN_ORG_MEMBER', 'r.xlsx', await rosterXlsx({ rows: data }));
      const { reportId } = rejected.json();
      const report = await t.get('TOWN_ORG_MEMBER', `/api/imports/${reportId}/report`);
      expect(report.statusCode).toBe(200);
      expect(report.headers['content-disposition']).toContain("filename*=UTF-8''%E5%AF%BC%E5%85%A5%E9%94%99%E8%AF%AF%E6%8A%A5%E5%91%8A");
      expect(sheetValues(await sheetOf(report.rawPayload))).toEqual([
        ['行号', '列名', '原因'],
        [3, '所在单位', '单位不在您的管理范围内（或不存在）：江背镇'],
      ]);
      expect((await t.get('TOWN_ORG_MEMBER', `/api/imports/${reportId}`)).json()).toMatchObject({ status: 'rejected' });
      expect((await t.get('ORG_HEAD', `/api/imports/${reportId}/report`)).statusCode).toBe(404);
      expect((await t.get('TOWN_ORG_MEMBER', '/api/imports/01900000-0000-7000-8000-000000000000/report')).statusCode).toBe(404);

      t.clock.advanceMinutes(61);
      await t.login('TOWN_ORG_MEMBER');
      expect((await t.get('TOWN_ORG_MEMBER', `/api/imports/${reportId}/report`)).statusCode).toBe(404);
    });

    it('asks for a fresh login before an export', async () => {
      await t.login('TOWN_ORG_MEMBER');
      t.clock.advanceMinutes(6);
      const stale = await t.get('TOWN_ORG_MEMBER', '/api/people/export.xlsx');
      expect(stale.statusCode).toBe(401);
      expect(stale.json().code).toBe('REAUTH_REQUIRED');
      await t.login('TOWN_ORG_MEMBER');
      expect((await t.get('TOWN_ORG_MEMBER', '/api/people/export.xlsx')).statusCode).toBe(200);
    });

    it('leaves a valid ledger chain', async () => {
      expect(await verifyLedgerChain(t.db)).toMatchObject({ ok: true });
    });
  });
});
