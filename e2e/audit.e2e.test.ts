/**
 * [AUDIT] browser tests: file access (干部人事档案查阅) from request to approval to the full file, then the audit
 * viewer as the auditor: filter, a person's history, "verify now" and a checkpoint download. Built web app against a
 * real server on a fresh SQLite database with the demo county (server/test/server.ts).
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiJson, chromiumGate, ensureWebBuilt, expectNoHorizontalOverflow, launchBrowser, login, newContext, shot, trackErrors, type TestServer } from './helpers.ts';

const chromiumPresent = chromiumGate('[AUDIT]');

type PersonLite = { id: string; name: string; orgName: string; idNumberMasked: string | null };
type Dossier = { id: string; kinship: { relativePersonId: string }[] };
type Me = { personId: string | null };

describe.skipIf(!chromiumPresent)('[AUDIT] audit viewer and file access', () => {
  let server: TestServer;
  let browser: Browser;
  /** the cadre whose file is requested, approved and read in the first test */
  let subject: PersonLite;

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

  it('[AUDIT] ORG_CADRE_SECTION requests access to a cadre’s file, ORG_HEAD approves, the requester opens the full file', async () => {
    const requester = server.accounts.ORG_CADRE_SECTION!;
    const head = server.accounts.ORG_HEAD!;
    expect(requester, 'demo account ORG_CADRE_SECTION').toBeDefined();
    expect(head, 'demo account ORG_HEAD').toBeDefined();

    const context = await newContext(browser, false);
    const page = await context.newPage();
    const errors = trackErrors(page);
    await login(page, server.url, requester);

    // a cadre with an ID number who is neither the requester, the head, nor a registered relative of either
    const headContext = await newContext(browser, false);
    const headPage = await headContext.newPage();
    const headErrors = trackErrors(headPage);
    await login(headPage, server.url, head);
    const conflicted = new Set<string>();
    for (const p of [page, headPage]) {
      const me = await apiJson<Me>(p, `${server.url}/api/auth/me`);
      if (!me.personId) continue;
      conflicted.add(me.personId);
      const self = await apiJson<Dossier>(p, `${server.url}/api/people/self`);
      for (const k of self.kinship) conflicted.add(k.relativePersonId);
    }
    const cadres = (await apiJson<{ items: PersonLite[] }>(page, `${server.url}/api/people?isCadre=true&pageSize=50&sort=name`)).items;
    const candidate = cadres.find((c) => !conflicted.has(c.id) && c.idNumberMasked !== null);
    expect(candidate, 'a cadre to request').toBeDefined();
    subject = candidate!;
    const subjectDossier = await apiJson<Dossier>(page, `${server.url}/api/people/${subject.id}`);
    expect(subjectDossier.kinship.some((k) => conflicted.has(k.relativePersonId))).toBe(false);

    // the dossier page has the 申请查阅档案 button
    await page.goto(`${server.url}/people/${subject.id}`);
    await page.getByText('基本信息').waitFor();
    await page.getByRole('button', { name: '申请查阅档案' }).click();
    const form = page.getByRole('dialog', { name: `申请查阅${subject.name}的干部人事档案` });
    await form.getByLabel('查阅理由').fill('拟提拔人选考察，核对干部人事档案');
    await shot(page, 'audit-01-archive-request');
    await form.getByRole('button', { name: '提交' }).click();
    await page.getByText('查阅申请已提交，等待审批').waitFor();
    await form.waitFor({ state: 'hidden' });

    // my requests: pending
    await page.getByRole('menu').getByRole('link', { name: '档案查阅' }).click();
    await page.getByRole('heading', { level: 1, name: '档案查阅' }).waitFor();
    const mine = page.getByRole('table', { name: '查阅申请列表' });
    const myRow = mine.locator('tbody tr.ant-table-row', { hasText: subject.name });
    await myRow.getByText('待审批').waitFor();
    await shot(page, 'audit-02-archive-mine');

    // the organisation head approves from the inbox
    await headPage.goto(`${server.url}/archive`);
    await headPage.getByRole('tab', { name: '待我审批' }).click();
    const inbox = headPage.getByRole('table', { name: '查阅申请列表' });
    await inbox.locator('tbody tr.ant-table-row', { hasText: subject.name }).first().waitFor();
    await headPage.getByRole('button', { name: `批准 ${subject.name}` }).first().click();
    const approve = headPage.getByRole('dialog', { name: `批准查阅${subject.name}的档案` });
    await approve.getByLabel('截止日期').waitFor();
    await shot(headPage, 'audit-03-archive-approve');
    await approve.getByRole('button', { name: '批准' }).click();
    await headPage.getByText('已批准', { exact: true }).first().waitFor();
    await approve.waitFor({ state: 'hidden' });
    expect(headErrors).toEqual([]);
    await headContext.close();

    // the requester opens the full file: unmasked ID number, watermark, one ledger event
    await page.reload();
    await myRow.getByText('有效').waitFor();
    await myRow.getByRole('button', { name: `查看档案 ${subject.name}` }).click();
    await page.getByRole('heading', { level: 1, name: `干部人事档案 · ${subject.name}` }).waitFor();
    await page.getByText('完整身份信息').waitFor();
    await expect.poll(async () => (await page.locator('.ant-descriptions').first().innerText()).replace(/\s/g, '')).toMatch(/\d{17}[\dX]/);
    await page.getByText(/本次查阅已记入账本/).waitFor();
    await shot(page, 'audit-04-archive-dossier');
    expect(errors).toEqual([]);
    await context.close();

    // the requester's list on a 375 px phone
    const phone = await newContext(browser, true);
    const phonePage = await phone.newPage();
    await login(phonePage, server.url, requester);
    await phonePage.goto(`${server.url}/archive`);
    await phonePage.getByRole('region', { name: '查阅申请列表' }).getByText(subject.name).first().waitFor();
    await expectNoHorizontalOverflow(phonePage, 'archive list');
    await shot(phonePage, 'audit-05-archive-mobile');
    await phone.close();
  });

  it('[AUDIT] AUDITOR filters the audit log, opens a person’s history, verifies the ledger and downloads a checkpoint', async () => {
    const auditor = server.accounts.AUDITOR!;
    expect(auditor, 'demo account AUDITOR').toBeDefined();
    const context = await newContext(browser, false);
    const page = await context.newPage();
    const errors = trackErrors(page);
    await login(page, server.url, auditor);

    await page.getByRole('menu').getByRole('link', { name: '审计' }).click();
    await page.getByRole('heading', { level: 1, name: '审计' }).waitFor();
    const table = page.getByRole('table', { name: '审计事件列表' });
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    await shot(page, 'audit-06-log');

    // filter by action: 查阅干部人事档案 (archive.viewed)
    await page.getByRole('combobox', { name: '操作', exact: true }).click();
    await page.getByRole('combobox', { name: '操作', exact: true }).fill('查阅干部');
    await page.locator('.ant-select-item-option', { hasText: '查阅干部人事档案' }).first().click();
    await expect.poll(() => new URL(page.url()).searchParams.get('action')).toBe('archive.viewed');
    const row = table.locator('tbody tr.ant-table-row', { hasText: subject.name }).first();
    await row.waitFor();
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(1);
    await shot(page, 'audit-07-filtered');

    // the person's history: request, approval and the read, and who viewed the file and why
    await row.getByRole('button', { name: `查看${subject.name}的记录历史` }).click();
    const drawer = page.getByRole('dialog', { name: `${subject.name} · 记录历史` });
    await drawer.getByText('申请查阅档案').first().waitFor();
    await drawer.getByText('批准查阅档案').first().waitFor();
    await drawer.getByText('查阅干部人事档案').first().waitFor();
    await shot(page, 'audit-08-history');
    await drawer.getByRole('tab', { name: '查阅记录' }).click();
    const views = drawer.getByRole('tabpanel', { name: '查阅记录' });
    await views.getByText('查阅干部人事档案').first().waitFor();
    await views.getByText(/考察/).first().waitFor();
    await shot(page, 'audit-09-views');
    await drawer.getByRole('button', { name: '返回' }).click();
    await drawer.waitFor({ state: 'hidden' });

    // verify now: green 校验通过 with the size and the Merkle root
    await page.getByRole('button', { name: '立即校验' }).click();
    const verdict = page.getByRole('status').filter({ hasText: '校验通过' });
    await verdict.waitFor();
    await expect.poll(async () => (await verdict.innerText()).replace(/\s/g, '')).toMatch(/[0-9a-f]{64}/);
    await shot(page, 'audit-10-verified');

    // a signed checkpoint (the server makes one at start) downloads as JSON
    const link = page.getByRole('link', { name: /下载事件数为 \d+ 的检查点/ }).first();
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = await download.path();
    const checkpoint = JSON.parse(fs.readFileSync(file, 'utf8')) as { type: string; treeSize: number; signature: string };
    expect(checkpoint.type).toBe('bellwether.ledger.checkpoint.v1');
    expect(checkpoint.treeSize).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();

    // the audit log on a 375 px phone
    const phone = await newContext(browser, true);
    const phonePage = await phone.newPage();
    await login(phonePage, server.url, auditor);
    await phonePage.goto(`${server.url}/audit?action=archive.viewed`);
    await phonePage.getByRole('region', { name: '审计事件列表' }).getByText(subject.name).first().waitFor();
    await expectNoHorizontalOverflow(phonePage, 'audit log');
    await shot(phonePage, 'audit-11-log-mobile');
    await phonePage.getByRole('button', { name: '立即校验' }).click();
    await phonePage.getByRole('status').filter({ hasText: '校验通过' }).waitFor();
    await expectNoHorizontalOverflow(phonePage, 'audit verdict');
    await shot(phonePage, 'audit-12-verified-mobile');
    await phone.close();
  });
});
