/**
 * Integrity files on every dialect: the conclusions list as .xlsx (same filters and scope as the list, formula
 * escape, fresh login, one ledger event) and the 廉政意见 .docx of a double-signed version (subject, unit, content,
 * both signatures with names and times, content hash; refused before both signatures; 404 outside the scope).
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../../contracts/common.ts';
import type { IntegrityConclusionItem } from '../../../contracts/integrity.ts';
import { readDocx } from '../../test/docx.ts';
import { insertPerson, TEST_PASSWORD } from '../../test/factories.ts';
import { createTestApp, TEST_ORIGIN, type TestApp } from '../../test/test-app.ts';
import { TEST_DIALECTS } from '../../test/test-db.ts';
import { buildIntegrityFixture, insertDraftConclusion, type IntegrityFixture } from './testdata/integrity-fixtures.ts';

const BASE = '/api/integrity/conclusions';

async function sheetRows(buffer: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0]!;
  const out: string[][] = [];
  ws.eachRow((row) => out.push((row.values as (string | number | null | undefined)[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return out;
}

describe.each(TEST_DIALECTS)('integrity files on %s', (dialect) => {
  let t: TestApp;
  let fx: IntegrityFixture;
  let signedId: string;
  let signedHash: string;
  let draftId: string;
  const events = async (action: string) => Number((await t.db.selectFrom('ledger_event').select(sql<number>`count(*)`.as('n')).where('action', '=', action).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    fx = await buildIntegrityFixture(t.db, t.cipher, t.world);
    const text = '该同志廉洁自律情况良好。\n经核查信访举报和审计结果，未发现违反廉洁纪律问题。';
    const signed = await insertDraftConclusion(t.db, t.cipher, fx.people.staff[0], fx.party.hhParty.id, text);
    signedId = signed.id;
    signedHash = signed.contentHash;
    for (const [role, person, at] of [['SECRETARY', t.world.people.townSecretary.id, '2026-11-24T02:30:00.000Z'], ['DISCIPLINE', fx.people.hhDiscipline.id, '2026-11-25T06:15:00.000Z']] as const) {
      await t.db.insertInto('integrity_signature').values({ id: crypto.randomUUID(), conclusion_id: signedId, version: 1, signer_role: role, signer_person_id: person, signer_user_id: null, basis: 'DIRECT', content_hash: signedHash, signed_at: at }).execute();
    }
    await t.db.updateTable('integrity_conclusion').set({ status: 'SUBMITTED', submitted_at: '2026-11-25T08:00:00.000Z' }).where('id', '=', signedId).execute();
    draftId = (await insertDraftConclusion(t.db, t.cipher, fx.people.staff[1], fx.party.hhParty.id)).id;
    // a subject whose name a spreadsheet would run as a formula
    const evil = await insertPerson(t.db, t.cipher, { name: '=HYPERLINK("http://x")', unit: t.world.units.huanghua, posts: [{ unit: t.world.units.huanghua, title: '副镇长', isLeadership: true }] });
    await insertDraftConclusion(t.db, t.cipher, evil, fx.party.hhParty.id);
  });
  afterAll(async () => t?.close());

  it('writes the 廉政意见 of a double-signed version: subject, unit, content, both signatures, content hash; one ledger event', async () => {
    const before = await events('integrity.document-downloaded');
    const res = await t.get('ORG_SUPERVISION_SECTION', `${BASE}/${signedId}/opinion.docx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('廉政意见'));
    expect(res.headers['cache-control']).toBe('no-store');
    const doc = await readDocx(res.rawPayload);
    expect(doc.text).toContain('干部廉政意见');
    expect(doc.text).toContain(fx.people.staff[0].name);
    expect(doc.text).toContain('黄花镇');
    expect(doc.text).toContain('未发现问题');
    expect(doc.text).toContain('经核查信访举报和审计结果，未发现违反廉洁纪律问题。');
    expect(doc.text).toContain(t.world.people.townSecretary.name);
    expect(doc.text).toContain(fx.people.hhDiscipline.name);
    expect(doc.text).toContain('2026-11-24 10:30'); // China time of the secretary's signature
    expect(doc.text).toContain('2026-11-25 14:15');
    expect(doc.text).toContain(signedHash);
    expect(doc.text).toContain('经核对一致');
    expect(await events('integrity.document-downloaded')).toBe(before + 1);
    const ev = await t.db.selectFrom('ledger_event').select(['object_id', 'payload']).where('action', '=', 'integrity.document-downloaded').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(ev.object_id).toBe(signedId);
    expect(String(ev.payload)).not.toContain('未发现违反廉洁纪律问题'); // no conclusion text in the ledger
  });

  it('refuses a version without both signatures (409 naming the missing signature), outside the scope (404) and without the permission (403)', async () => {
    const before = await events('integrity.document-downloaded');
    const draft = await t.get('ORG_SUPERVISION_SECTION', `${BASE}/${draftId}/opinion.docx`);
    expect(draft.statusCode).toBe(409);
    expect(draft.json().message).toContain('党组织书记和纪委书记（纪检组组长）签字');
    const outside = await insertDraftConclusion(t.db, t.cipher, t.world.people.otherCountyPerson, null);
    expect((await t.get('ORG_SUPERVISION_SECTION', `${BASE}/${outside.id}/opinion.docx`)).statusCode).toBe(404);
    expect((await t.get('CADRE_SELF', `${BASE}/${signedId}/opinion.docx`)).statusCode).toBe(403);
    expect((await t.get(null, `${BASE}/${signedId}/opinion.docx`)).statusCode).toBe(401);
    expect(await events('integrity.document-downloaded')).toBe(before);
  });

  it('exports the list with the same filters and scope as the page, formulas escaped; one ledger event', async () => {
    const before = await events('integrity.exported');
    const list = (await t.get('ORG_SUPERVISION_SECTION', `${BASE}?pageSize=100`)).json<Page<IntegrityConclusionItem>>();
    const res = await t.get('ORG_SUPERVISION_SECTION', `${BASE}/export.xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await sheetRows(res.rawPayload);
    expect(rows[0]).toEqual(['姓名', '所在单位', '版本', '廉政结论', '状态', '党组织书记签字', '纪委书记签字', '更新时间']);
    expect(rows.length - 1).toBe(list.total);
    expect(rows.slice(1).map((r) => r[0]).sort()).toEqual(list.items.map((i) => (i.subjectName.startsWith('=') ? `'${i.subjectName}` : i.subjectName)).sort());
    // outside the scope (望城区) never appears
    expect(rows.some((r) => r[0] === t.world.people.otherCountyPerson.name)).toBe(false);
    const signedRow = rows.find((r) => r[0] === fx.people.staff[0].name)!;
    expect(signedRow.slice(1, 7)).toEqual(['黄花镇', '1', '未发现问题', '已报送', '已签', '已签']);
    expect(rows.find((r) => r[0]?.includes('HYPERLINK'))![0]).toBe(`'=HYPERLINK("http://x")`);
    // a filter narrows the file exactly as it narrows the list
    const filtered = await sheetRows((await t.get('ORG_SUPERVISION_SECTION', `${BASE}/export.xlsx?status=SUBMITTED`)).rawPayload);
    expect(filtered.slice(1).map((r) => r[0])).toEqual([fx.people.staff[0].name]);
    expect(await events('integrity.exported')).toBe(before + 2);
    expect((await t.get('CADRE_SELF', `${BASE}/export.xlsx`)).statusCode).toBe(403);
  });

  it('asks for the password again when the login is older than 5 minutes; nothing is exported or logged', async () => {
    const before = await events('integrity.exported');
    t.clock.advanceMinutes(6);
    const old = await t.get('ORG_SUPERVISION_SECTION', `${BASE}/export.xlsx`);
    expect(old.statusCode).toBe(401);
    expect(old.json().code).toBe('REAUTH_REQUIRED');
    expect(await events('integrity.exported')).toBe(before);
    const cookie = await t.as('ORG_SUPERVISION_SECTION');
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/reauth', headers: { cookie, origin: TEST_ORIGIN }, payload: { password: TEST_PASSWORD } })).statusCode).toBe(200);
    expect((await t.get('ORG_SUPERVISION_SECTION', `${BASE}/export.xlsx`)).statusCode).toBe(200);
    expect(await events('integrity.exported')).toBe(before + 1);
  });
});
