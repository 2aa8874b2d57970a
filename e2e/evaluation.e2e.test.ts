/**
 * [EVALUATION] browser tests: the cadre section creates a reverse evaluation, issues and prints tokens as QR codes
 * and opens it; a rater submits on a 375 px phone; after more raters and the close, the results page shows the
 * radar and the bars with suppressed groups marked. Built web app against a real server with the demo county.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEFAULT_EVALUATION_QUESTIONNAIRE } from '../contracts/evaluation.ts';
import { apiJson, chromiumGate, ensureWebBuilt, expectNoHorizontalOverflow, launchBrowser, login, newContext, shot, trackErrors, type TestServer } from './helpers.ts';

const chromiumPresent = chromiumGate('[EVALUATION]');

describe.skipIf(!chromiumPresent)('[EVALUATION] reverse evaluation', () => {
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

  it('[EVALUATION] ORG_CADRE_SECTION creates an evaluation, prints tokens, a rater submits on a phone, results after close', async () => {
    const staff = server.accounts.ORG_CADRE_SECTION!;
    const context = await newContext(browser, false);
    const page = await context.newPage();
    const errors = trackErrors(page);
    await login(page, server.url, staff);

    await page.goto(`${server.url}/evaluations`);
    await page.getByRole('heading', { level: 1, name: '干部反向测评' }).waitFor();
    await page.getByRole('table', { name: '测评列表' }).getByRole('link').first().waitFor();
    await shot(page, 'evaluation-list');

    // a cadre of a county department (no demo evaluation yet is fine; the name search is by pinyin/initials too)
    const people = (await apiJson<{ items: { id: string; name: string }[] }>(page, `${server.url}/api/people?isCadre=true&pageSize=5&sort=name`)).items;
    const subject = people[0]!;
    await page.getByRole('button', { name: '新建测评' }).click();
    const dialog = page.getByRole('dialog', { name: '新建反向测评' });
    await dialog.getByRole('combobox', { name: '被测评干部' }).fill(subject.name);
    await page.locator('.ant-select-item-option').filter({ hasText: subject.name }).first().click();
    await shot(page, 'evaluation-create');
    await dialog.getByRole('button', { name: '新 建' }).or(dialog.getByRole('button', { name: '新建' })).click();
    await page.getByRole('heading', { level: 1, name: `测评详情 · ${subject.name}` }).waitFor();

    await page.getByRole('button', { name: '发放测评码' }).click();
    await page.getByRole('heading', { level: 1, name: `发放测评码并打印 · ${subject.name}` }).waitFor();
    await page.getByRole('button', { name: '生成测评码' }).click();
    await page.getByTestId('token-card').first().waitFor();
    expect(await page.getByTestId('token-card').count()).toBe(53);
    await shot(page, 'evaluation-tokens-print');
    const links = await page.locator('[data-testid="token-card"] a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    const tokens = links.map((l) => l.split('/r/')[1]!);

    await page.getByRole('link', { name: '测评详情' }).click();
    await page.getByRole('button', { name: '开始测评' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '开始测评' }).click();
    await page.getByText('测评中').first().waitFor();

    // a rater on a 375 px phone
    const phone = await newContext(browser, true);
    const rater = await phone.newPage();
    const raterErrors = trackErrors(rater);
    await rater.goto(links[0]!);
    await rater.getByText(subject.name).first().waitFor();
    await expectNoHorizontalOverflow(rater, 'rater page');
    await shot(rater, 'evaluation-rater-phone');
    for (const d of DEFAULT_EVALUATION_QUESTIONNAIRE.dimensions) for (const item of d.items) await rater.getByRole('group', { name: item.text }).getByText('较好', { exact: true }).click();
    await rater.getByRole('radio', { name: '未发现问题' }).check();
    await rater.getByRole('button', { name: '提 交' }).or(rater.getByRole('button', { name: '提交' })).click();
    await rater.getByText('提交成功，感谢您的参与').waitFor();
    await shot(rater, 'evaluation-rater-done');
    await rater.goto(links[0]!);
    await rater.getByText('该测评码已经使用过').waitFor();
    expect(raterErrors).toEqual([]);

    // more raters through the public API (the same route the page uses)
    const answers = Object.fromEntries(DEFAULT_EVALUATION_QUESTIONNAIRE.dimensions.flatMap((d) => d.items.map((i) => [i.id, 'A'])));
    for (const token of tokens.slice(3, 30)) {
      const res = await fetch(`${server.url}/api/public/evaluations/ballots`, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url }, body: JSON.stringify({ token, answers, integrity: 'NO_ISSUE' }) });
      expect(res.status).toBe(200);
    }
    await page.reload();
    await page.getByRole('button', { name: '结束测评' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '结束测评' }).click();
    await page.getByRole('button', { name: '查看结果' }).click();
    await page.getByRole('heading', { level: 1, name: `查看结果 · ${subject.name}` }).waitFor();
    await page.getByRole('img', { name: '德能勤绩廉五维得分雷达图' }).waitFor();
    await page.getByText('样本不足，不予显示').first().waitFor();
    await shot(page, 'evaluation-results');
    expect(errors).toEqual([]);
  });

  it('[EVALUATION] COUNTY_SECRETARY reads a demo result on a phone', async () => {
    const account = server.accounts.COUNTY_SECRETARY!;
    const context = await newContext(browser, true);
    const page = await context.newPage();
    await login(page, server.url, account);
    const list = await apiJson<{ items: { id: string; status: string }[] }>(page, `${server.url}/api/evaluations?status=CLOSED&pageSize=1`);
    await page.goto(`${server.url}/evaluations/${list.items[0]!.id}/results`);
    await page.getByRole('img', { name: '德能勤绩廉五维得分雷达图' }).waitFor();
    await expectNoHorizontalOverflow(page, 'results page');
    await shot(page, 'evaluation-results-phone');
  });
});
