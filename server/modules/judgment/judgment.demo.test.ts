/**
 * The term-change outcome (SPEC §6: 22 promoted young cadres, 37 exchanged, the rest retained) over the seeded demo
 * county, read through the outcome-board API as the organisation department head: a live query over the seeded
 * judgments. Also: every in-scope cadre has an ENDORSED judgment linked to evidence, every promoted cadre passes the
 * PROMOTE bars today, the team pages and the reports work over real data.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../../contracts/common.ts';
import type { Judgment, JudgmentDetail, OutcomeBoard, TeamAnalysis } from '../../../contracts/judgment.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { FakeClock } from '../../platform/clock.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import { openDemoDatabase, type DemoDatabase } from '../../test/demo-fixture.ts';
import { readDocx } from '../../test/docx.ts';
import { TEST_DIALECTS } from '../../test/test-db.ts';
import { TEST_ORIGIN } from '../../test/test-app.ts';
import { listCampaignCadreIds } from '../analysis/index.ts';
import { type SeedResult } from '../demo/demo.seeder.ts';
import { promoteBarsFor } from './judgment.service.ts';

const NOW = new Date('2026-11-26T08:00:00.000Z');

describe.each(TEST_DIALECTS)('judgment demo outcome on %s', (dialect) => {
  let t: DemoDatabase;
  let app: FastifyInstance;
  let result: SeedResult;
  let cookie = '';
  let board: OutcomeBoard;
  let cipher: FieldCipher;
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });

  beforeAll(async () => {
    t = await openDemoDatabase(dialect);
    result = t.seeded;
    cipher = t.cipher;
    const config = { ...loadConfig({ BELLWETHER_DEMO: '0', LOG_LEVEL: 'silent' }), loginPerIpPerMinute: 10_000 };
    app = await buildApp({ db: t.db, dialect, config, clock: new FakeClock(NOW.toISOString()), cipher }, { serveWeb: false, logger: false });
    await app.ready();
    const account = result.accounts.find((a) => a.role === 'ORG_HEAD')!;
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: TEST_ORIGIN }, payload: { username: account.username, password: account.password } });
    expect(login.statusCode).toBe(200);
    cookie = `bw_sid=${login.cookies.find((c) => c.name === 'bw_sid')!.value}`;
    const res = await get('/api/judgments/outcome');
    expect(res.statusCode).toBe(200);
    board = res.json();
  }, 240_000);
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  it('counts 22 promoted young cadres, 37 exchanged and the rest retained', () => {
    expect(board.counts.PROMOTE).toBe(22);
    expect(board.counts.EXCHANGE).toBe(37);
    expect(board.promoted).toHaveLength(22);
    expect(board.promotedYoung).toBe(22);
    expect(board.allPromotedYoung).toBe(true);
    for (const p of board.promoted) expect(p.age).toBeLessThanOrEqual(35);
    expect(board.exchanged).toHaveLength(37);
    for (const e of board.exchanged) {
      expect(e.toName).toBeTruthy();
      expect(e.toName).not.toBe(e.fromName);
    }
    const rest = board.counts.total - 22 - 37;
    expect(board.counts.RETAIN + board.counts.DEVELOP + board.counts.ADJUST).toBe(rest);
    // "the rest retained": all but a handful stay in post (RETAIN or DEVELOP); ADJUST only for accountability in
    // force or a NOT_SUITABLE integrity conclusion, never for a weak annual grade alone
    expect(board.counts.RETAIN + board.counts.DEVELOP).toBeGreaterThanOrEqual(rest * 0.9);
    expect(board.counts.RETAIN).toBeGreaterThan(rest * 0.8);
    expect(board.pending).toBeGreaterThan(0);
    expect(result.counts.judgmentPromote).toBe(22);
  });

  it('judges every in-scope cadre of the campaign, each with linked evidence, counted by town', async () => {
    const campaign = await t.db.selectFrom('analysis_campaign').selectAll().where('id', '=', board.campaignId).executeTakeFirstOrThrow();
    const inScope = await listCampaignCadreIds(t.db, campaign);
    expect(board.counts.total).toBe(inScope.length);
    expect(result.counts.judgmentMissingEvidence).toBe(0);
    expect(board.byTown).toHaveLength(18);
    expect(board.byTown.reduce((s, b) => s + b.PROMOTE + b.EXCHANGE + b.RETAIN + b.DEVELOP + b.ADJUST, 0)).toBe(inScope.length);
    expect(board.byTown.reduce((s, b) => s + b.arriving, 0)).toBe(37);
    const unlinked = await t.db
      .selectFrom('five_category_judgment as j')
      .select('j.id')
      .where('j.campaign_id', '=', board.campaignId)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('judgment_evidence as e').select('e.evidence_id').whereRef('e.judgment_id', '=', 'j.id'))))
      .execute();
    expect(unlinked).toHaveLength(0);
  });

  it('adjusts only cadres with an accountability effect in force or a NOT_SUITABLE conclusion', async () => {
    const adjusted = await t.db.selectFrom('five_category_judgment').select('cadre_person_id').where('campaign_id', '=', board.campaignId).where('status', '=', 'ENDORSED').where('category', '=', 'ADJUST').execute();
    expect(adjusted.length).toBe(board.counts.ADJUST);
    for (const a of adjusted) {
      const codes = (await promoteBarsFor(t.db, a.cadre_person_id, '2016-07-08', NOW.toISOString())).bars.map((b) => b.code);
      expect(codes.some((c) => c === 'ACCOUNTABILITY_IN_FORCE' || c === 'INTEGRITY_NOT_SUITABLE'), codes.join(',')).toBe(true);
    }
  });

  it('every demo judgment was drafted and proposed by a member of its campaign team', async () => {
    const rows = await t.db.selectFrom('five_category_judgment').select(['id', 'campaign_id', 'created_by_user_id', 'proposed_by_user_id']).execute();
    expect(rows.length).toBeGreaterThan(100);
    const team = await t.db.selectFrom('analysis_campaign_member').select(['campaign_id', 'user_id']).execute();
    const onTeam = new Set(team.map((m) => `${m.campaign_id}|${m.user_id}`));
    const off = rows.filter((r) => !onTeam.has(`${r.campaign_id}|${r.created_by_user_id}`) || (r.proposed_by_user_id !== null && !onTeam.has(`${r.campaign_id}|${r.proposed_by_user_id}`)));
    expect(off).toEqual([]);
  });

  it('promoted cadres pass every PROMOTE bar on the meeting date', async () => {
    for (const p of board.promoted) expect((await promoteBarsFor(t.db, p.personId, '2016-07-08', NOW.toISOString())).bars).toEqual([]);
  });

  it('lists, filters and opens judgments; the live PROPOSED PROMOTE shows its bars', async () => {
    const list = await get(`/api/judgments?campaignId=${board.campaignId}&category=PROMOTE&status=ENDORSED&pageSize=50`);
    expect(list.statusCode).toBe(200);
    expect(list.json<Page<Judgment>>().total).toBe(22);
    const proposed = await get('/api/judgments?status=PROPOSED&category=PROMOTE');
    const first = proposed.json<Page<Judgment>>().items[0]!;
    const detail = (await get(`/api/judgments/${first.id}`)).json<JudgmentDetail>();
    expect(detail.promoteBars?.ok).toBe(false);
    expect(detail.promoteBars!.bars.length).toBeGreaterThan(0);
    expect(detail.evidence.length).toBeGreaterThan(0);
  });

  it('analyses a town team before and after the endorsed judgments, and writes both reports', async () => {
    const town = board.byTown.find((b) => b.PROMOTE > 0)!;
    const res = await get(`/api/team-analysis/towns/${town.townId}?campaignId=${board.campaignId}`);
    expect(res.statusCode).toBe(200);
    const a = res.json<TeamAnalysis>();
    expect(a.source).toBe('JUDGMENTS');
    expect(a.before.structure.size).toBe(town.before.size);
    expect(a.after!.structure.size).toBe(town.after.size);
    expect(a.before.members.filter((m) => m.change === 'LEAVES').length).toBe(town.PROMOTE + town.EXCHANGE + town.ADJUST);
    const docx = await get(`/api/team-analysis/towns/${town.townId}/report.docx?campaignId=${board.campaignId}`);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await readDocx(docx.rawPayload)).images.filter((i) => i.isPng)).toHaveLength(3);
    const report = await get(`/api/judgments/${board.promoted[0]!.judgmentId}/report.docx`);
    expect(report.statusCode).toBe(200);
    // 研判报告 with the five-dimension radar as a PNG picture
    const parts = await readDocx(report.rawPayload);
    expect(parts.text).toContain('干部分析研判报告');
    expect(parts.text).toContain('“五维”测评情况');
    expect(parts.images).toHaveLength(1);
    expect(parts.images[0]).toMatchObject({ isPng: true, width: 1120, height: 840 });
    expect(parts.images[0]!.bytes).toBeGreaterThan(20_000);
    const xlsx = await get(`/api/judgments/outcome/export.xlsx?campaignId=${board.campaignId}`);
    expect(xlsx.statusCode).toBe(200);
  });
});
