/**
 * [PLATFORM] browser tests: the built web app against a real server on a fresh SQLite database with the demo
 * county (server/test/server.ts). Desktop for the county organisation head, a 375 px phone for a town secretary.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiJson, chromiumGate, ensureWebBuilt, expectNoHorizontalOverflow, launchBrowser, login, newContext, shot, trackErrors, type TestServer } from './helpers.ts';

const chromiumPresent = chromiumGate('[PLATFORM]');

type OrgUnitLite = { id: string; name: string; type: string; validTo: string | null; mergedIntoId: string | null };
type PersonLite = { id: string; name: string; orgName: string };

describe.skipIf(!chromiumPresent)('[PLATFORM] web app', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    await ensureWebBuilt();
    const { startTestServer } = await import('../server/test/server.ts');
    server = await startTestServer({ fresh: true });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('[PLATFORM] ORG_HEAD browses the org tree, searches, views history, lists and sorts people, opens a dossier and switches to English', async () => {
    const account = server.accounts.ORG_HEAD;
    expect(account, 'demo account ORG_HEAD').toBeDefined();
    const context = await newContext(browser, false);
    const page = await context.newPage();
    const errors = trackErrors(page);

    // login page, in Chinese by default
    await page.goto(`${server.url}/login`);
    await page.getByRole('button', { name: '登录', exact: true }).waitFor();
    await page.getByLabel('用户名').waitFor();
    await shot(page, 'desktop-01-login');

    // a wrong password shows the server's Chinese message
    await page.getByLabel('用户名').fill(account!.username);
    await page.getByLabel('密码').fill('wrong-password-123');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: /[\u4e00-\u9fa5]/ }).first().waitFor();
    await shot(page, 'desktop-02-login-error');

    await login(page, server.url, account!);
    await page.getByText('组织部部长').first().waitFor();
    await page.getByText('长沙县').first().waitFor();
    await page.getByText(/分钟内无操作将自动退出登录/).waitFor();
    await shot(page, 'desktop-03-home');

    // org tree: expand 长沙县 → 黄花镇 (lazy-loaded children)
    await page.getByRole('menu').getByRole('link', { name: '组织机构' }).click();
    await page.getByRole('heading', { level: 1, name: '组织机构' }).waitFor();
    const tree = page.getByRole('tree', { name: '组织机构树' });
    await tree.getByRole('treeitem', { name: /长沙县/ }).click();
    await tree.getByRole('treeitem', { name: /^黄花镇/ }).click();
    await tree.getByRole('treeitem', { name: /^黄花村/ }).waitFor();
    await page.getByText('430121105').first().waitFor(); // detail panel: the town's division code
    await shot(page, 'desktop-04-org-tree');

    // search by pinyin initials: "hh" finds 黄花镇, shown with its ancestor path
    await page.getByLabel('搜索机构').fill('hh');
    await page.getByLabel('搜索机构').press('Enter');
    const results = page.getByRole('region', { name: '搜索结果' });
    await results.getByRole('button', { name: '黄花镇', exact: true }).waitFor();
    await shot(page, 'desktop-05-org-search');

    // find a village merged on 2016-06-30 through the API, then see it in the tree as of 2016-01-01
    const county = (await apiJson<{ items: OrgUnitLite[] }>(page, `${server.url}/api/org-units`)).items[0]!;
    const towns = (await apiJson<{ items: OrgUnitLite[] }>(page, `${server.url}/api/org-units?parentId=${county.id}`)).items.filter(
      (u) => u.type === 'TOWN' || u.type === 'STREET',
    );
    let merged: { town: OrgUnitLite; village: OrgUnitLite } | null = null;
    for (const town of towns) {
      const kids = (await apiJson<{ items: OrgUnitLite[] }>(page, `${server.url}/api/org-units?parentId=${town.id}&asOf=2016-01-01&includeClosed=true`)).items;
      const village = kids.find((k) => k.mergedIntoId !== null && k.validTo !== null && k.validTo <= '2016-06-30');
      if (village) {
        merged = { town, village };
        break;
      }
    }
    expect(merged, 'the demo county has a village merged in 2016').not.toBeNull();
    const { town: mergedTown, village: mergedVillage } = merged!;
    // today the merged village is gone from its town's children
    const todayKids = (await apiJson<{ items: OrgUnitLite[] }>(page, `${server.url}/api/org-units?parentId=${mergedTown.id}`)).items;
    expect(todayKids.map((k) => k.name)).not.toContain(mergedVillage.name);

    await page.getByRole('button', { name: '清除搜索' }).click();
    await page.getByLabel('查看日期').fill('2016-01-01');
    await page.getByLabel('查看日期').press('Enter');
    await page.getByRole('checkbox', { name: '显示已撤并' }).check();
    await tree.getByRole('treeitem', { name: /长沙县/ }).click();
    await tree.getByRole('treeitem', { name: new RegExp(`^${mergedTown.name}`) }).click();
    const villageNode = tree.getByRole('treeitem', { name: new RegExp(`^${mergedVillage.name}`) });
    await villageNode.waitFor();
    await villageNode.getByText(/撤并/).waitFor();
    await villageNode.click();
    await page.getByText('2016-06-30').first().waitFor();
    await shot(page, 'desktop-06-org-as-of-2016');

    // people list: server-side search and sort, filters in the URL
    await page.getByRole('link', { name: '人员信息' }).first().click();
    await page.getByRole('heading', { level: 1, name: '人员信息' }).waitFor();
    const table = page.getByRole('table').first();
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    await shot(page, 'desktop-07-people');

    const someone = (await apiJson<{ items: PersonLite[] }>(page, `${server.url}/api/people?pageSize=1&isCadre=true&sort=name`)).items[0]!;
    await page.getByLabel('搜索人员').fill(someone.name);
    await page.getByLabel('搜索人员').press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(someone.name);
    await table.getByRole('link', { name: someone.name }).first().waitFor();
    await shot(page, 'desktop-08-people-search');

    await page.getByRole('button', { name: '清除筛选' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBeNull();

    // 新增人员: the server's field error (ID number check digit) appears under the input
    await page.getByRole('button', { name: '新增人员' }).click();
    const form = page.getByRole('dialog', { name: '新增人员' });
    await form.getByLabel('姓名').fill('测试人员');
    await form.getByLabel('出生日期').fill('1985-03-07');
    await form.getByLabel('出生日期').press('Enter');
    await form.getByLabel('身份证号').fill('430121198503070011');
    await form.getByLabel('所在单位').fill('hhz');
    await page.locator('.ant-select-item-option', { hasText: '黄花镇' }).first().click();
    await form.getByRole('button', { name: '保存' }).click();
    await form.getByText(/校验位/).waitFor();
    await shot(page, 'desktop-08b-people-create-error');
    await form.getByRole('button', { name: '取消' }).click();
    await form.waitFor({ state: 'hidden' });

    // filters come from the URL: cadres only, then sort by birth date on the server
    await page.goto(`${server.url}/people?isCadre=true`);
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    await page.getByRole('columnheader', { name: /出生日期/ }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('birthDate');
    await expect.poll(() => new URL(page.url()).searchParams.get('order')).toBe('asc');
    expect(new URL(page.url()).searchParams.get('isCadre')).toBe('true');
    // the oldest cadre comes first: compare with the API's own order
    const oldest = (await apiJson<{ items: PersonLite[] }>(page, `${server.url}/api/people?pageSize=1&isCadre=true&sort=birthDate&order=asc`)).items[0]!;
    await table.locator('tbody tr.ant-table-row').first().getByRole('link', { name: oldest.name }).waitFor();
    await shot(page, 'desktop-09-people-sorted');

    // dossier: masked ID number, sections, reveal with a reason (audited)
    await table.locator('tbody tr.ant-table-row').first().getByRole('link').first().click();
    await page.getByText('基本信息').waitFor();
    await page.getByText('任职经历').waitFor();
    const masked = page.getByLabel('身份证号', { exact: true });
    await expect.poll(async () => (await masked.textContent()) ?? '').toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    await shot(page, 'desktop-10-dossier');

    await page.getByRole('button', { name: '查看 身份证号' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('查看原因').fill('干部选任资格审查核对');
    await shot(page, 'desktop-11-reveal-reason');
    await dialog.getByRole('button', { name: '查看' }).click();
    await expect.poll(async () => (await masked.textContent()) ?? '').toMatch(/^\d{17}[\dX]$/);
    await shot(page, 'desktop-12-revealed');

    // own dossier (self.read) and an unknown route
    await page.getByRole('menu').getByRole('link', { name: '我的档案' }).click();
    await page.getByText('本页为只读').waitFor();
    await page.getByText('任职经历').waitFor();
    await shot(page, 'desktop-13-my-dossier');
    await page.goto(`${server.url}/no-such-page`);
    await page.getByText('页面不存在', { exact: true }).waitFor();
    await shot(page, 'desktop-14-not-found');
    await page.goBack();
    await page.getByText('任职经历').waitFor();

    // English UI, kept after a reload (localStorage bw.locale)
    await page.getByText('English', { exact: true }).first().click();
    await page.getByText('Basic information').waitFor();
    await page.getByText('Posts held').waitFor();
    await shot(page, 'desktop-15-dossier-en');
    await page.reload();
    await page.getByText('Basic information').waitFor();
    await page.getByRole('link', { name: 'People' }).first().waitFor();
    const storage = await page.evaluate(() => Object.keys(window.localStorage));
    expect(storage).toEqual(['bw.locale']);
    await page.getByRole('link', { name: 'Organisations' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Organisations' }).waitFor();
    await page.getByRole('tab', { name: 'Party organisations' }).click();
    const partyTree = page.getByRole('tree', { name: 'Party organisation tree' });
    await partyTree.getByRole('treeitem').first().click();
    await page.getByText('Members', { exact: true }).waitFor();
    await page.getByText('Secretary', { exact: true }).waitFor();
    await shot(page, 'desktop-16-party-tree-en');

    // back to Chinese so the account preference stays at the default
    await page.getByText('中文', { exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: '组织机构' }).waitFor();

    expect(errors).toEqual([]);
    await context.close();
  });

  it('[PLATFORM] TOWN_SECRETARY on a 375 px phone sees only their town, opens a dossier there, and gets not-found for another town', async () => {
    const secretary = server.accounts.TOWN_SECRETARY;
    const head = server.accounts.ORG_HEAD;
    expect(secretary, 'demo account TOWN_SECRETARY').toBeDefined();

    const context = await newContext(browser, true);
    const page = await context.newPage();
    const errors = trackErrors(page);

    await page.goto(`${server.url}/login`);
    await page.getByRole('button', { name: '登录', exact: true }).waitFor();
    await expectNoHorizontalOverflow(page, 'login');
    await shot(page, 'mobile-01-login');

    await login(page, server.url, secretary!);
    const me = await apiJson<{ scope: { orgUnitId: string; name: string }[] }>(page, `${server.url}/api/auth/me`);
    const myTown = me.scope[0]!;
    await page.getByText(myTown.name).first().waitFor();
    await expectNoHorizontalOverflow(page, 'home');
    await shot(page, 'mobile-02-home');

    // the names of all other towns, and a cadre from one of them, seen through the county head's session
    const headContext = await newContext(browser, false);
    const headPage = await headContext.newPage();
    await login(headPage, server.url, head!);
    const county = (await apiJson<{ items: OrgUnitLite[] }>(headPage, `${server.url}/api/org-units`)).items[0]!;
    const otherTowns = (await apiJson<{ items: OrgUnitLite[] }>(headPage, `${server.url}/api/org-units?parentId=${county.id}`)).items.filter(
      (u) => (u.type === 'TOWN' || u.type === 'STREET') && u.id !== myTown.orgUnitId,
    );
    expect(otherTowns.length).toBeGreaterThan(5);
    let stranger: PersonLite | undefined;
    for (const town of otherTowns) {
      stranger = (await apiJson<{ items: PersonLite[] }>(headPage, `${server.url}/api/people?orgUnitId=${town.id}&pageSize=1`)).items[0];
      if (stranger) break;
    }
    expect(stranger, 'a person in another town').toBeDefined();
    await headContext.close();

    const otherTownNames = otherTowns.map((u) => u.name);
    const visibleOtherTowns = async () => {
      const text = await page.locator('main, .ant-layout-content').first().innerText();
      return otherTownNames.filter((name) => text.includes(name));
    };

    // org browser through the drawer menu: only the town's subtree
    await page.getByRole('button', { name: '打开菜单' }).click();
    await shot(page, 'mobile-03-menu');
    await page.getByRole('dialog').getByRole('link', { name: '组织机构' }).click();
    await page.getByRole('heading', { level: 1, name: '组织机构' }).waitFor();
    const tree = page.getByRole('tree', { name: '组织机构树' });
    const root = tree.getByRole('treeitem', { name: new RegExp(`^${myTown.name}`) });
    await root.waitFor();
    await expect.poll(() => tree.getByRole('treeitem').count()).toBe(1);
    await root.click();
    await expect.poll(() => tree.getByRole('treeitem').count()).toBeGreaterThan(1);
    expect(await visibleOtherTowns()).toEqual([]);
    await expectNoHorizontalOverflow(page, 'org tree');
    await shot(page, 'mobile-04-org-tree');

    // people list as cards, only this town's people
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.getByRole('dialog').getByRole('link', { name: '人员信息' }).click();
    await page.getByRole('heading', { level: 1, name: '人员信息' }).waitFor();
    const list = page.getByRole('region', { name: '人员列表' });
    await list.getByRole('link').first().waitFor();
    expect(await visibleOtherTowns()).toEqual([]);
    await expectNoHorizontalOverflow(page, 'people list');
    await shot(page, 'mobile-05-people');

    // a dossier from the town
    await list.getByRole('link').first().click();
    await page.getByText('基本信息').waitFor();
    await expect.poll(async () => (await page.getByLabel('身份证号', { exact: true }).textContent()) ?? '').toContain('*');
    await expectNoHorizontalOverflow(page, 'dossier');
    await shot(page, 'mobile-06-dossier');

    // a dossier from another town: the API answers 404 and the page says so without detail
    await page.goto(`${server.url}/people/${stranger!.id}`);
    await page.getByText('未找到该人员，或您无权查看').waitFor();
    expect(await page.getByText(stranger!.name).count()).toBe(0);
    await expectNoHorizontalOverflow(page, 'not found');
    await shot(page, 'mobile-07-dossier-not-found');

    // account page on the phone
    await page.goto(`${server.url}/account`);
    await page.getByRole('heading', { level: 1, name: '我的账户' }).waitFor();
    await expectNoHorizontalOverflow(page, 'account');
    await shot(page, 'mobile-08-account');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('[PLATFORM] SYS_ADMIN manages users: lists accounts with their role grants', async () => {
    const account = server.accounts.SYS_ADMIN;
    expect(account, 'demo account SYS_ADMIN').toBeDefined();
    const context = await newContext(browser, false);
    const page = await context.newPage();
    const errors = trackErrors(page);
    await login(page, server.url, account!);
    await page.getByRole('menu').getByRole('link', { name: '用户与角色' }).click();
    await page.getByRole('heading', { level: 1, name: '用户与角色' }).waitFor();
    await page.getByRole('table').getByText('orghead').waitFor();
    await page.getByRole('table').getByText(/组织部部长/).first().waitFor();
    await page.getByLabel('搜索用户').fill('town');
    await page.getByLabel('搜索用户').press('Enter');
    await expect.poll(() => page.getByRole('table').getByText('orghead').count()).toBe(0);
    await page.getByRole('table').getByText('town.secretary').waitFor();
    await shot(page, 'desktop-17-users');
    await page.getByRole('button', { name: '新建用户' }).click();
    await page.getByRole('dialog').getByLabel('初始密码').waitFor();
    await shot(page, 'desktop-18-users-create');
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
    expect(errors).toEqual([]);
    await context.close();
  });
});
