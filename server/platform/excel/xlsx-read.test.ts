import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { AppError } from '../errors.ts';
import { inspectXlsx } from './xlsx-inspect.ts';
import { normaliseHeader, readSheetTable, type ReadTableResult, type TableSpec } from './xlsx-read.ts';
import yauzl from 'yauzl';
import { buildZip, type ZipEntrySpec } from './testdata/zip-fixtures.ts';
import { canonicalZipOrder, isCanonicalOrder } from './zip-order.ts';

const SPEC: TableSpec = {
  columns: [
    { key: 'name', header: '姓名', required: true },
    { key: 'gender', header: '性别', required: true },
    { key: 'birthDate', header: '出生日期', aliases: ['出生年月日'], required: true },
    { key: 'idNumber', header: '身份证号', aliases: ['身份证号码'] },
  ],
  ignored: ['序号'],
  maxRows: 100,
  maxColumns: 10,
};

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function read(buffer: Buffer, spec: TableSpec = SPEC): Promise<ReadTableResult> {
  return readSheetTable(buffer, await inspectXlsx(buffer), spec);
}

function cells(result: ReadTableResult): Record<string, unknown>[] {
  if (!result.ok) throw new Error(JSON.stringify(result.problem));
  return result.table.rows.map((r) => ({ row: r.row, ...Object.fromEntries(r.cells), unlabelled: r.unlabelled }));
}

describe('readSheetTable', () => {
  it('maps headers by name in any order, with * markers, notes in brackets, aliases and full-width forms', async () => {
    expect(normaliseHeader(' 姓名* ')).toBe('姓名');
    expect(normaliseHeader('性别*（男/女）')).toBe('性别');
    const buf = await workbook((wb) => {
      const ws = wb.addWorksheet('名单');
      ws.addRow(['身份证号码', '出生日期（YYYY-MM-DD）', '性别*', '姓名*']);
      ws.addRow(['11010519491231002X', '1949-12-31', '女', '张三']);
    });
    expect(cells(await read(buf))).toEqual([
      {
        row: 2,
        idNumber: { kind: 'text', text: '11010519491231002X' },
        birthDate: { kind: 'text', text: '1949-12-31' },
        gender: { kind: 'text', text: '女' },
        name: { kind: 'text', text: '张三' },
        unlabelled: [],
      },
    ]);
  });

  it('lists missing, unknown and duplicated columns', async () => {
    const buf = await workbook((wb) => {
      wb.addWorksheet('名单').addRows([
        ['姓名', '性别', '出生年月', '性别'],
        ['张三', '男', '1980-01', '男'],
      ]);
    });
    const r = await read(buf);
    expect(r).toEqual({ ok: false, problem: { sheetName: '名单', headerRow: 1, missing: ['出生日期'], unknown: ['出生年月'], duplicated: ['性别'] } });
  });

  it('skips title rows above the header, blank rows and ignored columns; reports data under no header', async () => {
    const buf = await workbook((wb) => {
      const ws = wb.addWorksheet('名单');
      ws.addRow(['黄花镇干部花名册']);
      ws.addRow([]);
      ws.addRow(['序号', '姓名', '性别', '出生日期']);
      ws.addRow([1, '张三', '男', '1980-01-01']);
      ws.addRow([2]);
      ws.addRow([]);
      ws.addRow([3, '李四', '女', '1981-02-02', null, '多余']);
    });
    const r = await read(buf);
    expect(r.ok && r.table.headerRow).toBe(3);
    expect(cells(r).map((c) => [c.row, c.unlabelled])).toEqual([
      [4, []],
      [7, ['F']],
    ]);
  });

  it('reads the first VISIBLE sheet only', async () => {
    const buf = await workbook((wb) => {
      wb.addWorksheet('隐藏', { state: 'hidden' }).addRows([
        ['姓名', '性别', '出生日期'],
        ['隐藏的人', '男', '1980-01-01'],
      ]);
      wb.addWorksheet('名单').addRows([
        ['姓名', '性别', '出生日期'],
        ['张三', '男', '1980-01-01'],
      ]);
    });
    const r = await read(buf);
    expect(r.ok && r.table.sheetName).toBe('名单');
    expect(cells(r).map((c) => c.name)).toEqual([{ kind: 'text', text: '张三' }]);
  });

  it('returns formula results, rich text, numbers, dates and merged cells as the user saw them', async () => {
    const buf = await workbook((wb) => {
      const ws = wb.addWorksheet('名单');
      ws.addRow(['姓名', '性别', '出生日期', '身份证号']);
      ws.addRow([{ richText: [{ text: '张' }, { text: '三', font: { bold: true } }] }, '男', { formula: 'DATE(1980,1,1)', result: new Date(Date.UTC(1980, 0, 1)) }, 110105194912310020]);
      ws.addRow(['李四', null, 29221, { formula: 'A1', result: undefined }]);
      ws.mergeCells('B2:B3');
      ws.getCell('C2').numFmt = 'yyyy-mm-dd';
    });
    const rows = cells(await read(buf));
    expect(rows[0]).toMatchObject({ name: { kind: 'text', text: '张三' }, birthDate: { kind: 'date' }, idNumber: { kind: 'number' } });
    expect(rows[1]).toMatchObject({ gender: { kind: 'text', text: '男' }, birthDate: { kind: 'number', value: 29221 }, idNumber: { kind: 'error' } });
  });

  it('cannot be polluted through __proto__ or constructor headers and sheet names', async () => {
    const buf = await workbook((wb) => {
      wb.addWorksheet('__proto__').addRows([
        ['姓名', '性别', '出生日期', '__proto__', 'constructor', 'prototype'],
        ['张三', '男', '1980-01-01', '{"polluted":true}', 'x', 'y'],
      ]);
    });
    const r = await read(buf);
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.problem.unknown).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('refuses more data rows or columns than allowed (413)', async () => {
    const many = await workbook((wb) => {
      const ws = wb.addWorksheet('名单');
      ws.addRow(['姓名', '性别', '出生日期']);
      for (let i = 0; i < 101; i++) ws.addRow([`人${i}`, '男', '1980-01-01']);
    });
    await expect(read(many)).rejects.toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    const wide = await workbook((wb) => {
      const ws = wb.addWorksheet('名单');
      ws.addRow(['姓名', '性别', '出生日期']);
      const row = ['张三', '男', '1980-01-01'] as ExcelJS.CellValue[];
      row[11] = 'far right';
      ws.addRow(row);
    });
    const error = await read(wide).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).text.zh).toContain('10 列');
  });
});

describe('readSheetTable: parts in any archive order (exceljs WorkbookReader handles parts in archive order)', () => {
  /** The parts of a real workbook, inflated, to be packed again in a chosen order. */
  async function partsOf(buffer: Buffer): Promise<ZipEntrySpec[]> {
    const zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true });
    const out: ZipEntrySpec[] = [];
    for await (const e of zip.eachEntry()) {
      if (e.fileName.endsWith('/')) continue;
      const chunks: Buffer[] = [];
      for await (const c of (await zip.openReadStreamPromise(e)) as AsyncIterable<Buffer>) chunks.push(c);
      out.push({ name: e.fileName, data: Buffer.concat(chunks) });
    }
    zip.close();
    return out;
  }

  it('reads the sheet whether it is stored before or after the shared strings, the styles and xl/workbook.xml', async () => {
    const parts = await partsOf(
      await workbook((wb) => {
        wb.addWorksheet('名单').addRows([
          ['姓名', '性别', '出生日期'],
          ['张三', '男', '1980-01-02'],
        ]);
      }),
    );
    const part = (name: string) => parts.find((p) => p.name === name)!;
    const [sheet, strings, book, rels, styles] = ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml'].map(part);
    const rest = parts.filter((p) => ![sheet, strings, book, rels, styles].includes(p));
    const orders: Record<string, ZipEntrySpec[]> = {
      // a worksheet after the shared strings and relationships but before xl/workbook.xml crashed exceljs 4.4
      'strings, rels, sheet, workbook': [...rest, strings!, rels!, sheet!, book!, styles!],
      'rels, styles, strings, sheet, workbook': [...rest, rels!, styles!, strings!, sheet!, book!],
      'exceljs: sheet before strings, workbook last': [...rest, rels!, sheet!, strings!, styles!, book!],
      'Excel: workbook, rels, sheet, styles, strings': [...rest, book!, rels!, sheet!, styles!, strings!],
      'sheet first of all': [sheet!, ...rest, book!, rels!, styles!, strings!],
    };
    for (const [name, order] of Object.entries(orders)) {
      const result = await read(buildZip(order));
      expect({ name, rows: cells(result) }).toEqual({ name, rows: [{ row: 2, name: { kind: 'text', text: '张三' }, gender: { kind: 'text', text: '男' }, birthDate: { kind: 'text', text: '1980-01-02' }, unlabelled: [] }] });
    }
  });

  it('leaves an archive already in canonical order as it is, and re-packs any other without inflating it', async () => {
    expect(isCanonicalOrder(['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml', 'xl/worksheets/sheet1.xml'])).toBe(true);
    expect(isCanonicalOrder(['xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/worksheets/sheet1.xml', 'xl/workbook.xml'])).toBe(false);
    const buf = await workbook((wb) => wb.addWorksheet('名单').addRow(['姓名']));
    const repacked = await canonicalZipOrder(buf);
    expect(repacked).not.toBe(buf);
    expect(await canonicalZipOrder(repacked)).toBe(repacked);
    const names = (await partsOf(repacked)).map((p) => p.name);
    expect(names.slice(0, 4)).toEqual(['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml']);
  });
});
