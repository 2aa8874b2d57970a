/**
 * [O2O] browser tests (M2): the town O2O dispatcher accepts new matters in bulk, dispatches one from its matter page
 * and reads the dashboard (desktop); the handling unit signs, starts and answers it on a 375 px phone; a citizen raises
 * a matter on /c/new and follows and rates it on /c/track in WeChat's in-app browser (375 px). Admin pages: SYS_ADMIN
 * edits an SLA rule and a reply template and issues (key shown once) and revokes an Open311 key; the discipline
 * commission opens the petition a routed misconduct report became and takes in one routed before the hand-over.
 * Built web app against a real server on a fresh SQLite database with the demo county.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiJson, chromiumGate, ensureWebBuilt, expectNoHorizontalOverflow, launchBrowser, login, newContext, PHONE, shot, trackErrors, type TestServer } from './helpers.ts';

const chromiumPresent = chromiumGate('[O2O]');

const WECHAT_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN';

type Paged<T> = { items: T[]; total: number };
type Matter = { id: string; code: string; status: string; allowed: string[]; assignedName: string | null; workingDaysLeft: number | null };
type Detail = { matter: Matter; events: { action: string }[] };
type Options = { towns: { id: string; name: string; villages: { id: string; name: string }[] }[] };
type Me = { scope: { orgUnitId: string | null }[] };

async function post(page: Page, url: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await page.request.post(url, { data: body, headers: { origin: new URL(url).origin } });
  return { status: res.status(), json: (await res.json()) as Record<string, unknown> };
}

describe.skipIf(!chromiumPresent)('[O2O] citizen matters', () => {
  let server: TestServer;
  let browser: Browser;
  /** the matter the dispatcher dispatches to the town and the handler then answers */
  let dispatched: { id: string; code: string } | null = null;

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

  it('[O2O] the town dispatcher accepts three new matters in bulk, dispatches one and reads the dashboard', async () => {
    const account = server.accounts.O2O_DISPATCHER!;
    expect(account, 'demo account O2O_DISPATCHER').toBeDefined();
    const context = await newContext(browser, false);
    const page = await context.newPage();
    const errors = trackErrors(page);
    await login(page, server.url, account);

    // three citizens raise matters in villages of the dispatcher's town (the public intake API)
    const me = await apiJson<Me>(page, `${server.url}/api/auth/me`);
    const townId = me.scope[0]!.orgUnitId!;
    const options = await apiJson<Options>(page, `${server.url}/api/public/o2o/options`);
    const town = options.towns.find((t) => t.id === townId)!;
    expect(town.villages.length).toBeGreaterThanOrEqual(3);
    const texts = ['村口路灯坏了一个多月，晚上出行不便', '灌溉水渠被垃圾堵塞，请求组织疏通', '咨询高龄津贴申领需要哪些材料'];
    const codes: string[] = [];
    for (const [i, description] of texts.entries()) {
      const res = await post(page, `${server.url}/api/public/o2o/matters`, { category: i === 2 ? 'CONSULT' : 'HELP', locationOrgUnitId: town.villages[i]!.id, description, anonymous: false, name: '王建国', phone: '13912345678' });
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      codes.push(String(res.json.code));
    }

    // the queue to accept: the three new matters, masked identity not in the list, countdown column
    await page.goto(`${server.url}/o2o`);
    await page.getByRole('heading', { level: 1, name: '群众事项' }).waitFor();
    await page.getByRole('tab', { name: '待受理', selected: true }).waitFor();
    for (const code of codes) await page.getByRole('link', { name: code }).waitFor();
    await page.getByRole('columnheader', { name: '剩余时间' }).waitFor();
    await shot(page, 'o2o-01-desktop-dispatcher-queue');

    for (const code of codes) await page.getByRole('checkbox', { name: code }).check();
    await page.getByRole('button', { name: /批量受理（3）/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('群众将看到').waitFor();
    await dialog.getByText(/您反映的事项已受理/).waitFor();
    await shot(page, 'o2o-02-desktop-bulk-accept');
    await dialog.getByRole('button', { name: /^受\s*理$/ }).click();
    await page.getByText('成功 3 项').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    const accepted = await apiJson<Paged<Matter>>(page, `${server.url}/api/o2o/matters?box=dispatch&pageSize=100`);
    const mine = accepted.items.filter((m) => codes.includes(m.code));
    expect(mine.map((m) => m.status)).toEqual(['ACCEPTED', 'ACCEPTED', 'ACCEPTED']);
    expect(mine.every((m) => m.workingDaysLeft !== null && m.workingDaysLeft >= 0)).toBe(true);
    for (const code of codes) await expect.poll(() => page.getByRole('link', { name: code }).count()).toBe(0);

    // the dispatch queue, then the matter page: only the dispatcher's actions, the timeline, the masked requester
    await page.getByRole('tab', { name: '待转办' }).click();
    await page.getByRole('link', { name: codes[0]! }).waitFor();
    await shot(page, 'o2o-03-desktop-dispatch-queue');
    await page.getByRole('link', { name: codes[0]! }).click();
    await page.getByRole('heading', { level: 1, name: codes[0]! }).waitFor();
    const actions = page.getByRole('group', { name: '状态' });
    await actions.getByRole('button', { name: /转\s*办/ }).waitFor();
    expect(await actions.getByRole('button', { name: /签\s*收/ }).count()).toBe(0);
    await page.getByText('王*').first().waitFor();
    await page.getByText('139****5678').first().waitFor();
    await page.getByText('您反映的事项已受理', { exact: false }).first().waitFor();
    await actions.getByRole('button', { name: /转\s*办/ }).click();
    const dispatchDialog = page.getByRole('dialog');
    await dispatchDialog.getByRole('combobox').click();
    await page.locator('.ant-select-item-option').filter({ hasText: town.name }).first().click();
    await dispatchDialog.getByText(`您反映的事项已转交 ${town.name} 办理`, { exact: false }).waitFor();
    await dispatchDialog.getByRole('button', { name: /^转\s*办$/ }).click();
    await dispatchDialog.waitFor({ state: 'hidden' });
    await page.locator('.ant-tag').filter({ hasText: '已转办' }).first().waitFor();
    const detail = await apiJson<Detail>(page, `${server.url}/api/o2o/matters/${mine.find((m) => m.code === codes[0])!.id}`);
    expect(detail.matter.status).toBe('DISPATCHED');
    expect(detail.matter.assignedName).toBe(town.name);
    expect(detail.events.map((e) => e.action)).toEqual(['submit', 'accept', 'dispatch']);
    dispatched = { id: detail.matter.id, code: detail.matter.code };
    await shot(page, 'o2o-04-desktop-matter');

    // the dashboard: figures from rollups, the trend and bar charts, towns and villages, the overdue list
    await page.goto(`${server.url}/o2o/dashboard`);
    await page.getByRole('heading', { level: 1, name: '群众事项统计' }).waitFor();
    await page.getByRole('img', { name: '月度收到、办结与按期办结折线图' }).locator('canvas').waitFor();
    await page.getByRole('img', { name: '按状态事项数柱状图' }).locator('canvas').waitFor();
    await page.getByRole('img', { name: '按类别事项数柱状图' }).locator('canvas').waitFor();
    const summary = await apiJson<{ total: number; repliedAndClosed: number; byVillage: { name: string }[] }>(page, `${server.url}/api/o2o/dashboard/summary`);
    expect(summary.total).toBeGreaterThan(100);
    await page.getByText(summary.repliedAndClosed.toLocaleString('en-US'), { exact: true }).first().waitFor();
    await page.getByText('按期办结率', { exact: true }).waitFor();
    await page.getByText('办理用时中位数', { exact: true }).waitFor();
    await page.getByRole('cell', { name: summary.byVillage[0]!.name, exact: true }).first().waitFor();
    await page.getByText('超期在办事项').waitFor();
    await shot(page, 'o2o-05-desktop-dashboard');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /导出/ }).click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);

    // English on the switch, then back to Chinese
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Citizen matter statistics' }).waitFor();
    await page.getByText('On-time rate', { exact: true }).waitFor();
    await shot(page, 'o2o-05b-desktop-dashboard-en');
    await page.getByText('中文', { exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '群众事项统计' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('[O2O] the handler signs, starts and answers the matter on a 375 px phone', async () => {
    const account = server.accounts.HANDLER!;
    expect(account, 'demo account HANDLER').toBeDefined();
    const context = await newContext(browser, true);
    const page = await context.newPage();
    const errors = trackErrors(page);
    await login(page, server.url, account);
    await page.goto(`${server.url}/o2o`);
    await page.getByRole('heading', { level: 1, name: '群众事项' }).waitFor();
    await page.getByRole('tab', { name: '待办理', selected: true }).waitFor();
    expect(await page.getByRole('tab', { name: '待受理' }).count()).toBe(0);
    const queue = await apiJson<Paged<Matter>>(page, `${server.url}/api/o2o/matters?box=handle&pageSize=100`);
    const target = dispatched ?? queue.items.find((m) => m.status === 'DISPATCHED')!;
    expect(queue.items.some((m) => m.id === target.id)).toBe(true);
    await page.getByRole('link', { name: queue.items[0]!.code }).first().waitFor();
    await expectNoHorizontalOverflow(page, 'handler queue');
    await shot(page, 'o2o-06-phone-handler-queue');

    await page.goto(`${server.url}/o2o/matters/${target.id}`);
    await page.getByRole('heading', { level: 1, name: target.code }).waitFor();
    const actions = page.getByRole('group', { name: '状态' });
    await actions.getByRole('button', { name: /签\s*收/ }).waitFor();
    await actions.getByRole('button', { name: /退\s*回/ }).waitFor();
    expect(await actions.getByRole('button', { name: /受\s*理|转\s*办|办\s*结/ }).count()).toBe(0);
    await expectNoHorizontalOverflow(page, 'matter page');
    await shot(page, 'o2o-07-phone-matter');

    for (const [button, status] of [['签收', '已签收'], ['开始办理', '办理中']] as const) {
      await actions.getByRole('button', { name: new RegExp(button.split('').join('\\s*')) }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: new RegExp(`^${button.split('').join('\\s*')}$`) }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.locator('.bw-page-header .ant-tag').filter({ hasText: status }).waitFor();
    }

    // the reply: a too-short text is refused by the server in plain Chinese, under the field
    await actions.getByRole('button', { name: /答复群众/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('答复内容').fill('已修');
    await dialog.getByRole('button', { name: /^答复群众$/ }).click();
    await dialog.getByText('请填写答复内容（至少 4 个字）').waitFor();
    await dialog.getByLabel('答复内容').fill('已协调供电所更换路灯，现已恢复照明');
    // HELP matters: the HELP reply template (o2o_reply_template) wraps the text
    await dialog.getByText(/(已办理|已落实)：已协调供电所更换路灯/).waitFor();
    await expectNoHorizontalOverflow(page, 'reply dialog');
    await shot(page, 'o2o-08-phone-reply');
    await dialog.getByRole('button', { name: /^答复群众$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('.bw-page-header .ant-tag').filter({ hasText: '已答复' }).waitFor();
    const detail = await apiJson<Detail>(page, `${server.url}/api/o2o/matters/${target.id}`);
    expect(detail.matter.status).toBe('REPLIED');
    expect(detail.matter.allowed).toEqual([]);
    // a refusal from the server (the handler may not close) reads as plain Chinese
    const refused = await post(page, `${server.url}/api/o2o/matters/${target.id}/transitions`, { action: 'close' });
    expect(refused.status).toBe(403);
    expect(String(refused.json.message)).toMatch(/[\u4e00-\u9fff]/);
    await expectNoHorizontalOverflow(page, 'matter page after the reply');
    await shot(page, 'o2o-09-phone-replied');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('[O2O] a citizen raises a matter on /c/new, follows it on /c/track and rates the reply, in WeChat at 375 px', async () => {
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce', userAgent: WECHAT_UA });
    const page = await context.newPage();
    const errors = trackErrors(page);
    const options = await (await fetch(`${server.url}/api/public/o2o/options`)).json() as Options;
    const town = options.towns.find((t) => t.villages.some((v) => v.name === '黄花村'))!;

    await page.goto(`${server.url}/c/new`);
    await page.getByRole('heading', { name: '群众诉求 · 我要反映' }).waitFor();
    const choose = async (label: string, option: string) => {
      await page.getByLabel(label).click();
      if (label !== '事项类别') await page.keyboard.type(option);
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
    };
    await choose('事项类别', '咨询');
    await choose('镇（街道）', town.name);
    await choose('村（社区）', '黄花村');
    await page.getByLabel('反映内容').fill('想咨询城乡居民医保今年什么时候开始缴费，缴多少钱');
    await page.getByLabel('您的姓名（选填）').fill('李秀英');
    await page.getByLabel('回访手机号（选填）').fill('13812345678');
    await expectNoHorizontalOverflow(page, '/c/new');
    await shot(page, 'o2o-10-phone-citizen-form');
    await page.getByRole('button', { name: /提\s*交/ }).click();
    const code = (await page.getByTestId('matter-code').textContent())!.trim();
    const checkCode = (await page.getByTestId('check-code').textContent())!.trim();
    expect(code).toMatch(/^CSX-\d{4}-\d{6}$/);
    expect(checkCode).toMatch(/^[A-Z0-9]{8}$/);
    await expectNoHorizontalOverflow(page, '/c/new done');
    await shot(page, 'o2o-11-phone-citizen-submitted');

    // the village cadre accepts it and answers on the spot (CONSULT): closed automatically
    const staff = await newContext(browser, false);
    const staffPage = await staff.newPage();
    await login(staffPage, server.url, server.accounts.VILLAGE_CADRE!);
    const found = await apiJson<Paged<Matter>>(staffPage, `${server.url}/api/o2o/matters?box=accept&code=${code}`);
    expect(found.items.map((m) => m.code)).toEqual([code]);
    const id = found.items[0]!.id;
    expect((await post(staffPage, `${server.url}/api/o2o/matters/${id}/transitions`, { action: 'accept' })).status).toBe(200);
    expect((await post(staffPage, `${server.url}/api/o2o/matters/${id}/transitions`, { action: 'answer', text: '今年缴费期为 9 月至 12 月，每人 380 元，可在村部或手机上缴纳' })).status).toBe(200);
    await staff.close();

    await page.getByRole('button', { name: '查询办理进度' }).click();
    await page.getByRole('heading', { name: '查询办理进度' }).waitFor();
    expect(page.url()).not.toContain(checkCode);
    await page.getByLabel('受理编号').fill(code);
    await page.getByLabel('查询码').fill(checkCode);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await expect.poll(() => page.getByTestId('public-status').textContent()).toBe('已办结');
    await page.getByText(/每人 380 元/).first().waitFor();
    await page.getByText('您对办理结果满意吗？').waitFor();
    await expectNoHorizontalOverflow(page, '/c/track');
    await shot(page, 'o2o-12-phone-citizen-track');
    await page.getByRole('radio', { name: '满意', exact: true }).check();
    await page.getByLabel('补充说明（选填）').fill('答复很及时');
    await page.getByRole('button', { name: /提交评价/ }).click();
    await page.getByText('感谢您的评价。').waitFor();
    await page.getByText('您的评价：满意').waitFor();
    await expectNoHorizontalOverflow(page, '/c/track rated');
    await shot(page, 'o2o-13-phone-citizen-rated');
    expect(errors).toEqual([]);
    await context.close();
  });
  it('[O2O] admin: SYS_ADMIN edits deadlines and reply templates, issues and revokes an Open311 key (shown once)', async () => {
    const context = await newContext(browser, false);
    const page = await context.newPage();
    const errors = trackErrors(page);
    await login(page, server.url, server.accounts.SYS_ADMIN!);
    await page.getByRole('menuitem', { name: '事项时限与模板' }).click();
    await page.getByRole('heading', { level: 1, name: '事项时限与答复模板' }).waitFor();
    const sla = page.getByRole('region', { name: '时限规则表' });
    await sla.getByRole('columnheader', { name: '受理时限（小时）' }).waitFor();
    // edit NORMAL × any category: 24 h → 12 h; the server's answer redraws the table
    await sla.getByRole('button', { name: '修改 一般 · 所有类别（默认）' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('受理时限（小时）').fill('12');
    await shot(page, 'o2o-admin-01-desktop-sla-edit');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(async () => (await apiJson<{ items: { id: string; respondHours: number }[] }>(page, `${server.url}/api/o2o/sla-rules`)).items.find((r) => r.id === 'sla-NORMAL-ANY')?.respondHours).toBe(12);
    await shot(page, 'o2o-admin-02-desktop-sla');

    // a new reply template for CLOSED × HELP with a live preview of the placeholders
    await page.getByRole('tab', { name: '答复模板' }).click();
    await page.getByRole('button', { name: /新增模板/ }).click();
    await dialog.getByLabel('办理状态').click();
    await page.keyboard.type('已办结');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '已办结' }).first().click();
    await dialog.getByLabel('类别').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '求助' }).first().click();
    await dialog.getByLabel('模板名称').fill('求助办结');
    await dialog.getByLabel('模板内容').fill('您的求助（编号 {code}）已办结，感谢您对村里工作的支持。');
    await dialog.getByText('您的求助（编号 CSX-2026-000123）已办结').waitFor();
    await shot(page, 'o2o-admin-03-desktop-template-edit');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('region', { name: '答复模板表' }).getByRole('cell', { name: '求助办结', exact: true }).waitFor();
    await shot(page, 'o2o-admin-04-desktop-templates');

    // Open311: issue a key, shown once; revoke it
    await page.getByRole('menuitem', { name: '热线接口密钥' }).click();
    await page.getByRole('heading', { level: 1, name: '热线接口密钥（Open311）' }).waitFor();
    await page.getByRole('button', { name: /签发新密钥/ }).click();
    await dialog.getByLabel('客户端名称').fill('县 12345 政务服务热线（测试）');
    await dialog.getByRole('button', { name: /签发新密钥/ }).click();
    const shown = page.getByRole('dialog', { name: '密钥已签发' });
    const key = (await shown.getByTestId('open311-new-key').textContent())!.trim();
    expect(key.length).toBeGreaterThanOrEqual(32);
    await shown.getByText('关闭此窗口后将无法再次查看该密钥').waitFor();
    await shot(page, 'o2o-admin-05-desktop-open311-key-once');
    // the key works for Open311 until it is revoked
    const options = await (await fetch(`${server.url}/api/public/o2o/options`)).json() as Options;
    const form = { api_key: key, service_code: 'HELP', address_id: options.towns[0]!.villages[0]!.id, description: '热线转来：村道路灯不亮' };
    const accepted = await page.request.post(`${server.url}/open311/v2/requests.json`, { form });
    expect(accepted.status(), await accepted.text()).toBe(200);
    await shown.getByRole('button', { name: '我已保存' }).click();
    await shown.waitFor({ state: 'hidden' });
    const row = page.getByRole('row').filter({ hasText: '县 12345 政务服务热线（测试）' });
    await row.getByText('有效').waitFor();
    expect(await page.getByText(key).count()).toBe(0); // never shown again
    await row.getByRole('button', { name: '吊销' }).click();
    await page.getByRole('dialog').filter({ hasText: '不能恢复' }).getByRole('button', { name: '吊销' }).click();
    await row.getByText('已吊销').waitFor();
    const refused = await page.request.post(`${server.url}/open311/v2/requests.json`, { form });
    expect(refused.status()).toBe(403);
    await shot(page, 'o2o-admin-06-desktop-open311-revoked');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('[O2O] admin: the discipline commission lists routed reports, opens the petition one became and takes in another (375 px too)', async () => {
    // a citizen reports a cadre's misconduct: routed out of the O2O flow, handed to the discipline commission's intake
    const options = await (await fetch(`${server.url}/api/public/o2o/options`)).json() as Options;
    const village = options.towns[0]!.villages[0]!;
    const res = await fetch(`${server.url}/api/public/o2o/matters`, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url }, body: JSON.stringify({ category: 'REPORT', namesCadre: true, locationOrgUnitId: village.id, description: '反映村委会某干部在低保评定中优亲厚友，请纪委核查', anonymous: true }) });
    expect(res.status).toBe(200);
    const { code } = (await res.json()) as { code: string };

    const context = await newContext(browser, false);
    const page = await context.newPage();
    const errors = trackErrors(page);
    await login(page, server.url, server.accounts.DISCIPLINE_COMMISSION!);
    await page.getByRole('menuitem', { name: '移送纪委的举报' }).click();
    await page.getByRole('heading', { level: 1, name: '移送纪委的举报' }).waitFor();
    const list = page.getByRole('region', { name: '移送纪委的举报表' });
    const mine = list.getByRole('row').filter({ hasText: code });
    await mine.getByRole('link', { name: '查看信访件' }).waitFor();
    // the demo's earlier routed reports predate the hand-over: taken in by hand
    const pending = list.getByRole('row').filter({ hasText: '尚未转入' }).first();
    await pending.waitFor();
    await shot(page, 'o2o-admin-07-desktop-routed');
    await pending.getByRole('button', { name: '转入信访件' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '转入信访件' }).click();
    await page.getByText('已转入信访举报件').first().waitFor();
    await mine.getByRole('link', { name: '查看信访件' }).click();
    await page.waitForURL(/\/integrity\/petitions\//);
    await page.getByText(`群众事项 ${code} 转来`).first().waitFor();
    await shot(page, 'o2o-admin-08-desktop-routed-petition');
    expect(errors).toEqual([]);
    await context.close();

    const phone = await newContext(browser, true);
    const p2 = await phone.newPage();
    const errors2 = trackErrors(p2);
    await login(p2, server.url, server.accounts.DISCIPLINE_COMMISSION!);
    await p2.goto(`${server.url}/o2o/routed`);
    await p2.getByRole('heading', { level: 1, name: '移送纪委的举报' }).waitFor();
    await p2.getByText(code).first().waitFor();
    await expectNoHorizontalOverflow(p2, '/o2o/routed');
    await shot(p2, 'o2o-admin-09-phone-routed');
    expect(errors2).toEqual([]);
    await phone.close();
  });

  it('[O2O] admin at 375 px: the deadline table and the Open311 keys hold the width', async () => {
    const phone = await newContext(browser, true);
    const page = await phone.newPage();
    const errors = trackErrors(page);
    await login(page, server.url, server.accounts.SYS_ADMIN!);
    await page.goto(`${server.url}/o2o/settings`);
    await page.getByRole('region', { name: '时限规则表' }).getByText('一般 · 所有类别（默认）').waitFor();
    await page.getByRole('button', { name: '修改 紧急 · 所有类别（默认）' }).waitFor();
    await expectNoHorizontalOverflow(page, '/o2o/settings');
    await shot(page, 'o2o-admin-10-phone-sla');
    await page.goto(`${server.url}/o2o/open311`);
    const keys = page.getByRole('region', { name: '接口密钥表' });
    await keys.getByText('已吊销').first().waitFor();
    await keys.getByRole('button', { name: '吊销' }).first().waitFor();
    await expectNoHorizontalOverflow(page, '/o2o/open311');
    await shot(page, 'o2o-admin-11-phone-open311');
    expect(errors).toEqual([]);
    await phone.close();
  });
});
