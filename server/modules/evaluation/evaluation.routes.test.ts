/**
 * Reverse evaluation over HTTP on both databases, and the tests that try to break anonymity (SECURITY.md §3.2):
 * early results, filter combinations and sibling subtraction, exports, the ledger, the request log, the physical
 * order of the ballot table (Spearman), and concurrent use of one token.
 */
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATER_GROUPS, type Questionnaire, type RaterGroup } from '../../../contracts/evaluation.ts';
import { loggerOptions } from '../../platform/logger.ts';
import { insertPerson } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { TEST_DIALECTS } from '../../test/test-db.ts';
import { answersAll, closedEvaluationWith, createEvaluationVia, issueVia, submitVia } from './evaluation.test-fixtures.ts';
import { submitBallot } from './evaluation.service.ts';

async function ledgerCount(t: TestApp): Promise<number> {
  return Number((await t.db.selectFrom('ledger_event').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
}

describe.each(TEST_DIALECTS)('reverse evaluation on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('runs create → tokens → open → ballots → close → results, and refuses results before close', async () => {
    const subject = t.world.people.townSecretary;
    expect((await t.post(null, '/api/evaluations', {})).statusCode).toBe(401);
    expect((await t.get('CADRE_SELF', '/api/evaluations')).statusCode).toBe(403);
    const bad = await t.post('ORG_CADRE_SECTION', '/api/evaluations', { subjectPersonId: subject.id, purpose: 'ANNUAL', openAt: '2026-11-27T00:00:00.000Z', closeAt: '2026-11-26T09:00:00.000Z', groups: [{ group: 'COLLEAGUES', tokenCount: 5 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].field).toBe('closeAt');
    const outside = await t.post('ORG_CADRE_SECTION', '/api/evaluations', { subjectPersonId: t.world.people.otherCountyPerson.id, purpose: 'ANNUAL', openAt: '2026-11-26T08:00:00.000Z', closeAt: '2026-12-26T09:00:00.000Z', groups: [{ group: 'COLLEAGUES', tokenCount: 5 }] });
    expect(outside.statusCode).toBe(404);

    const ev = await createEvaluationVia(t, 'ORG_CADRE_SECTION', subject.id, [
      { group: 'COLLEAGUES', tokenCount: 6 },
      { group: 'GENERAL_STAFF', tokenCount: 6 },
      { group: 'SELF', tokenCount: 1 },
    ]);
    expect(ev.status).toBe('DRAFT');
    expect(ev.subjectPost).toBe('黄花镇党委书记');
    const issued = await issueVia(t, 'ORG_CADRE_SECTION', ev.id, [
      { group: 'COLLEAGUES', count: 6 },
      { group: 'GENERAL_STAFF', count: 6 },
      { group: 'SELF', count: 1 },
    ]);
    const token = issued.groups[0]!.tokens[0]!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // only hashes are stored
    const stored = await t.db.selectFrom('evaluation_token').select('token_hash').where('evaluation_id', '=', ev.id).execute();
    expect(stored).toHaveLength(13);
    expect(stored.map((s) => s.token_hash)).not.toContain(token);

    // a draft's tokens do not work yet
    expect((await t.get(null, `/api/public/evaluations/forms/${token}`)).statusCode).toBe(404);
    expect((await t.post('ORG_CADRE_SECTION', `/api/evaluations/${ev.id}/open`)).statusCode).toBe(200);
    const form = (await t.get(null, `/api/public/evaluations/forms/${token}`)).json();
    expect(form).toMatchObject({ state: 'READY', subjectName: '张三', subjectPost: '黄花镇党委书记', isSelf: false });
    expect(form.questionnaire.dimensions).toHaveLength(5);

    const missing = await t.post(null, '/api/public/evaluations/ballots', { token, answers: { v1: 'A' }, integrity: 'NO_ISSUE' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toContain('请回答');
    expect((await submitVia(t, token, 'A')).statusCode).toBe(200);
    const again = await submitVia(t, token, 'A');
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('已经使用');
    expect((await t.get(null, `/api/public/evaluations/forms/${token}`)).json().state).toBe('USED');
    expect((await t.get(null, '/api/public/evaluations/forms/AAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(404);

    for (const tk of issued.groups[0]!.tokens.slice(1)) expect((await submitVia(t, tk, 'B')).statusCode).toBe(200);
    for (const tk of issued.groups[1]!.tokens.slice(0, 5)) expect((await submitVia(t, tk, 'C')).statusCode).toBe(200);
    expect((await submitVia(t, issued.groups[2]!.tokens[0]!, 'A')).statusCode).toBe(200);

    // no live results (response-arrival differencing): 409 while open, for every reader
    for (const role of ['ORG_CADRE_SECTION', 'ORG_SUPERVISION_SECTION', 'COUNTY_SECRETARY'] as const) {
      expect((await t.get(role, `/api/evaluations/${ev.id}/results`)).statusCode).toBe(409);
      expect((await t.get(role, `/api/evaluations/${ev.id}/results.xlsx`)).statusCode).toBe(409);
    }
    expect((await t.get('ORG_SUPERVISION_SECTION', `/api/evaluations/${ev.id}/free-text`)).statusCode).toBe(409);
    const during = (await t.get('ORG_CADRE_SECTION', `/api/evaluations/${ev.id}`)).json();
    expect(during.groups.find((g: { group: string }) => g.group === 'COLLEAGUES')).toMatchObject({ issued: 6, used: 6 });

    expect((await t.post('ORG_CADRE_SECTION', `/api/evaluations/${ev.id}/close`)).statusCode).toBe(200);
    expect((await t.post('ORG_CADRE_SECTION', `/api/evaluations/${ev.id}/close`)).statusCode).toBe(409);
    const late = await submitVia(t, issued.groups[1]!.tokens[5]!, 'A');
    expect(late.statusCode).toBe(409);
    expect((await t.get(null, `/api/public/evaluations/forms/${issued.groups[1]!.tokens[5]!}`)).json().state).toBe('CLOSED');

    const res = await t.get('COUNTY_SECRETARY', `/api/evaluations/${ev.id}/results`);
    expect(res.statusCode).toBe(200);
    const { result } = res.json();
    // COLLEAGUES: 1×95 + 5×80 → 82.5; GENERAL_STAFF: 5×65; equal weights 0.2/0.2
    expect(result.groups.find((g: { group: string }) => g.group === 'COLLEAGUES')).toMatchObject({ shown: true, n: 6, mean: 82.5 });
    expect(result.composite).toBe(73.8);
    expect(result.grade).toBe('COMPETENT');
    expect(result.self).toMatchObject({ overall: 95 });
    expect(result.respondents).toBe(11);
    const fde = await t.db.selectFrom('five_dimension_evaluation').selectAll().where('evaluation_id', '=', ev.id).executeTakeFirstOrThrow();
    expect(Number(fde.composite)).toBe(73.8);
    expect((await t.get('CADRE_SELF', `/api/evaluations/${ev.id}/results`)).statusCode).toBe(403);
  });

  it('never reveals a group of 1..k−1 ballots through any filter combination or subtraction (random partitions)', async () => {
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let trial = 0; trial < 4; trial++) {
      const counts: Partial<Record<RaterGroup, number>> = {};
      for (const g of RATER_GROUPS) if (next() < 0.8) counts[g] = Math.floor(next() * 9);
      if (Object.keys(counts).length === 0) counts.COLLEAGUES = 3;
      const options = ['A', 'B', 'C', 'D'];
      const id = await closedEvaluationWith(t, 'ORG_CADRE_SECTION', t.world.people.siblingTownPerson.id, counts, (_g, i) => options[(i + trial) % 4]!);
      const k = 5;
      const base = (await t.get('ORG_HEAD', `/api/evaluations/${id}/results`)).json().result;
      const visible: string[] = base.groups.filter((g: { shown: boolean }) => g.shown).map((g: { group: string }) => g.group);
      for (const g of base.groups) {
        if (g.shown) expect(g.n).toBeGreaterThanOrEqual(k);
        else expect([g.n, g.mean, g.dimensions, g.integrity]).toEqual([null, null, null, null]);
      }
      const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
      const shownN = base.groups.filter((g: { shown: boolean }) => g.shown).reduce((a: number, g: { n: number }) => a + g.n, 0);
      if (base.respondents !== null) expect(base.respondents - shownN === 0 || base.respondents - shownN >= k).toBe(true);
      else expect(total).toBeLessThan(k);
      // every filter combination over every group name (hidden ones too): only unions of visible cells come back
      const names = [...RATER_GROUPS, 'OTHER'];
      const seen: { groups: Set<string>; n: number }[] = [];
      for (let mask = 1; mask < 1 << names.length; mask += 3) {
        const wanted = names.filter((_, i) => mask & (1 << i));
        const sel = (await t.get('ORG_HEAD', `/api/evaluations/${id}/results?groups=${wanted.join(',')}`)).json().selection;
        if (sel === null) continue;
        for (const g of sel.groups) expect(visible).toContain(g);
        expect(sel.n).toBeGreaterThanOrEqual(k);
        seen.push({ groups: new Set(sel.groups), n: sel.n });
      }
      for (const a of seen) for (const b of seen) if ([...b.groups].every((g) => a.groups.has(g))) expect(a.n - b.n === 0 || a.n - b.n >= k).toBe(true);
    }
  });

  it('exports obey suppression and the subject and relatives see nothing', async () => {
    const person = await insertPerson(t.db, t.cipher, { name: '测评甲', unit: t.world.units.huanghua, cadre: { rankLevel: 'DEPUTY_SECTION', authority: t.world.units.county }, posts: [{ unit: t.world.units.huanghua, title: '副镇长', isLeadership: true }] });
    // DISCIPLINE_ORGAN: 2 ballots of D (45 points): hidden, and the pool forces GENERAL_STAFF out; OTHER = 9
    const id = await closedEvaluationWith(t, 'ORG_CADRE_SECTION', person.id, { COLLEAGUES: 8, GENERAL_STAFF: 7, DISCIPLINE_ORGAN: 2 }, (g) => (g === 'DISCIPLINE_ORGAN' ? 'D' : g === 'COLLEAGUES' ? 'A' : 'B'));
    const xlsx = await t.get('ORG_HEAD', `/api/evaluations/${id}/results.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const values: unknown[] = [];
    wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => values.push(c.value)));
    expect(values).toContain('样本不足，不予显示');
    expect(values).not.toContain(45);
    expect(values).not.toContain(2);
    const api = (await t.get('ORG_HEAD', `/api/evaluations/${id}/results`)).json().result;
    expect(api.groups.find((g: { group: string }) => g.group === 'OTHER')).toMatchObject({ n: 9, members: ['GENERAL_STAFF', 'DISCIPLINE_ORGAN'] });
    expect(JSON.stringify(api)).not.toContain('"mean":45');

    // the subject: ORG_HEAD's own person; a registered relative of ORG_HEAD
    const own = await closedEvaluationWith(t, 'ORG_CADRE_SECTION', t.world.people.orgHeadPerson.id, { COLLEAGUES: 5 });
    expect((await t.get('ORG_HEAD', `/api/evaluations/${own}/results`)).statusCode).toBe(403);
    expect((await t.get('ORG_HEAD', `/api/evaluations/${own}`)).statusCode).toBe(403);
    expect((await t.get('ORG_HEAD', `/api/evaluations/${own}/results.xlsx`)).statusCode).toBe(403);
    await t.db.insertInto('kinship').values({ id: '01900000-0000-7000-8000-00000000e0a1', person_id: t.world.people.orgHeadPerson.id, relative_person_id: person.id, relation: 'SPOUSE', relation_code: null, created_at: '2026-01-01T00:00:00.000Z' }).execute();
    expect((await t.get('ORG_HEAD', `/api/evaluations/${id}/results`)).statusCode).toBe(403);
    const list = (await t.get('ORG_HEAD', '/api/evaluations?pageSize=200')).json();
    expect(list.items.map((e: { subjectPersonId: string }) => e.subjectPersonId)).not.toContain(person.id);
    expect(list.items.map((e: { subjectPersonId: string }) => e.subjectPersonId)).not.toContain(t.world.people.orgHeadPerson.id);
  });

  it('shows free text only to the supervision section and only with at least 10 respondents', async () => {
    const nine = await closedEvaluationWith(t, 'ORG_CADRE_SECTION', t.world.people.townOrgMember.id, { COLLEAGUES: 9 });
    expect((await t.get('ORG_SUPERVISION_SECTION', `/api/evaluations/${nine}/free-text`)).statusCode).toBe(403);
    const ev = await createEvaluationVia(t, 'ORG_CADRE_SECTION', t.world.people.townOrgMember.id, [{ group: 'COLLEAGUES', tokenCount: 10 }]);
    const issued = await issueVia(t, 'ORG_CADRE_SECTION', ev.id, [{ group: 'COLLEAGUES', count: 10 }]);
    await t.post('ORG_CADRE_SECTION', `/api/evaluations/${ev.id}/open`);
    for (const [i, tk] of issued.groups[0]!.tokens.entries()) await submitVia(t, tk, 'B', i < 3 ? { freeText: `意见${i}：工作扎实` } : {});
    await t.post('ORG_CADRE_SECTION', `/api/evaluations/${ev.id}/close`);
    expect((await t.get('ORG_CADRE_SECTION', `/api/evaluations/${ev.id}/free-text`)).statusCode).toBe(403);
    const ok = await t.get('ORG_SUPERVISION_SECTION', `/api/evaluations/${ev.id}/free-text`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().comments.sort()).toEqual(['意见0：工作扎实', '意见1：工作扎实', '意见2：工作扎实']);
    const enc = await t.db.selectFrom('evaluation_ballot').select('free_text_enc').where('evaluation_id', '=', ev.id).where('free_text_enc', 'is not', null).execute();
    expect(enc.every((r) => !r.free_text_enc!.includes('工作扎实'))).toBe(true);
  });

  it('lets exactly one of many concurrent submissions of one token through', async () => {
    const ev = await createEvaluationVia(t, 'ORG_CADRE_SECTION', t.world.people.clerk.id, [{ group: 'COLLEAGUES', tokenCount: 1 }]);
    const issued = await issueVia(t, 'ORG_CADRE_SECTION', ev.id, [{ group: 'COLLEAGUES', count: 1 }]);
    await t.post('ORG_CADRE_SECTION', `/api/evaluations/${ev.id}/open`);
    const token = issued.groups[0]!.tokens[0]!;
    const results = await Promise.all(Array.from({ length: 12 }, () => submitBallot(t.deps, { token, answers: answersAll('A'), integrity: 'NO_ISSUE' }).then(() => 'ok', (e: { status?: number }) => e.status)));
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r === 409)).toHaveLength(11);
    const n = await t.db.selectFrom('evaluation_ballot').select(sql<number>`count(*)`.as('n')).where('evaluation_id', '=', ev.id).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
    const rollup = await t.db.selectFrom('evaluation_rollup').select('n').where('evaluation_id', '=', ev.id).where('rater_group', '=', 'COLLEAGUES').executeTakeFirstOrThrow();
    expect(Number(rollup.n)).toBe(1);
  });

  it('settles each of many concurrent submissions on its own: valid ones count once, used, unknown and invalid ones fail alone', async () => {
    const ev = await createEvaluationVia(t, 'ORG_CADRE_SECTION', t.world.people.clerk.id, [{ group: 'COLLEAGUES', tokenCount: 10 }, { group: 'GENERAL_STAFF', tokenCount: 10 }]);
    const issued = await issueVia(t, 'ORG_CADRE_SECTION', ev.id, [{ group: 'COLLEAGUES', count: 10 }, { group: 'GENERAL_STAFF', count: 10 }]);
    await t.post('ORG_CADRE_SECTION', `/api/evaluations/${ev.id}/open`);
    const [colleagues, staff] = [issued.groups[0]!.tokens, issued.groups[1]!.tokens];
    await submitBallot(t.deps, { token: colleagues[0]!, answers: answersAll('A'), integrity: 'NO_ISSUE' });
    const attempts: { token: string; answers: Record<string, string>; expect: string | number }[] = [
      ...colleagues.slice(1, 7).map((token) => ({ token, answers: answersAll('B'), expect: 'ok' as const })),
      ...staff.slice(0, 5).map((token) => ({ token, answers: answersAll('C'), expect: 'ok' as const })),
      { token: colleagues[0]!, answers: answersAll('B'), expect: 409 },
      { token: 'x'.repeat(22), answers: answersAll('B'), expect: 404 },
      { token: staff[5]!, answers: { ...answersAll('B'), nope: 'A' }, expect: 400 },
    ];
    const results = await Promise.all(attempts.map((a) => submitBallot(t.deps, { token: a.token, answers: a.answers, integrity: 'HEARD_CONCERNS' }).then(() => 'ok', (e: { status?: number }) => e.status)));
    expect(results).toEqual(attempts.map((a) => a.expect));
    const rollups = await t.db.selectFrom('evaluation_rollup').select(['rater_group', 'n', 'heard_concerns']).where('evaluation_id', '=', ev.id).orderBy('rater_group').execute();
    expect(rollups.map((r) => [r.rater_group, Number(r.n), Number(r.heard_concerns)])).toEqual([['COLLEAGUES', 7, 6], ['GENERAL_STAFF', 5, 5]]);
    const n = await t.db.selectFrom('evaluation_ballot').select(sql<number>`count(*)`.as('n')).where('evaluation_id', '=', ev.id).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(12);
    // the invalid submission did not use its token
    const left = await t.db.selectFrom('evaluation_token').select(sql<number>`count(*)`.as('n')).where('evaluation_id', '=', ev.id).where('used', '=', 0).executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(20 - 12);
  });

  it('refuses only the ballots of an evaluation whose closing has sealed its rollups when they share a batch with others', async () => {
    const closing = await createEvaluationVia(t, 'ORG_CADRE_SECTION', t.world.people.townOrgMember.id, [{ group: 'COLLEAGUES', tokenCount: 5 }]);
    const open = await createEvaluationVia(t, 'ORG_CADRE_SECTION', t.world.people.townSecretary.id, [{ group: 'COLLEAGUES', tokenCount: 5 }]);
    const a = await issueVia(t, 'ORG_CADRE_SECTION', closing.id, [{ group: 'COLLEAGUES', count: 5 }]);
    const b = await issueVia(t, 'ORG_CADRE_SECTION', open.id, [{ group: 'COLLEAGUES', count: 5 }]);
    await t.post('ORG_CADRE_SECTION', `/api/evaluations/${closing.id}/open`);
    await t.post('ORG_CADRE_SECTION', `/api/evaluations/${open.id}/open`);
    // what closing does first (evaluation.service.ts transition 'close'): seal the rollups
    await t.db.updateTable('evaluation_rollup').set({ sealed: 1 }).where('evaluation_id', '=', closing.id).execute();
    const tokens = [...a.groups[0]!.tokens.slice(0, 3), ...b.groups[0]!.tokens.slice(0, 3)];
    const results = await Promise.all(tokens.map((token) => submitBallot(t.deps, { token, answers: answersAll('B'), integrity: 'NO_ISSUE' }).then(() => 'ok', (e: { status?: number }) => e.status)));
    expect(results).toEqual([409, 409, 409, 'ok', 'ok', 'ok']);
    const count = async (id: string) => Number((await t.db.selectFrom('evaluation_ballot').select(sql<number>`count(*)`.as('n')).where('evaluation_id', '=', id).executeTakeFirstOrThrow()).n);
    expect([await count(closing.id), await count(open.id)]).toEqual([0, 3]);
    const used = await t.db.selectFrom('evaluation_token').select(sql<number>`count(*)`.as('n')).where('evaluation_id', '=', closing.id).where('used', '=', 1).executeTakeFirstOrThrow();
    expect(Number(used.n)).toBe(0);
  });

  it('keeps ballot order unrelated to token use order (Spearman |ρ| < 0.1 over 1,000 submissions) and the ledger free of ballots', async () => {
    // one item per dimension and four options: the score vector of a ballot encodes its submission index (4^5 > 1000)
    const q: Questionnaire = {
      dimensions: (['virtue', 'ability', 'diligence', 'performance', 'integrity'] as const).map((key) => ({ key, weight: 1, items: [{ id: key.slice(0, 1) + '1', text: `${key} 题目`, weight: 1 }] })),
      options: [
        { key: 'A', label: '好', points: 95 },
        { key: 'B', label: '较好', points: 80 },
        { key: 'C', label: '一般', points: 65 },
        { key: 'D', label: '差', points: 45 },
      ],
      freeText: false,
    };
    const ev = await createEvaluationVia(t, 'ORG_CADRE_SECTION', t.world.people.villageSecretary.id, [{ group: 'COLLEAGUES', tokenCount: 500 }, { group: 'GENERAL_STAFF', tokenCount: 500 }], { questionnaire: q });
    const issued = await issueVia(t, 'ORG_CADRE_SECTION', ev.id, [{ group: 'COLLEAGUES', count: 500 }, { group: 'GENERAL_STAFF', count: 500 }]);
    await t.post('ORG_CADRE_SECTION', `/api/evaluations/${ev.id}/open`);
    // token use order interleaves the two groups (ballots of one group are not expected to be shuffled against each other's group)
    const tokens = issued.groups[0]!.tokens.flatMap((tk, i) => [tk, issued.groups[1]!.tokens[i]!]);
    const letters = ['A', 'B', 'C', 'D'];
    const items = q.dimensions.map((d) => d.items[0]!.id);
    const ledgerBefore = await ledgerCount(t);
    for (const [i, token] of tokens.entries()) {
      const answers = Object.fromEntries(items.map((id, d) => [id, letters[Math.floor(i / 4 ** d) % 4]!]));
      await submitBallot(t.deps, { token, answers, integrity: 'NO_ISSUE' });
    }
    // submissions write no ledger event (exempt, see evaluation.ledger-steps.ts)
    expect(await ledgerCount(t)).toBe(ledgerBefore);
    await t.post('ORG_CADRE_SECTION', `/api/evaluations/${ev.id}/close`);

    const points: Record<number, number> = { 95: 0, 80: 1, 65: 2, 45: 3 };
    const indexOf = (b: Record<string, number>) => (['virtue', 'ability', 'diligence', 'performance', 'integrity'] as const).reduce((s, d, j) => s + points[Number(b[d])]! * 4 ** j, 0);
    const spearman = (order: number[]) => {
      const n = order.length;
      const d2 = order.reduce((s, idx, rank) => s + (rank - idx) ** 2, 0);
      return 1 - (6 * d2) / (n * (n * n - 1));
    };
    const byPk = await t.db.selectFrom('evaluation_ballot').select(['virtue', 'ability', 'diligence', 'performance', 'integrity']).where('evaluation_id', '=', ev.id).orderBy('id').execute();
    expect(byPk).toHaveLength(1000);
    const order = byPk.map((b) => indexOf(b as unknown as Record<string, number>));
    expect(new Set(order).size).toBe(1000);
    expect(Math.abs(spearman(order))).toBeLessThan(0.1);
    if (dialect === 'sqlite') {
      // WITHOUT ROWID: the table's physical order is the random key's order, even without ORDER BY
      const raw = await sql<Record<string, number>>`select virtue, ability, diligence, performance, integrity from evaluation_ballot where evaluation_id = ${ev.id}`.execute(t.db);
      expect(Math.abs(spearman(raw.rows.map(indexOf)))).toBeLessThan(0.1);
    }
    // the ledger never names a token, a token hash or a ballot
    const events = await t.db.selectFrom('ledger_event').select(['payload', 'object_id']).execute();
    const text = events.map((e) => `${e.object_id} ${e.payload}`).join('\n');
    const ballotIds = (await t.db.selectFrom('evaluation_ballot').select('id').where('evaluation_id', '=', ev.id).execute()).map((b) => b.id);
    const hashes = (await t.db.selectFrom('evaluation_token').select('token_hash').where('evaluation_id', '=', ev.id).execute()).map((h) => h.token_hash);
    for (const s of [...ballotIds.slice(0, 50), ...hashes.slice(0, 50), ...tokens.slice(0, 50)]) expect(text).not.toContain(s);
    const closeEvent = await t.db.selectFrom('ledger_event').select('payload').where('object_id', '=', ev.id).where('action', '=', 'evaluation.closed').executeTakeFirstOrThrow();
    const closed = JSON.parse(closeEvent.payload) as Record<string, unknown>;
    expect(closed).toMatchObject({ ballots: 1000, tokensUsed: 1000 });
  });
});

describe('the request log of the rater routes', () => {
  const lines: string[] = [];
  let t: TestApp;
  beforeAll(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        cb();
      },
    });
    t = await createTestApp('sqlite', { logger: { ...(loggerOptions('debug') as object), stream } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('holds no IP, token, body or time of a submission', async () => {
    const ev = await createEvaluationVia(t, 'ORG_CADRE_SECTION', t.world.people.townSecretary.id, [{ group: 'COLLEAGUES', tokenCount: 2 }]);
    const issued = await issueVia(t, 'ORG_CADRE_SECTION', ev.id, [{ group: 'COLLEAGUES', count: 2 }]);
    await t.post('ORG_CADRE_SECTION', `/api/evaluations/${ev.id}/open`);
    const [token, second] = issued.groups[0]!.tokens;
    // the internal routes are logged with the IP (so this test can fail)
    expect(lines.some((l) => l.includes('127.0.0.1') && l.includes('/api/evaluations'))).toBe(true);
    const before = lines.length;
    await t.get(null, `/api/public/evaluations/forms/${token}`);
    await t.post(null, '/api/public/evaluations/ballots', { token, answers: answersAll('B'), integrity: 'HEARD_CONCERNS', freeText: '独特的意见文字' });
    await t.post(null, '/api/public/evaluations/ballots', { token, answers: answersAll('B'), integrity: 'HEARD_CONCERNS' });
    await t.post(null, '/api/public/evaluations/ballots', { token: second, answers: { v1: 'A' }, integrity: 'NO_ISSUE' });
    const added = lines.slice(before).join('\n');
    for (const s of [token!, second!, '127.0.0.1', '独特的意见文字', 'HEARD_CONCERNS', '/api/public/evaluations']) expect(added).not.toContain(s);
  });
});
