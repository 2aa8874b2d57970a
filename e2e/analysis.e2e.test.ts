/**
 * [ANALYSIS] browser tests (M5): the cadre section opens the 2016 term-change campaign, sees the article's figures
 * with charts, reads a talk's confidential notes (an audited read) and downloads the Word summary; the org head
 * filters the evidence store and opens a cadre profile from it and from the dossier; the county secretary sees the
 * campaign without notes; everything holds at 375 px. Built web app against a real server with the demo county.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiJson, chromiumGate, ensureWebBuilt, expectNoHorizontalOverflow, launchBrowser, login, newContext, shot, trackErrors, type TestServer } from './helpers.ts';

const chromiumPresent = chromiumGate('[ANALYSIS]');
const CAMPAIGN = '2016年乡镇党委换届考察分析';

type Page<T> = { items: T[]; total: number };
type Stats = { letters: { total: number }; talks: { interviewees: number; levelsCovered: number }; visits: { villages: number; villageCadresMet: number }; documents: { total: number }; realNamePetitions: number };
type Evidence = { id: string; cadre: { id: string; name: string } | null };

describe.skipIf(!chromiumPresent)('[ANALYSIS] campaigns, evidence store and cadre profiles', () => {
  let server: TestServer;
  let browser: Browser;
  let campaignId = '';

  beforeAll(async () => {
    await ensureWebBuilt();
    const { startTestServer } = await import('../server/test/server.ts');
    server = await startTestServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('[ANALYSIS] the cadre section opens the campaign, sees the figures, reads talk notes and downloads the summary', async () => {
    const context = await newContext(browser, false);
    const page = await context.newPage();
    const errors = trackErrors(page);
    await login(page, server.url, server.accounts.ORG_CADRE_SECTION!);

    await page.goto(`${server.url}/analysis/campaigns`);
    await page.getByRole('heading', { level: 1, name: '分析研判活动' }).waitFor();
    await page.getByRole('link', { name: CAMPAIGN }).waitFor();
    await shot(page, 'analysis-01-campaigns');

    await page.getByRole('link', { name: CAMPAIGN }).click();
    await page.getByRole('heading', { level: 1, name: CAMPAIGN }).waitFor();
    campaignId = page.url().split('/').pop()!.split('?')[0]!;
    const stats = await apiJson<Stats>(page, `${server.url}/api/analysis/campaigns/${campaignId}/statistics`);
    expect(stats).toMatchObject({ letters: { total: 64 }, talks: { interviewees: 310, levelsCovered: 10 }, visits: { villages: 98, villageCadresMet: 460 }, realNamePetitions: 0 });
    expect(stats.documents.total).toBeGreaterThanOrEqual(200);
    await page.getByText('个别访谈（人）').waitFor();
    await page.getByRole('img', { name: '各层面个别访谈人数' }).locator('canvas').waitFor();
    await page.getByRole('img', { name: '各乡镇（街道）走访村数' }).locator('canvas').waitFor();
    await expect.poll(() => page.locator('.ant-statistic-content-value').allInnerTexts()).toEqual(expect.arrayContaining(['64', '310', '98', '460']));
    await shot(page, 'analysis-02-campaign-overview');

    await page.getByRole('tab', { name: '谈话' }).click();
    const talks = page.getByRole('region', { name: '谈话' });
    await talks.getByRole('button', { name: /^查看记录/ }).first().waitFor();
    await shot(page, 'analysis-03-talks');
    await talks.getByRole('button', { name: /^查看记录/ }).first().click();
    const dialog = page.getByRole('dialog', { name: '谈话记录（机密）' });
    await dialog.getByText(/本次查阅已记入审计日志/).waitFor();
    await shot(page, 'analysis-04-talk-notes');
    await dialog.getByRole('button', { name: /close|关闭/i }).click();

    for (const [tab, name] of [['函询', 'analysis-05-letters'], ['实地走访', 'analysis-06-visits'], ['查阅资料', 'analysis-07-documents'], ['来信来访', 'analysis-08-tips'], ['工作组', 'analysis-09-team']] as const) {
      await page.getByRole('tab', { name: tab }).click();
      await page.getByRole('region', { name: tab }).locator('.ant-table-row, .ant-list-item').first().waitFor();
      await shot(page, name);
    }

    // the team lead takes the org head off the team and puts him back through the picker (two ledger events)
    const team = page.getByRole('region', { name: '工作组' });
    const headName = (await apiJson<{ team: { displayName: string; teamRole: string }[] }>(page, `${server.url}/api/analysis/campaigns/${campaignId}`)).team.find((m) => m.teamRole === 'MEMBER')!.displayName;
    await team.getByRole('listitem').filter({ hasText: headName }).getByRole('button', { name: '移出工作组' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '移出工作组' }).click();
    await page.getByText('已移出').waitFor();
    await expect.poll(() => team.getByRole('listitem').filter({ hasText: headName }).count()).toBe(0);
    await team.getByRole('button', { name: '加入工作组' }).click();
    const addDialog = page.getByRole('dialog', { name: '加入工作组' });
    await addDialog.getByLabel('用户').click();
    await page.locator('.ant-select-item-option').filter({ hasText: headName }).first().click();
    await shot(page, 'analysis-09b-team-add');
    await addDialog.getByRole('button', { name: /确\s*定|保\s*存|提\s*交/ }).click();
    await addDialog.waitFor({ state: 'hidden' });
    await team.getByRole('listitem').filter({ hasText: headName }).waitFor();
    await shot(page, 'analysis-09c-team-added');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /下载工作总结/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.docx$/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('[ANALYSIS] the org head filters the evidence store and opens a cadre profile with its timeline', async () => {
    const context = await newContext(browser, false);
    const page = await context.newPage();
    const errors = trackErrors(page);
    await login(page, server.url, server.accounts.ORG_HEAD!);

    await page.goto(`${server.url}/analysis/evidence`);
    await page.getByRole('heading', { level: 1, name: '干部证据库' }).waitFor();
    await page.getByRole('combobox', { name: '来源类型' }).fill('问责');
    await page.keyboard.press('Enter');
    const region = page.getByRole('region', { name: '干部证据库' });
    await region.getByRole('cell', { name: '问责' }).first().waitFor();
    await shot(page, 'analysis-10-evidence');

    const list = await apiJson<Page<Evidence>>(page, `${server.url}/api/analysis/evidence?sourceType=PERFORMANCE_ASSESSMENT&pageSize=5`);
    const cadre = list.items.find((e) => e.cadre)!.cadre!;
    await page.goto(`${server.url}/people/${cadre.id}`);
    await page.getByRole('button', { name: '干部画像' }).click();
    await page.getByRole('heading', { level: 1, name: `干部画像：${cadre.name}` }).waitFor();
    await page.getByText('时间轴').waitFor();
    await page.getByText('近年考核').waitFor();
    await shot(page, 'analysis-11-profile');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('[ANALYSIS] the county secretary sees the campaign but no talk notes', async () => {
    const context = await newContext(browser, false);
    const page = await context.newPage();
    await login(page, server.url, server.accounts.COUNTY_SECRETARY!);
    await page.goto(`${server.url}/analysis/campaigns/${campaignId}?tab=talks`);
    await page.getByText('谈话记录仅限本活动工作组成员查阅').waitFor();
    await page.getByRole('region', { name: '谈话' }).locator('.ant-table-row').first().waitFor();
    expect(await page.getByRole('button', { name: /^查看记录/ }).count()).toBe(0);
    const res = await page.request.get(`${server.url}/api/analysis/evidence`);
    expect(res.status()).toBe(403);
    await shot(page, 'analysis-12-secretary-talks');
    await context.close();
  });

  it('[ANALYSIS] campaign, evidence and profile pages hold at 375 px', async () => {
    const context = await newContext(browser, true);
    const page = await context.newPage();
    const errors = trackErrors(page);
    await login(page, server.url, server.accounts.ORG_CADRE_SECTION!);
    await page.goto(`${server.url}/analysis/campaigns`);
    await page.getByRole('link', { name: CAMPAIGN }).waitFor();
    await expectNoHorizontalOverflow(page, 'campaign list');
    await shot(page, 'analysis-13-phone-campaigns');
    await page.goto(`${server.url}/analysis/campaigns/${campaignId}`);
    await page.getByRole('img', { name: '各层面个别访谈人数' }).locator('canvas').waitFor();
    await expectNoHorizontalOverflow(page, 'campaign overview');
    await shot(page, 'analysis-14-phone-overview');
    await page.goto(`${server.url}/analysis/campaigns/${campaignId}?tab=talks`);
    await page.getByRole('region', { name: '谈话' }).locator('.ant-table-row').first().waitFor();
    await expectNoHorizontalOverflow(page, 'talks');
    await shot(page, 'analysis-15-phone-talks');
    await page.goto(`${server.url}/analysis/evidence`);
    await page.getByRole('region', { name: '干部证据库' }).locator('.ant-table-row').first().waitFor();
    await expectNoHorizontalOverflow(page, 'evidence');
    await shot(page, 'analysis-16-phone-evidence');
    const list = await apiJson<Page<Evidence>>(page, `${server.url}/api/analysis/evidence?sourceType=AWARD&pageSize=5`);
    const cadre = list.items.find((e) => e.cadre)!.cadre!;
    await page.goto(`${server.url}/analysis/cadres/${cadre.id}`);
    await page.getByText('时间轴').waitFor();
    await expectNoHorizontalOverflow(page, 'profile');
    await shot(page, 'analysis-17-phone-profile');
    expect(errors).toEqual([]);
    await context.close();
  });
});
