/**
 * [INTEGRITY] browser tests on the demo county (server/test/server.ts): the 黄花镇 Party secretary and discipline
 * secretary each sign an open integrity conclusion on a 375 px phone (either order, bound to the content on
 * screen), the secretary submits it, and the cadre supervision section accepts it on a desktop; then the review and
 * petition pages as the discipline commission and the supervision section. Screenshots of every page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiJson, chromiumGate, ensureWebBuilt, expectNoHorizontalOverflow, launchBrowser, login, newContext, shot, trackErrors, type TestServer } from './helpers.ts';

const chromiumPresent = chromiumGate('[INTEGRITY]');

type Item = { id: string; subjectName: string; status: string };
type Conclusion = Item & { can: { sign: string[] }; version: number };

describe.skipIf(!chromiumPresent)('[INTEGRITY] double-signed integrity conclusions', () => {
  let server: TestServer;
  let browser: Browser;
  let target: Item;

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

  async function signOnPhone(account: { username: string; password: string }, role: '党组织书记' | '纪委书记（纪检组组长）', expectStatus: string, shotName: string): Promise<Page> {
    const context = await newContext(browser, true);
    const page = await context.newPage();
    const errors = trackErrors(page);
    await login(page, server.url, account);
    await page.goto(`${server.url}/integrity/conclusions/${target.id}`);
    await page.getByRole('heading', { level: 1, name: `${target.subjectName} · 廉政结论` }).waitFor();
    const button = page.getByRole('button', { name: `以${role}身份签字` });
    await button.waitFor();
    await expectNoHorizontalOverflow(page, shotName);
    await shot(page, `${shotName}-before`);
    await button.click();
    const dialog = page.getByRole('dialog', { name: '确认签字' });
    await dialog.getByText(`您将以“${role}”身份`).waitFor();
    await shot(page, `${shotName}-confirm`);
    await dialog.getByRole('button', { name: '签 字' }).or(dialog.getByRole('button', { name: '签字' })).click();
    await page.getByText('已签字', { exact: true }).first().waitFor();
    await page.getByText(expectStatus, { exact: true }).first().waitFor();
    await expect.poll(() => page.getByRole('button', { name: `以${role}身份签字` }).count()).toBe(0);
    await expectNoHorizontalOverflow(page, shotName);
    await shot(page, `${shotName}-after`);
    expect(errors).toEqual([]);
    return page;
  }

  it('[INTEGRITY] TOWN_SECRETARY finds a conclusion to sign on a phone and signs it as Party secretary', async () => {
    const secretary = server.accounts.TOWN_SECRETARY!;
    const context = await newContext(browser, true);
    const page = await context.newPage();
    const errors = trackErrors(page);
    await login(page, server.url, secretary);
    await page.goto(`${server.url}/integrity`);
    await page.getByRole('heading', { level: 1, name: '廉政结论与任前审查' }).waitFor();
    await page.getByRole('checkbox', { name: '只看待我签字' }).check();
    const mine = await apiJson<{ items: Item[] }>(page, `${server.url}/api/integrity/conclusions?toSign=true&status=DRAFT`);
    expect(mine.items.length, 'a DRAFT conclusion in 黄花镇').toBeGreaterThan(0);
    target = mine.items[0]!;
    await page.getByRole('link', { name: target.subjectName }).first().waitFor();
    await expectNoHorizontalOverflow(page, 'integrity list (phone)');
    await shot(page, 'integrity-01-list-phone-secretary');
    await context.close();
    expect(errors).toEqual([]);
    const signed = await signOnPhone(secretary, '党组织书记', '书记已签', 'integrity-02-sign-secretary-phone');
    await signed.context().close();
  });

  it('[INTEGRITY] TOWN_DISCIPLINE_SECRETARY co-signs on a phone; the secretary submits it', async () => {
    const page = await signOnPhone(server.accounts.TOWN_DISCIPLINE_SECRETARY!, '纪委书记（纪检组组长）', '双签完成', 'integrity-03-sign-discipline-phone');
    const view = await apiJson<Conclusion>(page, `${server.url}/api/integrity/conclusions/${target.id}`);
    expect(view.status).toBe('DOUBLE_SIGNED');
    expect(view.can.sign).toEqual([]);
    await page.context().close();

    const context = await newContext(browser, true);
    const sec = await context.newPage();
    await login(sec, server.url, server.accounts.TOWN_SECRETARY!);
    await sec.goto(`${server.url}/integrity/conclusions/${target.id}`);
    await sec.getByRole('button', { name: '报送组织部' }).click();
    await sec.getByText('已报送', { exact: true }).first().waitFor();
    await shot(sec, 'integrity-04-submitted-phone');
    await context.close();
  });

  it('[INTEGRITY] ORG_SUPERVISION_SECTION accepts the submitted conclusion; reviews and petitions (counts only)', async () => {
    const context = await newContext(browser, false);
    const page = await context.newPage();
    const errors = trackErrors(page);
    await login(page, server.url, server.accounts.ORG_SUPERVISION_SECTION!);
    await page.getByRole('menu').getByRole('link', { name: '廉政双签' }).click();
    await page.getByRole('heading', { level: 1, name: '廉政结论与任前审查' }).waitFor();
    await page.getByRole('table', { name: '廉政结论列表' }).getByRole('row').nth(1).waitFor();
    await shot(page, 'integrity-05-list-supervision');
    const xlsx = page.waitForEvent('download');
    await page.getByRole('button', { name: /导出/ }).click();
    expect((await xlsx).suggestedFilename()).toMatch(/^廉政结论-.*\.xlsx$/);
    await page.goto(`${server.url}/integrity/conclusions/${target.id}`);
    await page.getByRole('button', { name: '采 纳' }).or(page.getByRole('button', { name: '采纳' })).click();
    await page.getByText('已采纳', { exact: true }).first().waitFor();
    await page.getByText('版本记录').waitFor();
    await shot(page, 'integrity-06-accepted');
    // the double-signed conclusion as the printable 廉政意见 form
    const docx = page.waitForEvent('download');
    await page.getByRole('button', { name: '廉政意见（Word）' }).click();
    expect((await docx).suggestedFilename()).toBe(`${target.subjectName}-廉政意见-第${(await apiJson<Conclusion>(page, `${server.url}/api/integrity/conclusions/${target.id}`)).version}版.docx`);
    expect((await apiJson<Conclusion>(page, `${server.url}/api/integrity/conclusions/${target.id}`)).status).toBe('ACCEPTED');

    await page.goto(`${server.url}/integrity?tab=reviews`);
    const reviews = page.getByRole('table', { name: '任前廉政审查列表' });
    await reviews.getByRole('row').nth(1).waitFor();
    await shot(page, 'integrity-07-reviews');
    await reviews.getByRole('row').nth(1).getByRole('link').click();
    await page.getByText('个人有关事项报告核查').waitFor();
    await page.getByText('默认“凡提四必”四项为必查项（可按规定调整）；经济责任审计默认为选查项。').waitFor();
    await shot(page, 'integrity-08-review-page');

    await page.goto(`${server.url}/integrity?tab=petitions`);
    await page.getByText('信访举报情况（仅统计数）').waitFor();
    await page.getByText('信访举报内容和举报人信息仅县纪委承办人可见。').waitFor();
    expect(await page.getByRole('table', { name: '信访举报列表' }).count()).toBe(0);
    await shot(page, 'integrity-09-petitions-summary');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('[INTEGRITY] DISCIPLINE_COMMISSION sees the petitions in full and opens one', async () => {
    const context = await newContext(browser, false);
    const page = await context.newPage();
    const errors = trackErrors(page);
    await login(page, server.url, server.accounts.DISCIPLINE_COMMISSION!);
    await page.goto(`${server.url}/integrity?tab=petitions`);
    const table = page.getByRole('table', { name: '信访举报列表' });
    await table.getByRole('row').nth(1).waitFor();
    await shot(page, 'integrity-10-petitions-discipline');
    const href = await table.getByRole('row').nth(1).getByRole('link').getAttribute('href');
    expect(href).toMatch(/^\/integrity\/petitions\//);
    await page.goto(`${server.url}${href}`);
    await page.getByText('反映内容').waitFor({ timeout: 60_000 });
    await shot(page, 'integrity-11-petition-page');
    expect(errors).toEqual([]);
    await context.close();
  });
});
