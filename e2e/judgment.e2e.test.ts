/**
 * [JUDGMENT] browser tests (M5 five-category judgments, team analysis, outcome board): the organisation department
 * head reads the term-change outcome (22 promoted young cadres, 37 exchanged), sees the bars that stop a proposed
 * promotion, endorses a proposed exchange at the department meeting, and looks at a town team before and after;
 * the same pages on a 375 px phone. Built web app against a real server on a fresh SQLite database with the demo county.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiJson, chromiumGate, ensureWebBuilt, expectNoHorizontalOverflow, launchBrowser, login, newContext, shot, trackErrors, type TestServer } from './helpers.ts';

const chromiumPresent = chromiumGate('[JUDGMENT]');

type Page<T> = { items: T[]; total: number };
type Judgment = { id: string; cadreName: string; category: string; status: string };
type Outcome = { counts: { PROMOTE: number; EXCHANGE: number }; promotedYoung: number; byTown: { townId: string; townName: string; PROMOTE: number }[] };

describe.skipIf(!chromiumPresent)('[JUDGMENT] five-category judgments and the term-change outcome', () => {
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

  it('[JUDGMENT] the org head reads the outcome, sees promotion bars, endorses an exchange and analyses a team', async () => {
    const account = server.accounts.ORG_HEAD!;
    const context = await newContext(browser, false);
    const page = await context.newPage();
    const errors = trackErrors(page);
    await login(page, server.url, account);

    await page.goto(`${server.url}/judgments/outcome`);
    await page.getByRole('heading', { level: 1, name: '换届结果' }).waitFor();
    const outcome = await apiJson<Outcome>(page, `${server.url}/api/judgments/outcome`);
    expect(outcome.counts.PROMOTE).toBe(22);
    expect(outcome.counts.EXCHANGE).toBe(37);
    expect(outcome.promotedYoung).toBe(22);
    await page.getByText('全部为年轻干部').waitFor();
    // the board says what it shows: promoted, exchanged and what became of the rest, from the live counts
    const summary = page.getByLabel('换届结果概述');
    await summary.getByText(/提拔重用 22 名（其中年轻干部 22 名），交流使用 37 名；其余 \d+ 名中，保留稳定 \d+ 名/).waitFor();
    await page.locator('canvas').first().waitFor();
    await shot(page, 'judgment-01-outcome');

    await page.goto(`${server.url}/judgments`);
    await page.getByRole('heading', { level: 1, name: '五类研判意见' }).waitFor();
    await page.getByRole('table').getByText('已审定').first().waitFor();
    await shot(page, 'judgment-02-list');

    // the proposed PROMOTE of the demo is blocked by a bar: shown before endorsing, the button is disabled
    const promote = await apiJson<Page<Judgment>>(page, `${server.url}/api/judgments?status=PROPOSED&category=PROMOTE`);
    expect(promote.total).toBeGreaterThan(0);
    await page.goto(`${server.url}/judgments/${promote.items[0]!.id}`);
    await page.getByText('提拔限制条件核查').waitFor();
    await page.getByText('部务会不能审定为“提拔重用”').waitFor();
    expect(await page.getByRole('button', { name: '部务会审定' }).isDisabled()).toBe(true);
    await shot(page, 'judgment-03-promote-barred');

    // the proposed EXCHANGE: endorsed at the department meeting
    const exchange = await apiJson<Page<Judgment>>(page, `${server.url}/api/judgments?status=PROPOSED&category=EXCHANGE`);
    const target = exchange.items[0]!;
    await page.goto(`${server.url}/judgments/${target.id}`);
    await page.getByRole('button', { name: '部务会审定' }).click();
    const dialog = page.getByRole('dialog', { name: '部务会审定' });
    await dialog.waitFor();
    await dialog.getByLabel('部务会日期').fill('2026-11-20');
    await dialog.getByLabel('部务会日期').press('Enter');
    await dialog.getByLabel('会议编号或纪要文号').fill('县委组织部部务会〔2016〕第15次会议');
    await shot(page, 'judgment-04-endorse-form');
    await dialog.getByRole('button', { name: /确\s*定|保\s*存|提\s*交/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('已审定').first().waitFor();
    const after = await apiJson<{ judgment: Judgment }>(page, `${server.url}/api/judgments/${target.id}`);
    expect(after.judgment.status).toBe('ENDORSED');
    await shot(page, 'judgment-05-endorsed');

    // a town team before and after the endorsed judgments
    const town = outcome.byTown.find((x) => x.PROMOTE > 0)!;
    await page.goto(`${server.url}/judgments/teams?town=${town.townId}`);
    await page.getByRole('heading', { level: 1, name: '乡镇领导班子结构分析' }).waitFor();
    await page.getByText('存在的不足').first().waitFor();
    await page.getByText('调整后').first().waitFor();
    await page.locator('canvas').first().waitFor();
    await shot(page, 'judgment-06-team');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('[JUDGMENT] the outcome board, a judgment and a team hold on a 375 px phone', async () => {
    const context = await newContext(browser, true);
    const page = await context.newPage();
    await login(page, server.url, server.accounts.ORG_HEAD!);
    await page.goto(`${server.url}/judgments/outcome`);
    await page.getByRole('heading', { level: 1, name: '换届结果' }).waitFor();
    await expectNoHorizontalOverflow(page, 'outcome board');
    await shot(page, 'judgment-07-phone-outcome');
    const list = await apiJson<Page<Judgment>>(page, `${server.url}/api/judgments?category=PROMOTE&status=ENDORSED`);
    await page.goto(`${server.url}/judgments/${list.items[0]!.id}`);
    await page.getByText('研判理由').first().waitFor();
    await expectNoHorizontalOverflow(page, 'judgment page');
    await shot(page, 'judgment-08-phone-judgment');
    await page.goto(`${server.url}/judgments/teams`);
    await page.getByText('存在的不足').first().waitFor();
    await expectNoHorizontalOverflow(page, 'team page');
    await shot(page, 'judgment-09-phone-team');
    await context.close();
  });
});
