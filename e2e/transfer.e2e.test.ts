/**
 * [TRANSFER] browser tests: Excel import and export against a real server on a fresh SQLite database with the demo
 * county (server/test/server.ts). Every workbook is built here with exceljs from the downloaded template's headers.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Browser, Download, FileChooser, Page } from 'playwright-core';
import { apiJson, chromiumGate, ensureWebBuilt, launchBrowser, login, newContext, pageScrollWidth, shot, trackErrors, PHONE, type TestServer } from './helpers.ts';

const chromiumPresent = chromiumGate('[TRANSFER]');

type OrgUnitLite = { id: string; name: string; type: string };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A full-page screenshot from the top: scrolled pages otherwise show the sticky header mid-page. */
async function snap(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, name);
}

/** GB 11643-1999: 6-digit region + YYYYMMDD + 3-digit sequence (odd = male) + ISO 7064 MOD 11-2 check character. */
function idNumber(region: string, birthDate: string, seq: number): string {
  const body = `${region}${birthDate.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, digit, i) => acc + Number(digit) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

/** A wrong check character for the same body. */
function breakCheckDigit(id: string): string {
  const chars = '0123456789X';
  const last = id.slice(-1);
  return id.slice(0, -1) + chars[(chars.indexOf(last) + 1) % chars.length]!;
}

function cellText(v: ExcelJS.CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('text' in v && typeof v.text === 'string') return v.text;
  if ('result' in v) return cellText(v.result);
  return '';
}

async function readSheet(file: string | Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  if (typeof file === 'string') await wb.xlsx.readFile(file);
  else await wb.xlsx.load(file as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets.find((s) => s.state === 'visible') ?? wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1).map(cellText)));
  return rows;
}

type RosterRow = Record<string, string>;

/** A roster with the template's own header row (`姓名*` …); cells are looked up by header without the `*`. */
async function rosterXlsx(headers: string[], rows: RosterRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('人员花名册');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(headers.map((h) => r[h.replace(/\*$/, '')] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function saved(download: Download): Promise<string> {
  const file = await download.path();
  expect(fs.existsSync(file)).toBe(true);
  return file;
}

/** Opens the file chooser through the upload area (as a user clicks it) and picks the workbook. */
async function chooseFile(page: Page, name: string, buffer: Buffer): Promise<void> {
  const [chooser]: [FileChooser, void] = await Promise.all([page.waitForEvent('filechooser'), page.getByText('点击或将 .xlsx 文件拖到此处上传').click()]);
  await chooser.setFiles({ name, mimeType: XLSX, buffer });
}

/**
 * A pass-through proxy in front of the test server that can hold the roster upload after its body has been
 * received, so the page's "checking and importing" state can be seen (on localhost the import answers at once).
 * The Host header is kept, so the server's Origin check sees the proxy's origin as the page's own.
 */
async function startHoldingProxy(target: string): Promise<{ url: string; hold(): () => void; close(): Promise<void> }> {
  const upstream = new URL(target);
  let gate: Promise<void> | null = null;
  const proxy = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const held = req.method === 'POST' && req.url === '/api/imports/people' && gate ? gate : Promise.resolve();
      void held.then(() => {
        const out = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        out.on('error', () => res.destroy());
        out.end(Buffer.concat(chunks));
      });
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hold: () => {
      let release: () => void = () => undefined;
      gate = new Promise<void>((resolve) => {
        release = () => {
          gate = null;
          resolve();
        };
      });
      return release;
    },
    close: () => {
      proxy.closeAllConnections();
      return new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}

describe.skipIf(!chromiumPresent)('[TRANSFER] Excel import and export', () => {
  let server: TestServer;
  let proxy: Awaited<ReturnType<typeof startHoldingProxy>>;
  let browser: Browser;

  beforeAll(async () => {
    await ensureWebBuilt();
    const { startTestServer } = await import('../server/test/server.ts');
    server = await startTestServer();
    proxy = await startHoldingProxy(server.url);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await server?.close();
  });

  it('[TRANSFER] ORG_CADRE_SECTION downloads the template, imports a roster, is refused a repeat and a bad ID number, then exports the people list', async () => {
    const account = server.accounts.ORG_CADRE_SECTION;
    expect(account, 'demo account ORG_CADRE_SECTION').toBeDefined();
    const context = await newContext(browser, false);
    const page = await context.newPage();
    const errors = trackErrors(page);
    // through the proxy, which can hold an upload (see startHoldingProxy)
    const base = proxy.url;
    await login(page, base, account!);

    // units of the demo county, read through the API
    const town = (await apiJson<{ items: OrgUnitLite[] }>(page, `${base}/api/org-units?q=${encodeURIComponent('黄花镇')}`)).items.find((u) => u.name === '黄花镇');
    expect(town, '黄花镇 in the demo county').toBeDefined();
    const village = (await apiJson<{ items: OrgUnitLite[] }>(page, `${base}/api/org-units?parentId=${town!.id}`)).items.find((u) => u.type === 'VILLAGE');
    expect(village, 'a village of 黄花镇').toBeDefined();

    // the import page from the menu
    await page.getByRole('menu').getByRole('link', { name: '导入人员' }).click();
    await page.getByRole('heading', { level: 1, name: '导入人员' }).waitFor();
    await page.getByText('全部成功或全部不导入', { exact: false }).waitFor();
    await page.getByRole('table', { name: '导入记录' }).getByText('暂无导入记录').waitFor();
    await snap(page, 'transfer-01-import-page');

    // step 1: the template
    const [templateDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载模板' }).click()]);
    expect(templateDownload.suggestedFilename()).toBe('人员导入模板.xlsx');
    const template = await readSheet(await saved(templateDownload));
    const headers = template[0]!;
    expect(headers).toEqual(expect.arrayContaining(['姓名*', '性别*', '出生日期*', '身份证号', '所在单位*']));
    await page.getByText('已下载：人员导入模板.xlsx').waitFor();
    await snap(page, 'transfer-02-template-downloaded');

    // step 2: a valid roster of two people in units of the demo county, with ID numbers computed here
    const stamp = Date.now() % 1000;
    const birthA = `19${70 + (stamp % 20)}-03-1${stamp % 10}`;
    const birthB = `19${75 + (stamp % 20)}-11-2${stamp % 9}`;
    const nameA = '导入测试甲';
    const nameB = '导入测试乙';
    const good: RosterRow[] = [
      { 姓名: nameA, 性别: '男', 出生日期: birthA, 身份证号: idNumber('430121', birthA, 101 + (stamp % 200) * 2), 所在单位: `黄花镇/${village!.name}`, 职务: '村党总支委员', 任职日期: '2021-01-01', 是否领导职务: '否' },
      { 姓名: nameB, 性别: '女', 出生日期: birthB, 身份证号: idNumber('430121', birthB, 100 + (stamp % 200) * 2), 所在单位: '黄花镇', 职级: '科员', 学历: '大学本科毕业', 干部管理权限单位: '长沙县', 是否党员: '是', 入党日期: '2010-07-01' },
    ];
    const goodFile = await rosterXlsx(headers, good);

    // the proxy holds the upload once the file is sent: the page says it is checking and importing
    const release = proxy.hold();
    await chooseFile(page, '黄花镇花名册.xlsx', goodFile);
    await page.getByText('正在校验并导入…').waitFor();
    await expect.poll(() => page.getByRole('progressbar', { name: '上传进度' }).getAttribute('aria-valuenow')).toBe('100');
    await snap(page, 'transfer-03-processing');
    release();

    await page.getByText('导入成功', { exact: true }).waitFor();
    const counts = page.getByRole('group', { name: '导入成功' });
    await expect.poll(async () => (await counts.innerText()).replace(/\s+/g, ' ')).toMatch(/新增人员 2 ?人.*其中干部 1 ?人.*登记任职 1 ?条.*用时 [\d.]+ ?秒/);
    await page.getByRole('table', { name: '导入记录' }).getByText('黄花镇花名册.xlsx').waitFor();
    await snap(page, 'transfer-04-import-success');

    // the same file again: 409, nothing imported twice
    await chooseFile(page, '黄花镇花名册-副本.xlsx', goodFile);
    await page.getByText('该文件已导入，未重复导入').waitFor();
    await page.getByText(/该文件已于 .* 导入（2 人）/).waitFor();
    await snap(page, 'transfer-05-already-imported');

    // a wrong check digit in 身份证号: nothing imported, the error table names the column, the report downloads
    const bad: RosterRow[] = good.map((r) => ({ ...r, 姓名: `${r['姓名']}二` }));
    bad[1]!['身份证号'] = breakCheckDigit(bad[1]!['身份证号']!);
    bad[0]!['身份证号'] = idNumber('430121', birthA, 501 + (stamp % 200) * 2);
    const badFile = await rosterXlsx(headers, bad);
    await chooseFile(page, '有错误的花名册.xlsx', badFile);
    await page.getByText('未导入任何数据', { exact: true }).waitFor();
    const errorTable = page.getByRole('table', { name: '导入错误列表' });
    await errorTable.getByRole('columnheader', { name: '列名' }).waitFor();
    await errorTable.getByRole('cell', { name: '身份证号', exact: true }).waitFor();
    await errorTable.getByRole('cell', { name: '3', exact: true }).waitFor();
    await page.getByText(/共有 1 处错误/).waitFor();
    await snap(page, 'transfer-06-rejected');

    const [reportDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载错误报告' }).click()]);
    expect(reportDownload.suggestedFilename()).toMatch(/^导入错误报告-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const report = await readSheet(await saved(reportDownload));
    expect(report[0]).toEqual(['行号', '列名', '原因']);
    expect(report.slice(1).some((r) => r[0] === '3' && r[1] === '身份证号')).toBe(true);
    await page.getByText(/已下载：导入错误报告-/).waitFor();
    await snap(page, 'transfer-07-report-downloaded');

    // the people list, filtered in the URL, exported with the same filter
    await page.goto(`${base}/people?q=${encodeURIComponent(nameA)}`);
    await page.getByRole('heading', { level: 1, name: '人员信息' }).waitFor();
    await page.getByRole('table').first().getByRole('link', { name: nameA }).waitFor();
    const [exportDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    expect(exportDownload.suggestedFilename()).toMatch(/^人员名单-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const exported = await readSheet(await saved(exportDownload));
    expect(exported[0]).toContain('姓名');
    const names = exported.slice(1).map((r) => r[0]);
    expect(names).toContain(nameA);
    expect(names).not.toContain(nameB);
    await page.getByText(/已下载：人员名单-/).waitFor();
    await snap(page, 'transfer-08-people-exported');

    // a login older than 5 minutes: the server answers 401 REAUTH_REQUIRED (stood in for here, the test cannot
    // wait 5 minutes); the password modal opens, the real POST /api/auth/reauth runs, and the export is retried
    let stale = 1;
    await page.route('**/api/people/export.xlsx?*', async (route) => {
      if (stale-- > 0) {
        await route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ code: 'REAUTH_REQUIRED', message: '该操作需要重新验证身份' }) });
      } else {
        await route.continue();
      }
    });
    const retried = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 Excel' }).click();
    const reauth = page.getByRole('dialog', { name: '请再次输入密码' });
    await reauth.getByLabel('密码').fill(account!.password);
    await snap(page, 'transfer-09-export-reauth');
    await reauth.getByRole('button', { name: '验证' }).click();
    expect((await retried).suggestedFilename()).toMatch(/^人员名单-\d{4}-\d{2}-\d{2}\.xlsx$/);
    await reauth.waitFor({ state: 'hidden' });
    expect(stale).toBe(-1);
    await page.unroute('**/api/people/export.xlsx?*');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('[TRANSFER] ORG_CADRE_SECTION on a 375 px phone sees the import page and the error table without sideways scrolling', async () => {
    const account = server.accounts.ORG_CADRE_SECTION;
    const context = await newContext(browser, true);
    const page = await context.newPage();
    const errors = trackErrors(page);
    await login(page, server.url, account!);
    await page.goto(`${server.url}/imports`);
    await page.getByRole('heading', { level: 1, name: '导入人员' }).waitFor();
    await page.getByRole('button', { name: '下载模板' }).waitFor();
    await expect.poll(() => pageScrollWidth(page), { message: 'import page wider than 375px' }).toBeLessThanOrEqual(PHONE.width);
    await snap(page, 'transfer-10-mobile-import-page');

    // a roster missing a required column: every row error shown in the table, still within the screen
    const file = await rosterXlsx(['姓名*', '性别*', '出生日期*'], [{ 姓名: '缺列测试', 性别: '男', 出生日期: '1980-01-01' }]);
    await chooseFile(page, '缺少列的花名册.xlsx', file);
    await page.getByText('未导入任何数据', { exact: true }).waitFor();
    await page.getByRole('table', { name: '导入错误列表' }).getByRole('cell', { name: '所在单位', exact: false }).first().waitFor();
    await expect.poll(() => pageScrollWidth(page), { message: 'rejected import wider than 375px' }).toBeLessThanOrEqual(PHONE.width);
    await snap(page, 'transfer-11-mobile-rejected');

    // the export button on the phone's people list
    await page.goto(`${server.url}/people`);
    await page.getByRole('button', { name: '导出 Excel' }).waitFor();
    await expect.poll(() => pageScrollWidth(page), { message: 'people list wider than 375px' }).toBeLessThanOrEqual(PHONE.width);
    await snap(page, 'transfer-12-mobile-people-export');

    expect(errors).toEqual([]);
    await context.close();
  });
});
