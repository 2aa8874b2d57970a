/**
 * Test fixtures generated on the fly with exceljs (no binary fixtures are committed): roster workbooks with
 * valid rows, and helpers to bend them (numeric ID cells, dates as serials, formulas, hidden sheets).
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { makeIdNumber } from '../../../platform/id-number.ts';
import { ROSTER_COLUMNS, templateHeader } from '../roster-columns.ts';

export const HEADERS = ROSTER_COLUMNS.map(templateHeader);

export type RosterRow = Partial<Record<(typeof ROSTER_COLUMNS)[number]['key'], ExcelJS.CellValue>>;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国文斌辉鹏飞宇浩';

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * `count` valid rows. `offset` makes ID numbers distinct between files; `units` are cycled through
 * (default: units of 黄花镇 in the test world).
 */
export function validRows(count: number, options: { offset?: number; units?: string[]; withPosts?: boolean; withCadres?: boolean } = {}): RosterRow[] {
  const units = options.units ?? ['黄花镇/黄花村', '黄花镇', '黄花镇/新塘村'];
  const offset = options.offset ?? 0;
  const rows: RosterRow[] = [];
  for (let i = 0; i < count; i++) {
    const k = offset + i;
    const male = k % 2 === 0;
    const birthDate = addDays('1962-01-01', Math.floor(k / 400));
    const idNumber = makeIdNumber('430121', birthDate, (k % 400) * 2 + (male ? 1 : 0));
    const name = SURNAMES[k % SURNAMES.length]! + GIVEN[Math.floor(k / SURNAMES.length) % GIVEN.length]! + GIVEN[(k * 7) % GIVEN.length]!;
    const row: RosterRow = {
      name,
      gender: male ? '男' : '女',
      birthDate,
      idNumber,
      phone: `139${String(10_000_000 + k).slice(-8)}`,
      unit: units[k % units.length]!,
      isPartyMember: k % 3 === 0 ? '是' : '否',
    };
    if (k % 3 === 0) row.partyJoinDate = addDays(birthDate, 365 * 25);
    if (options.withPosts ?? true) {
      row.title = k % 5 === 0 ? '党委委员' : '科员';
      row.startDate = '2020-01-01';
      row.isLeadership = k % 5 === 0 ? '是' : '否';
    }
    if ((options.withCadres ?? true) && k % 4 === 0) {
      row.rank = '科员';
      row.education = '大学本科毕业';
      row.authority = '长沙县';
    }
    rows.push(row);
  }
  return rows;
}

export type SheetSpec = { name?: string; state?: 'visible' | 'hidden' | 'veryHidden'; headers?: string[]; rows: (RosterRow | ExcelJS.CellValue[])[]; before?: ExcelJS.CellValue[][] };

function rowValues(headers: string[], row: RosterRow | ExcelJS.CellValue[]): ExcelJS.CellValue[] {
  if (Array.isArray(row)) return row;
  const byHeader = new Map(ROSTER_COLUMNS.map((c) => [templateHeader(c), c.key]));
  return headers.map((h) => {
    const key = byHeader.get(h);
    return key ? (row[key] ?? null) : null;
  });
}

/** A workbook (in memory, exceljs Workbook) with the given sheets; the ID column is text-formatted. */
export async function rosterXlsx(sheets: SheetSpec[] | SheetSpec, decorate?: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [i, s] of (Array.isArray(sheets) ? sheets : [sheets]).entries()) {
    const ws = wb.addWorksheet(s.name ?? `Sheet${i + 1}`, { state: s.state ?? 'visible' });
    for (const b of s.before ?? []) ws.addRow(b);
    const headers = s.headers ?? HEADERS;
    ws.addRow(headers);
    for (const r of s.rows) ws.addRow(rowValues(headers, r));
  }
  decorate?.(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Large rosters with the streaming writer (fast, low memory). */
export async function rosterXlsxStreamed(rows: RosterRow[]): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => stream.on('end', resolve));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet('人员花名册');
  ws.addRow(HEADERS).commit();
  for (const r of rows) ws.addRow(rowValues(HEADERS, r)).commit();
  ws.commit();
  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}
