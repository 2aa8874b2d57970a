/**
 * The upload gatekeeper against hostile files (SECURITY.md §9 cases 1-5, 7). Every fixture is built here.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { AppError } from '../errors.ts';
import { inspectXlsx, DEFAULT_XLSX_LIMITS } from './xlsx-inspect.ts';
import { buildZip, workbookParts } from './testdata/zip-fixtures.ts';

async function smallWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('名单').addRows([
    ['姓名', '性别'],
    ['张三', '男'],
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function refusal(buffer: Buffer, limits = DEFAULT_XLSX_LIMITS): Promise<{ status: number; code: string; zh: string }> {
  try {
    await inspectXlsx(buffer, limits);
  } catch (e) {
    if (e instanceof AppError) return { status: e.status, code: e.code, zh: e.text.zh };
    throw e;
  }
  throw new Error('accepted');
}

describe('inspectXlsx', () => {
  it('accepts a real workbook and counts its rows', async () => {
    const r = await inspectXlsx(await smallWorkbook());
    expect(r.entryCount).toBeGreaterThan(3);
    expect([...r.worksheetRows.values()]).toEqual([2]);
    expect(r.cells).toBe(4);
  });

  it('refuses an .exe renamed to .xlsx by its magic bytes (415)', async () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200, 1)]);
    expect(await refusal(exe)).toMatchObject({ status: 415, code: 'UNSUPPORTED_FILE' });
    expect(await refusal(Buffer.from('PK'))).toMatchObject({ status: 415 });
    expect(await refusal(Buffer.from('姓名,性别\n张三,男\n'))).toMatchObject({ status: 415 });
  });

  it('names a password-protected workbook or legacy .xls (OLE container) as unreadable (400)', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    const r = await refusal(ole);
    expect(r).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    expect(r.zh).toContain('密码');
  });

  it('refuses macros: vbaProject.bin (xlsm) and macro-enabled content types (415)', async () => {
    const xlsm = buildZip([...workbookParts(), { name: 'xl/vbaProject.bin', data: Buffer.from('Attribute VB_Name = "Module1"') }]);
    expect(await refusal(xlsm)).toMatchObject({ status: 415, code: 'UNSUPPORTED_FILE', zh: expect.stringContaining('宏') });
    const typed = buildZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types><Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>') },
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
    ]);
    expect(await refusal(typed)).toMatchObject({ status: 415, zh: expect.stringContaining('宏') });
  });

  it('refuses a zip bomb from the central directory alone: 60 MB of zeros deflated (413)', async () => {
    const zeros = Buffer.alloc(60 * 1024 * 1024);
    const bomb = buildZip([...workbookParts(), { name: 'xl/worksheets/sheet1.xml', data: zeros }]);
    expect(bomb.length).toBeLessThan(200 * 1024);
    const before = process.memoryUsage().rss;
    const started = Date.now();
    expect(await refusal(bomb)).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE', zh: expect.stringContaining('压缩炸弹') });
    // nothing was inflated: no time spent and no memory taken
    expect(Date.now() - started).toBeLessThan(1000);
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024);
  });

  it('refuses an entry whose compression ratio exceeds 100 even when the total is small', async () => {
    const ratio = buildZip([...workbookParts(), { name: 'xl/media/a.bin', data: Buffer.alloc(5 * 1024 * 1024) }]);
    expect(await refusal(ratio)).toMatchObject({ status: 413 });
  });

  it('refuses a zip bomb that lies about its sizes while inflating, at the declared size (413)', async () => {
    // Declared 1 KB, really 60 MB: the ratio check passes, yauzl's size validation stops it at 1 KB.
    const liar = buildZip([...workbookParts(), { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(60 * 1024 * 1024, 0x41), declaredSize: 1024 }]);
    const before = process.memoryUsage().rss;
    expect(await refusal(liar)).toMatchObject({ status: 413 });
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuses more than 200 entries before reading any of them (413)', async () => {
    const many = buildZip([...workbookParts(), ...Array.from({ length: 300 }, (_, i) => ({ name: `xl/media/i${i}.txt`, data: Buffer.from('x') }))]);
    expect(await refusal(many)).toMatchObject({ status: 413 });
  });

  it('refuses uploads over 10 MB (413)', async () => {
    const big = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(DEFAULT_XLSX_LIMITS.maxUploadBytes)]);
    expect(await refusal(big)).toMatchObject({ status: 413, zh: expect.stringContaining('10 MB') });
  });

  it('refuses truncated and corrupt zips as unreadable (400)', async () => {
    const good = await smallWorkbook();
    expect(await refusal(good.subarray(0, Math.floor(good.length / 2)))).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    const flipped = Buffer.from(good);
    for (let i = 200; i < flipped.length - 200; i += 50) flipped[i] = flipped[i]! ^ 0xff;
    expect(await refusal(flipped)).toMatchObject({ status: 400 });
  });

  it('refuses encrypted zip entries (400) and zips that are not workbooks (415)', async () => {
    const encrypted = buildZip([...workbookParts(), { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<worksheet/>'), method: 0, encrypted: true }]);
    expect(await refusal(encrypted)).toMatchObject({ status: 400 });
    const plainZip = buildZip([{ name: 'readme.txt', data: Buffer.from('hello') }]);
    expect(await refusal(plainZip)).toMatchObject({ status: 415 });
  });

  it('refuses a sheet with far too many rows before a spreadsheet library parses it (413)', async () => {
    // 100,000 tiny rows: a 1M-row sheet scaled down; the limit below makes the budget 1,600 rows.
    const rows = Array.from({ length: 100_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>1</v></c></row>`).join('');
    const sheet = Buffer.from(`<worksheet><sheetData>${rows}</sheetData></worksheet>`);
    const file = buildZip([...workbookParts(), { name: 'xl/worksheets/sheet1.xml', data: sheet }]);
    expect(await refusal(file, { ...DEFAULT_XLSX_LIMITS, maxRows: 1000 })).toMatchObject({ status: 413, zh: expect.stringContaining('1000 行') });
    expect(await refusal(file)).toMatchObject({ status: 413, zh: expect.stringContaining('20000 行') });
    const wide = Array.from({ length: 10_000 }, (_, i) => `<row r="${i + 1}">${'<c><v>1</v></c>'.repeat(6)}</row>`).join('');
    const wideFile = buildZip([...workbookParts(), { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(`<worksheet><sheetData>${wide}</sheetData></worksheet>`) }]);
    expect(await refusal(wideFile, { ...DEFAULT_XLSX_LIMITS, maxCells: 50_000 })).toMatchObject({ status: 413, zh: expect.stringContaining('单元格') });
  });
});
