/**
 * The article's campaign figures (SPEC §6, M5 campaign statistics) over the seeded demo county, read through the
 * statistics API as the cadre section: 64 letters, 310 interviewees across 10 levels, 98 villages, 460 village
 * cadres, 200+ documents, 0 real-name petitions, 100 % talk coverage. Also: the summary .docx and the .xlsx export.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign, CampaignStatistics } from '../../../contracts/analysis.ts';
import type { Page } from '../../../contracts/common.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { FakeClock } from '../../platform/clock.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import { openDemoDatabase, type DemoDatabase } from '../../test/demo-fixture.ts';
import { TEST_DIALECTS } from '../../test/test-db.ts';
import { TEST_ORIGIN } from '../../test/test-app.ts';
import { type SeedResult } from '../demo/demo.seeder.ts';
import { DEMO_CAMPAIGN_NAME } from './analysis.demo.ts';

const NOW = new Date('2026-11-26T08:00:00.000Z');

describe.each(TEST_DIALECTS)('analysis demo figures on %s', (dialect) => {
  let t: DemoDatabase;
  let app: FastifyInstance;
  let result: SeedResult;
  let cookie = '';
  let campaign: Campaign;
  let stats: CampaignStatistics;
  let cipher: FieldCipher;

  beforeAll(async () => {
    t = await openDemoDatabase(dialect);
    result = t.seeded;
    cipher = t.cipher;
    const config = { ...loadConfig({ BELLWETHER_DEMO: '0', LOG_LEVEL: 'silent' }), loginPerIpPerMinute: 10_000 };
    app = await buildApp({ db: t.db, dialect, config, clock: new FakeClock(NOW.toISOString()), cipher }, { serveWeb: false, logger: false });
    await app.ready();
    const account = result.accounts.find((a) => a.username === 'cadre.section')!;
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: TEST_ORIGIN }, payload: { username: account.username, password: account.password } });
    expect(login.statusCode).toBe(200);
    cookie = `bw_sid=${login.cookies.find((c) => c.name === 'bw_sid')!.value}`;
    const list = await app.inject({ method: 'GET', url: `/api/analysis/campaigns?q=${encodeURIComponent('换届')}`, headers: { cookie } });
    expect(list.statusCode).toBe(200);
    campaign = list.json<Page<Campaign>>().items.find((c) => c.name === DEMO_CAMPAIGN_NAME)!;
    const res = await app.inject({ method: 'GET', url: `/api/analysis/campaigns/${campaign.id}/statistics`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    stats = res.json();
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  it('seeds one 2016 campaign over all 18 towns and streets, the cadre section leading its team', () => {
    expect(campaign.scopeTowns).toHaveLength(18);
    expect(campaign.team.some((m) => m.teamRole === 'LEAD')).toBe(true);
    expect(campaign.allowed.readNotes).toBe(true);
    expect(result.counts.analysisLetters).toBe(64);
  });

  it('reproduces 64 letters to 64 units, all replied', () => {
    expect(stats.letters).toMatchObject({ total: 64, units: 64, replied: 64, overdue: 0 });
  });

  it('reproduces 310 interviewees across the 10 levels', () => {
    expect(stats.talks.interviewees).toBe(310);
    expect(stats.talks.levelsCovered).toBe(10);
    expect(stats.talks.byLevel).toHaveLength(10);
    expect(stats.talks.byLevel.reduce((s, l) => s + l.interviewees, 0)).toBe(310);
    for (const l of stats.talks.byLevel) expect(l.interviewees).toBeGreaterThan(0);
  });

  it('reproduces 98 villages visited and 460 village and group cadres met', () => {
    expect(stats.visits.villages).toBe(98);
    expect(stats.visits.villageCadresMet).toBe(460);
    expect(stats.visits.byTown.reduce((s, t) => s + t.villages, 0)).toBe(98);
  });

  it('reproduces 200+ documents over the last three years and 0 real-name petitions', () => {
    expect(stats.documents.total).toBeGreaterThanOrEqual(200);
    expect(stats.documents.periodFrom! >= '2013-01-01').toBe(true);
    expect(stats.documents.periodTo! <= '2015-12-31').toBe(true);
    expect(stats.tips.total).toBeGreaterThan(0);
    expect(stats.tips.realName).toBe(0);
    expect(stats.realNamePetitions).toBe(0);
  });

  it('computes 100 % talk coverage of town organ staff, station heads and village principals', () => {
    for (const c of [stats.coverage.townOrganStaff, stats.coverage.stationHeads, stats.coverage.villagePrincipals]) {
      expect(c.total).toBeGreaterThan(0);
      expect(c.covered).toBe(c.total);
      expect(c.percent).toBe(100);
    }
    expect(stats.coverage.townOrganStaff.total).toBeGreaterThan(900);
    expect(stats.cadres.inScope).toBeGreaterThan(150);
  });

  it('hands out the campaign summary .docx and the statistics .xlsx, each a ledger event', async () => {
    const before = await t.db.selectFrom('ledger_event').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const docx = await app.inject({ method: 'GET', url: `/api/analysis/campaigns/${campaign.id}/report.docx`, headers: { cookie } });
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const xlsx = await app.inject({ method: 'GET', url: `/api/analysis/campaigns/${campaign.id}/statistics.xlsx`, headers: { cookie } });
    expect(xlsx.statusCode).toBe(200);
    const events = await t.db.selectFrom('ledger_event').select('action').where('seq', '>', Number(before?.seq ?? 0)).execute();
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['campaign.report_downloaded', 'campaign.statistics_exported']));
  });

  it('gives town leadership cadres annual grades for 2013–2015 in the evidence store', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/analysis/evidence?sourceType=PERFORMANCE_ASSESSMENT&pageSize=200', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const page = res.json<Page<{ grade: string; date: string }>>();
    expect(page.total).toBeGreaterThan(400);
    const grades = new Set(page.items.map((e) => e.grade));
    expect(grades.has('COMPETENT')).toBe(true);
    const accountability = await app.inject({ method: 'GET', url: '/api/analysis/evidence?sourceType=ACCOUNTABILITY', headers: { cookie } });
    for (const e of accountability.json<Page<{ effectUntil: string | null }>>().items) expect(e.effectUntil).not.toBeNull();
  });
});
