/**
 * [GROUPS] browser tests (M2 四级微信群): the county grassroots section opens the coverage report (700 groups, 20,770
 * distinct members, charts by level and town, the [INF] notice) on a desktop and on a 375 px phone, then a village
 * group's page with masked members. Built web app against a real server on a fresh SQLite database with the demo county.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiJson, chromiumGate, ensureWebBuilt, expectNoHorizontalOverflow, launchBrowser, login, newContext, shot, trackErrors, type TestServer } from './helpers.ts';

const chromiumPresent = chromiumGate('[GROUPS]');

type Page<T> = { items: T[]; total: number };
type Coverage = { groups: number; members: number; partyMembers: number };

describe.skipIf(!chromiumPresent)('[GROUPS] four-level service groups', () => {
  let server: TestServer;
  let browser: Browser;

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

  it('[GROUPS] the grassroots section reads the coverage report and a group page', async () => {
    const account = server.accounts.ORG_GRASSROOTS_SECTION!;
    const context = await newContext(browser, false);
    const page = await context.newPage();
    const errors = trackErrors(page);
    await login(page, server.url, account);

    await page.getByRole('menuitem', { name: '四级服务群' }).click();
    await page.getByRole('heading', { level: 1, name: '四级微信服务群' }).waitFor();
    const coverage = await apiJson<Coverage>(page, `${server.url}/api/groups/coverage`);
    expect(coverage).toMatchObject({ groups: 700, members: 20_770 });
    await page.getByText('20,770').first().waitFor();
    await page.getByText('四级划分（县 / 镇 / 村 / 组）为推断').first().waitFor();
    await page.getByRole('img', { name: '各镇（街道）服务群与成员柱状图' }).locator('canvas').waitFor();
    await page.getByRole('img', { name: '各层级服务群数量柱状图' }).locator('canvas').waitFor();
    await shot(page, 'groups-01-coverage');

    // the level mapping is shown as an inference, editable by the county
    await page.getByRole('tab', { name: '层级设置' }).click();
    await page.getByRole('cell', { name: '村民小组（网格）群' }).waitFor();
    await page.getByText('推断').first().waitFor();
    await shot(page, 'groups-01b-levels');

    await page.getByRole('tab', { name: '服务群' }).click();
    const list = await apiJson<Page<{ id: string; name: string }>>(page, `${server.url}/api/groups?level=VILLAGE&pageSize=1`);
    await page.getByRole('combobox', { name: '层级' }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '村级' }).first().click();
    await page.getByRole('link', { name: list.items[0]!.name }).click();
    await page.getByRole('heading', { level: 1, name: list.items[0]!.name }).waitFor();
    await page.getByText('成员以微信号的密钥散列标识').waitFor();
    await shot(page, 'groups-02-group-page');
    expect(await page.content()).not.toContain('wxid_bw');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('[GROUPS] the coverage report holds at 375 px', async () => {
    const account = server.accounts.TOWN_SECRETARY!;
    const context = await newContext(browser, true);
    const page = await context.newPage();
    const errors = trackErrors(page);
    await login(page, server.url, account);
    await page.goto(`${server.url}/groups`);
    await page.getByRole('heading', { level: 1, name: '四级微信服务群' }).waitFor();
    await page.getByRole('img', { name: '各层级服务群数量柱状图' }).locator('canvas').waitFor();
    await expectNoHorizontalOverflow(page, 'coverage report');
    await shot(page, 'groups-03-phone-coverage');
    expect(errors).toEqual([]);
    await context.close();
  });
});
