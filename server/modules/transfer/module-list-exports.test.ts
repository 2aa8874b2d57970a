/**
 * The list exports of issue 3 deliverable 7 added for the domain modules' lists: analysis campaigns, evaluations,
 * service groups, poverty teams and households, 信访举报 petitions, 任前廉政审查 reviews, the discipline commission's routed O2O reports and
 * the ledger checkpoints, on both
 * databases. Each export holds exactly the rows its list answers for the same query and caller, escapes formula
 * triggers, keeps free text out of the ledger and is one `<module>.exported` event; the discipline lists need a
 * fresh login and refuse callers without the list's permission.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/enums.ts';
import { FakeClock } from '../../platform/clock.ts';
import { createCheckpoint, generateLedgerKeyFile } from '../../platform/ledger/index.ts';
import { insertPerson } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { TEST_DIALECTS } from '../../test/test-db.ts';
import { submitMatter } from '../o2o/o2o.service.ts';
import { insertTeamWithHousehold } from '../poverty/poverty.test-fixtures.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function rowsOf(buffer: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const out: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

const unescape = (v: unknown) => String(v).replace(/^'/, '');

describe.each(TEST_DIALECTS)('module list exports (issue 3) on %s', (dialect) => {
  let t: TestApp;
  let subjectId = '';

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const { units } = t.world;
    const subject = await insertPerson(t.db, t.cipher, {
      name: '@导出对象',
      unit: units.huanghua,
      cadre: { rankLevel: 'DEPUTY_SECTION', authority: units.county },
      posts: [{ unit: units.huanghua, title: '副镇长', isLeadership: true }],
    });
    subjectId = subject.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const lastEvent = () => t.db.selectFrom('ledger_event').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();

  /** The export of `url` as `role`: 200, the shared download headers, exactly one `.exported` event besides a first login. */
  async function exported(role: Role, url: string): Promise<unknown[][]> {
    await t.as(role);
    const before = await lastEvent();
    const res = await t.get(role, url);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[^"]+\.xlsx"; filename\*=UTF-8''/);
    expect(res.headers['cache-control']).toBe('no-store');
    const added = await t.db.selectFrom('ledger_event').select('action').where('seq', '>', before.seq).execute();
    expect(added.map((e) => e.action)).toEqual([expect.stringMatching(/\.exported$/)]);
    return rowsOf(res.rawPayload);
  }

  async function listed<T>(role: Role, url: string): Promise<T[]> {
    const res = await t.get(role, `${url}${url.includes('?') ? '&' : '?'}pageSize=200`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    return res.json<{ items: T[] }>().items;
  }

  it('analysis campaigns: the list of the same query and scope, the name escaped, the search text hashed', async () => {
    const { units } = t.world;
    const created = await t.post('ORG_CADRE_SECTION', '/api/analysis/campaigns', { name: '=HYPERLINK("http://x","研判")黄花镇', scopeTownIds: [units.huanghua.id], startAt: '2016-05-01', endAt: '2016-07-31' });
    expect(created.statusCode, created.body).toBe(200);
    const other = await t.post('ORG_CADRE_SECTION', '/api/analysis/campaigns', { name: '江背镇换届考察', scopeTownIds: [units.jiangbei.id], startAt: '2016-05-01', endAt: '2016-07-31' });
    expect(other.statusCode, other.body).toBe(200);

    const list = await listed<{ name: string }>('ORG_CADRE_SECTION', '/api/analysis/campaigns?status=PLANNING&sort=name');
    const rows = await exported('ORG_CADRE_SECTION', '/api/analysis/campaigns/export.xlsx?status=PLANNING&sort=name');
    expect(rows[0]?.[0]).toBe('研判工作');
    expect(rows.slice(1).map((r) => unescape(r[0]))).toEqual(list.map((c) => c.name));
    expect(rows.some((r) => r[0] === `'=HYPERLINK("http://x","研判")黄花镇`)).toBe(true);

    const searched = await exported('ORG_CADRE_SECTION', `/api/analysis/campaigns/export.xlsx?q=${encodeURIComponent('江背')}`);
    expect(searched.slice(1).map((r) => r[0])).toEqual(['江背镇换届考察']);
    const event = await lastEvent();
    expect(event).toMatchObject({ action: 'campaign.exported', object_type: 'export', actor_role: 'ORG_CADRE_SECTION' });
    expect(event.payload).not.toContain('江背');
    expect(JSON.parse(event.payload)).toMatchObject({ rowCount: 1, format: 'xlsx', filters: { qHash: expect.any(String) } });
    // a town's organisation member has no campaign.read: 403
    expect((await t.get('TOWN_ORG_MEMBER', '/api/analysis/campaigns/export.xlsx')).statusCode).toBe(403);
  });

  it('evaluations: the list of the same filters, the subject name escaped, rater counts only', async () => {
    const now = t.clock.now().getTime();
    const created = await t.post('ORG_CADRE_SECTION', '/api/evaluations', {
      subjectPersonId: subjectId,
      purpose: 'PRE_APPOINTMENT',
      openAt: new Date(now - 60_000).toISOString(),
      closeAt: new Date(now + 86_400_000).toISOString(),
      groups: [{ group: 'COLLEAGUES', tokenCount: 12 }],
    });
    expect(created.statusCode, created.body).toBe(200);
    const annual = await t.post('ORG_CADRE_SECTION', '/api/evaluations', {
      subjectPersonId: t.world.people.townSecretary.id,
      purpose: 'ANNUAL',
      openAt: new Date(now - 60_000).toISOString(),
      closeAt: new Date(now + 86_400_000).toISOString(),
      groups: [{ group: 'COLLEAGUES', tokenCount: 8 }],
    });
    expect(annual.statusCode, annual.body).toBe(200);

    const list = await listed<{ subjectName: string }>('ORG_CADRE_SECTION', '/api/evaluations?purpose=PRE_APPOINTMENT');
    const rows = await exported('ORG_CADRE_SECTION', '/api/evaluations/export.xlsx?purpose=PRE_APPOINTMENT');
    expect(rows[0]).toEqual(['测评对象', '职务', '单位', '测评类型', '开始时间', '截止时间', '状态', '计划人数', '已提交']);
    expect(rows.slice(1).map((r) => unescape(r[0]))).toEqual(list.map((e) => e.subjectName));
    expect(rows.slice(1)).toContainEqual(expect.arrayContaining(["'@导出对象", '任前测评', 12, 0]));
    expect(rows.flat()).not.toContain('年度测评');
    const event = await lastEvent();
    expect(event).toMatchObject({ action: 'evaluation.exported', actor_role: 'ORG_CADRE_SECTION' });
    expect(JSON.parse(event.payload)).toMatchObject({ rowCount: rows.length - 1, filters: { purpose: 'PRE_APPOINTMENT' } });
  });

  it('service groups: the list of the same filters and scope, the name escaped, no member ids', async () => {
    const { units, people } = t.world;
    const created = await t.post('TOWN_ORG_MEMBER', '/api/groups', { level: 'VILLAGE', orgUnitId: units.huanghuaVillage.id, name: '-黄花村便民服务群', ownerPersonId: people.villageSecretary.id, adminPersonIds: [] });
    expect(created.statusCode, created.body).toBe(200);
    const groupId = created.json<{ group: { id: string } }>().group.id;
    expect((await t.post('TOWN_ORG_MEMBER', `/api/groups/${groupId}/members`, { wechatId: 'wxid_export_0001', isPartyMember: true })).statusCode).toBe(200);

    const list = await listed<{ name: string }>('TOWN_SECRETARY', '/api/groups?level=VILLAGE');
    const rows = await exported('TOWN_SECRETARY', '/api/groups/export.xlsx?level=VILLAGE');
    expect(rows[0]?.[0]).toBe('群名称');
    expect(rows.slice(1).map((r) => unescape(r[0]))).toEqual(list.map((g) => g.name));
    expect(rows.slice(1)).toContainEqual(["'-黄花村便民服务群", '村级', '黄花镇', '黄花村', expect.any(String), 1, 1, '在用', expect.any(String)]);
    expect(rows.flat().join(' ')).not.toContain('wxid_export_0001');
    expect(await lastEvent()).toMatchObject({ action: 'groups.exported', actor_role: 'TOWN_SECRETARY' });
    // a level filter with no groups: an empty sheet, still one event
    expect(await exported('TOWN_SECRETARY', '/api/groups/export.xlsx?level=COUNTY')).toHaveLength(1);
  });

  it('poverty teams and households: the lists of the same filters and scope, names escaped, ID numbers masked', async () => {
    const { units } = t.world;
    const huanghua = await insertTeamWithHousehold(t.db, t.cipher, units.huanghuaVillage, '=黄花');
    await t.db.updateTable('person').set({ id_number_masked: '4301**********123X' }).where('id', '=', huanghua.personIds[4]!).execute();
    await insertTeamWithHousehold(t.db, t.cipher, units.jiangbeiVillage, '+江背');

    const teams = await listed<{ name: string }>('TOWN_SECRETARY', '/api/poverty/teams?status=ACTIVE');
    const teamRows = await exported('TOWN_SECRETARY', '/api/poverty/teams/export.xlsx?status=ACTIVE');
    expect(teamRows[0]?.[0]).toBe('服务团队');
    expect(teamRows.slice(1).map((r) => unescape(r[0]))).toEqual(teams.map((x) => x.name));
    expect(teamRows.slice(1)).toContainEqual(["'=黄花帮扶团队", '黄花镇', '黄花村', "'=黄花团长", '已启用', '2026-01-01', 4, 1]);
    // scope: the other town's team never appears, for the town; the county sees it, escaped
    expect(teamRows.flat().join(' ')).not.toContain('江背');
    const county = await exported('ORG_GRASSROOTS_SECTION', '/api/poverty/teams/export.xlsx');
    expect(county.some((r) => r[0] === "'+江背帮扶团队")).toBe(true);

    const q = encodeURIComponent('黄花户主');
    const households = await listed<{ headName: string }>('TOWN_SECRETARY', `/api/poverty/households?q=${q}&cause=ILLNESS&sort=headName`);
    const rows = await exported('TOWN_SECRETARY', `/api/poverty/households/export.xlsx?q=${q}&cause=ILLNESS&sort=headName`);
    expect(rows[0]).toEqual(['户主', '身份证号（脱敏）', '镇（街道）', '村（社区）', '家庭人口', '致贫原因', '状态', '识别年度', '服务团队', '走访次数', '最近走访']);
    expect(rows.slice(1).map((r) => unescape(r[0]))).toEqual(households.map((h) => h.headName));
    expect(rows).toHaveLength(2);
    expect(rows[1]?.[0]).toBe("'=黄花户主");
    expect(rows[1]?.[1]).toBe('4301**********123X');
    const event = await lastEvent();
    expect(event).toMatchObject({ action: 'poverty.exported', actor_role: 'TOWN_SECRETARY' });
    expect(event.payload).not.toContain('黄花户主');
    expect(JSON.parse(event.payload)).toMatchObject({ rowCount: 1, filters: { list: 'households', cause: 'ILLNESS', qHash: expect.any(String) } });
    expect((await t.get('TOWN_SECRETARY', '/api/poverty/households/export.xlsx?cause=NOPE')).statusCode).toBe(400);
  });

  it('petitions and reviews: the lists of the same filters, escaped, no content in the file or the ledger, fresh login', async () => {
    const petition = await t.post('DISCIPLINE_COMMISSION', '/api/integrity/petitions', { receivedAt: '2026-11-20', channel: 'LETTER', realName: false, content: '反映其违规收受礼品导出测试。', subjectPersonIds: [subjectId], specificAndCheckable: true });
    expect(petition.statusCode, petition.body).toBe(200);
    const list = await listed<{ subjects: { name: string }[] }>('DISCIPLINE_COMMISSION', '/api/integrity/petitions?status=RECEIVED');
    const rows = await exported('DISCIPLINE_COMMISSION', '/api/integrity/petitions/export.xlsx?status=RECEIVED');
    expect(rows[0]).toEqual(['受理时间', '来源', '被反映人', '实名', '具体可查', '状态', '承办人']);
    expect(rows).toHaveLength(list.length + 1);
    expect(rows.slice(1).map((r) => unescape(r[2]))).toEqual(list.map((p) => p.subjects.map((s) => s.name).join('、')));
    expect(rows.slice(1)).toContainEqual([expect.any(String), '来信', "'@导出对象", '否', '是', '已受理', expect.any(String)]);
    expect(rows.flat().join(' ')).not.toContain('违规收受礼品');
    const event = await lastEvent();
    expect(event).toMatchObject({ action: 'petition.exported', actor_role: 'DISCIPLINE_COMMISSION' });
    expect(event.payload).not.toContain('导出对象');
    expect((await t.get('TOWN_ORG_MEMBER', '/api/integrity/petitions/export.xlsx')).statusCode).toBe(403);

    const review = await t.post('ORG_SUPERVISION_SECTION', '/api/integrity/reviews', { subjectPersonId: subjectId });
    expect(review.statusCode, review.body).toBe(200);
    const reviews = await listed<{ subjectName: string }>('ORG_SUPERVISION_SECTION', '/api/integrity/reviews?overall=PENDING');
    const reviewRows = await exported('ORG_SUPERVISION_SECTION', '/api/integrity/reviews/export.xlsx?overall=PENDING');
    expect(reviewRows.slice(1).map((r) => unescape(r[0]))).toEqual(reviews.map((r) => r.subjectName));
    expect(reviewRows.slice(1)).toContainEqual(["'@导出对象", '黄花镇', '进行中', 0, expect.any(Number), expect.any(String)]);
    expect(await lastEvent()).toMatchObject({ action: 'integrity_review.exported', actor_role: 'ORG_SUPERVISION_SECTION' });

    // a login older than the step-up window: 401 asking for the password again, and no event
    t.clock.advanceMinutes(6);
    try {
      const before = await lastEvent();
      const stale = await t.get('DISCIPLINE_COMMISSION', '/api/integrity/petitions/export.xlsx');
      expect(stale.statusCode).toBe(401);
      expect((await lastEvent()).seq).toEqual(before.seq);
    } finally {
      t.clock.advanceMinutes(-6);
    }
  });

  it('routed reports: the discipline commission list of the same filters, the title escaped, no requester', async () => {
    const { units } = t.world;
    await submitMatter(t.deps, { channel: 'H5_FORM', category: 'REPORT', namesCadre: true, description: '=1+1 反映村干部优亲厚友', locationOrgUnitId: units.huanghuaVillage.id, anonymous: false, requesterName: '举报人甲', requesterPhone: '13900007777', by: { kind: 'citizen' } });
    const list = await listed<{ code: string }>('DISCIPLINE_COMMISSION', '/api/o2o/routed');
    const rows = await exported('DISCIPLINE_COMMISSION', '/api/o2o/routed/export.xlsx');
    expect(rows[0]).toEqual(['受理编号', '事项', '地点', '渠道', '收到时间', '匿名', '信访举报件']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(list.map((m) => m.code));
    expect(rows.slice(1).some((r) => String(r[1]).startsWith("'=1+1"))).toBe(true);
    expect(rows.flat().join(' ')).not.toMatch(/举报人甲|13900007777/);
    const event = await lastEvent();
    expect(event).toMatchObject({ action: 'o2o.exported', actor_role: 'DISCIPLINE_COMMISSION' });
    expect(JSON.parse(event.payload)).toMatchObject({ rowCount: list.length, filters: { box: 'routed' } });
    expect((await t.get('O2O_DISPATCHER', '/api/o2o/routed/export.xlsx')).statusCode).toBe(403);
  });

  it('o2o matters: the export takes the unit filter and order of the list too', async () => {
    const { units } = t.world;
    for (const [unit, text] of [[units.huanghuaVillage, '黄花村路灯不亮'], [units.xintang, '新塘村水渠堵塞']] as const) {
      await submitMatter(t.deps, { channel: 'WECHAT_GROUP', category: 'HELP', description: text, locationOrgUnitId: unit.id, anonymous: true, by: { kind: 'citizen' } });
    }
    const list = await listed<{ code: string }>('O2O_DISPATCHER', `/api/o2o/matters?box=all&unitId=${units.huanghuaVillage.id}`);
    expect(list.length).toBeGreaterThan(0);
    const rows = await exported('O2O_DISPATCHER', `/api/o2o/export?box=all&unitId=${units.huanghuaVillage.id}`);
    expect(rows.slice(1).map((r) => r[0])).toEqual(list.map((m) => m.code));
    expect(rows.flat()).not.toContain('新塘村');
    expect((await t.get('O2O_DISPATCHER', '/api/o2o/export?unitId=0190a0a0-0000-7000-8000-000000000000')).statusCode).toBe(404);
  });

  it('ledger checkpoints: the list newest first, one audit.exported event instead of one read per page, auditors only', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-cp-export-'));
    try {
      const signer = generateLedgerKeyFile(path.join(dir, 'ledger.key'));
      await createCheckpoint(t.db, signer, new FakeClock('2026-11-26T08:10:00.000Z'));
      expect((await t.get('AUDITOR', '/api/audit/checkpoints')).statusCode).toBe(200); // one more event: a larger tree
      await createCheckpoint(t.db, signer, new FakeClock('2026-11-26T08:20:00.000Z'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const list = await listed<{ treeSize: number; root: string }>('AUDITOR', '/api/audit/checkpoints');
    expect(list.length).toBeGreaterThanOrEqual(2);
    const rows = await exported('AUDITOR', '/api/audit/checkpoints/export.xlsx');
    expect(rows[0]).toEqual(['事件数（树大小）', '签名时间', '算法', 'Merkle 根（十六进制）', '链头（十六进制）', '签名密钥']);
    expect(rows.slice(1).map((r) => [r[0], r[3]])).toEqual(list.map((c) => [c.treeSize, c.root]));
    expect(Number(rows[1]?.[0])).toBeGreaterThan(Number(rows[2]?.[0]));
    const event = await lastEvent();
    expect(event).toMatchObject({ action: 'audit.exported', actor_role: 'AUDITOR' });
    expect(JSON.parse(event.payload)).toMatchObject({ rowCount: list.length, filters: { list: 'checkpoints' } });
    expect((await t.get('TOWN_ORG_MEMBER', '/api/audit/checkpoints/export.xlsx')).statusCode).toBe(403);
  });
});
