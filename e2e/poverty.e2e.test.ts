/**
 * [POVERTY] browser tests (M3): a 1+(3+X) team member logs a visit with a photo on a 375 px phone, and the household
 * leaves this month's reminder list; the county grassroots section sees the live figures with charts (197 teams, 618
 * households). Built web app against a real server on a fresh SQLite database with the demo county.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiJson, chromiumGate, ensureWebBuilt, expectNoHorizontalOverflow, launchBrowser, login, newContext, shot, trackErrors, type TestServer } from './helpers.ts';

const chromiumPresent = chromiumGate('[POVERTY]');

/** a valid 1×1 PNG */
const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

type Page<T> = { items: T[]; total: number };
type Household = { id: string; headName: string; status: string; villageName: string; teamId: string };
type Reminders = { total: number; items: { householdId: string }[] };
type Detail = { teamMembers: { personId: string; name: string }[]; visits: { id: string; photos: { id: string }[] }[] };

describe.skipIf(!chromiumPresent)('[POVERTY] service teams and households', () => {
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

  it('[POVERTY] a team member logs a visit with a photo on a 375 px phone', async () => {
    const account = server.accounts.SERVICE_TEAM_MEMBER!;
    expect(account, 'demo account SERVICE_TEAM_MEMBER').toBeDefined();
    const context = await newContext(browser, true);
    const page = await context.newPage();
    const errors = trackErrors(page);
    await login(page, server.url, account);

    // the household list: only 黄花村, the team member's own team
    await page.goto(`${server.url}/poverty`);
    await page.getByRole('heading', { level: 1, name: '“1+(3+X)”组团式服务' }).waitFor();
    const list = await apiJson<Page<Household>>(page, `${server.url}/api/poverty/households?status=ASSISTED&pageSize=50`);
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((h) => h.villageName === '黄花村')).toBe(true);
    await page.getByText(list.items[0]!.headName).first().waitFor();
    await expectNoHorizontalOverflow(page, 'household list');
    await shot(page, 'poverty-01-phone-households');

    // a household that still needs a visit this month, if any (else the first assisted one)
    const due = await apiJson<Reminders>(page, `${server.url}/api/poverty/reminders`);
    const target = list.items.find((h) => due.items.some((r) => r.householdId === h.id)) ?? list.items[0]!;
    await page.goto(`${server.url}/poverty/households/${target.id}`);
    await page.getByRole('heading', { level: 1, name: target.headName }).waitFor();
    await expectNoHorizontalOverflow(page, 'household page');
    await shot(page, 'poverty-02-phone-household');

    const before = await apiJson<Detail>(page, `${server.url}/api/poverty/households/${target.id}`);
    await page.getByRole('button', { name: '记录走访' }).click();
    const dialog = page.getByRole('dialog', { name: '记录走访' });
    await dialog.waitFor();
    await dialog.getByRole('checkbox').first().check();
    await dialog.getByLabel('群众需求').fill('想了解大病医保报销流程');
    await dialog.getByLabel('帮扶措施').fill('现场讲解报销政策，约定下周代办材料');
    await shot(page, 'poverty-03-phone-visit-form');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByText('走访已记录').waitFor();
    await dialog.locator('input[type=file]').setInputFiles({ name: 'visit.png', mimeType: 'image/png', buffer: PNG_1PX });
    await page.getByText('照片已上传').first().waitFor();
    await shot(page, 'poverty-04-phone-photo-uploaded');
    await dialog.getByRole('button', { name: /完\s*成/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    const after = await apiJson<Detail>(page, `${server.url}/api/poverty/households/${target.id}`);
    expect(after.visits.length).toBe(before.visits.length + 1);
    expect(after.visits[0]!.photos.length).toBe(1);
    const photo = await page.request.get(`${server.url}/api/poverty/photos/${after.visits[0]!.photos[0]!.id}`);
    expect(photo.status()).toBe(200);
    expect(photo.headers()['content-type']).toBe('image/png');
    await page.getByRole('img', { name: '照片' }).first().waitFor();
    await expectNoHorizontalOverflow(page, 'household page after the visit');
    await shot(page, 'poverty-05-phone-visit-logged');

    // this month's reminders no longer list the household
    const now = await apiJson<Reminders>(page, `${server.url}/api/poverty/reminders`);
    expect(now.items.some((r) => r.householdId === target.id)).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('[POVERTY] the grassroots section sees 197 teams and 618 households with charts', async () => {
    const account = server.accounts.ORG_GRASSROOTS_SECTION!;
    const context = await newContext(browser, false);
    const page = await context.newPage();
    const errors = trackErrors(page);
    await login(page, server.url, account);
    await page.goto(`${server.url}/poverty?tab=report`);
    await page.getByText('帮扶团队').first().waitFor();
    await page.getByRole('img', { name: '按年度脱贫户数柱状图' }).locator('canvas').waitFor();
    await page.getByRole('img', { name: '按致贫原因户数柱状图' }).locator('canvas').waitFor();
    const report = await apiJson<{ teams: number; households: number }>(page, `${server.url}/api/poverty/report`);
    expect(report).toMatchObject({ teams: 197, households: 618 });
    await page.getByText('197', { exact: true }).first().waitFor();
    await page.getByText('618', { exact: true }).first().waitFor();
    await shot(page, 'poverty-06-desktop-report');
    await page.goto(`${server.url}/poverty?tab=teams`);
    await page.getByLabel('搜索团队或村名').fill('黄花村');
    await page.getByLabel('搜索团队或村名').press('Enter');
    await page.getByRole('link', { name: '黄花村"1+(3+X)"帮扶团队' }).click();
    await page.getByText('核心成员（3）').waitFor();
    await shot(page, 'poverty-07-desktop-team');
    expect(errors).toEqual([]);
    await context.close();
  });
});
