/**
 * Reads the first VISIBLE sheet of an inspected workbook as a table whose columns are found by their Chinese
 * header text, in any order. Hidden sheets are ignored; rows above the header (a title row) and blank rows are
 * skipped; a data value in a column without a header is reported rather than silently dropped.
 *
 * Headers and sheet names never become object keys (Maps only), so `__proto__` or `constructor` in a header
 * cannot pollute prototypes (SECURITY.md item 23, §9 case 12).
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from '../errors.ts';
import { emptyCell, isBlank, type SheetCell } from './cell-values.ts';
import { xlsxErrors, type XlsxInspection } from './xlsx-inspect.ts';
import { canonicalZipOrder } from './zip-order.ts';

export type TableColumn = {
  /** the program's name for the column */
  key: string;
  /** the canonical Chinese header, used in messages and the template */
  header: string;
  /** other header texts accepted for this column (compared after normaliseHeader) */
  aliases?: readonly string[];
  required?: boolean;
};

export type TableSpec = {
  columns: readonly TableColumn[];
  /** headers that are recognised and ignored (序号, 备注) */
  ignored?: readonly string[];
  maxRows: number;
  maxColumns: number;
  /** how many rows from the top may hold titles before the header row */
  headerSearchRows?: number;
};

export type TableRow = {
  /** the row number Excel shows */
  row: number;
  /** by column key; a missing key means the cell is empty */
  cells: ReadonlyMap<string, SheetCell>;
  /** column letters holding data under no header */
  unlabelled: string[];
};

export type SheetTable = {
  sheetName: string;
  headerRow: number;
  date1904: boolean;
  rows: TableRow[];
};

export type HeaderProblem = {
  sheetName: string;
  headerRow: number;
  /** canonical headers of required columns that were not found */
  missing: string[];
  /** header texts that match no column */
  unknown: string[];
  /** canonical headers found more than once */
  duplicated: string[];
};

export type ReadTableResult = { ok: true; table: SheetTable } | { ok: false; problem: HeaderProblem };

/** NFKC, no white space, no `*` markers, no trailing `(说明)`; lower-case Latin letters. */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\*/g, '')
    .replace(/\([^()]*\)$/, '')
    .replace(/\*/g, '')
    .toLowerCase();
}

function columnLetter(index: number): string {
  let n = index;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function fromValue(v: ExcelJS.CellValue | undefined): SheetCell {
  if (v === null || v === undefined) return emptyCell();
  if (typeof v === 'string') return v === '' ? emptyCell() : { kind: 'text', text: v };
  if (typeof v === 'number') return { kind: 'number', value: v };
  if (typeof v === 'boolean') return { kind: 'boolean', value: v };
  if (v instanceof Date) return { kind: 'date', date: v };
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return { kind: 'text', text: v.richText.map((r) => r.text).join('') };
    if ('error' in v) return { kind: 'error', text: String(v.error) };
    if ('formula' in v || 'sharedFormula' in v) {
      // A formula's cached result is what the user saw in Excel (e.g. 出生日期 computed from the ID number).
      const result = (v as { result?: unknown }).result;
      if (result === undefined || result === null) return { kind: 'error', text: '公式（无计算结果）' };
      if (typeof result === 'object' && !(result instanceof Date) && 'error' in result) return { kind: 'error', text: String(result.error) };
      return fromValue(result as ExcelJS.CellValue);
    }
    if ('text' in v) {
      const text = (v as { text: unknown }).text;
      if (typeof text === 'string') return text === '' ? emptyCell() : { kind: 'text', text };
      return fromValue(text as ExcelJS.CellValue);
    }
  }
  return { kind: 'error', text: '无法识别的单元格' };
}

function headerText(cell: SheetCell): string {
  switch (cell.kind) {
    case 'text':
      return cell.text;
    case 'number':
      return String(cell.value);
    case 'empty':
    case 'date':
    case 'boolean':
    case 'error':
      return '';
  }
}

type StreamCell = { value: ExcelJS.CellValue; numFmt?: unknown };
type StreamRow = { number: number; hasValues: boolean; eachCell: (opt: { includeEmpty: boolean }, cb: (cell: StreamCell, col: number) => void) => void };

/** exceljs utils.isDateFmt: a number format with date or time letters outside quotes and brackets. */
function isDateFormat(fmt: unknown): boolean {
  if (typeof fmt !== 'string' || fmt === '') return false;
  return /[ymdhMsb]+/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/**
 * The cell's value as the whole-workbook loader gives it: exceljs' streaming reader turns date-formatted numbers
 * into Dates but leaves a formula's numeric result a number, so that one is converted here (exceljs excelToDate).
 */
function streamCellValue(cell: StreamCell, date1904: boolean): ExcelJS.CellValue {
  const v = cell.value;
  if (v !== null && typeof v === 'object' && 'formula' in v && typeof (v as { result?: unknown }).result === 'number' && isDateFormat(cell.numFmt)) {
    const serial = (v as { result: number }).result;
    return { ...v, result: new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000)) };
  }
  return v;
}
type StreamSheet = AsyncIterable<StreamRow>;

type Merge = { top: number; left: number; bottom: number; right: number };

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function parseMerge(ref: string): Merge | null {
  const m = /^([A-Za-z]+)(\d+)(?::([A-Za-z]+)(\d+))?$/.exec(ref);
  if (!m) return null;
  const a = { col: columnNumber(m[1]!), row: Number(m[2]) };
  const b = m[3] ? { col: columnNumber(m[3]), row: Number(m[4]) } : a;
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}

/**
 * A row's cells with values, by column, with merged ranges filled in as the whole-workbook loader shows them: every
 * cell of a merged range has the value of its top-left cell. `masters` keeps the top-left values seen so far (rows
 * stream top-down, so a master always comes before its range's other cells).
 */
function rowCells(row: StreamRow, merges: readonly Merge[], masters: Map<Merge, ExcelJS.CellValue>, date1904: boolean): Map<number, ExcelJS.CellValue> {
  const out = new Map<number, ExcelJS.CellValue>();
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    out.set(col, streamCellValue(cell, date1904));
  });
  let touched = false;
  for (const m of merges) {
    if (row.number < m.top || row.number > m.bottom) continue;
    touched = true;
    if (row.number === m.top) masters.set(m, out.get(m.left) ?? null);
    const value = masters.get(m) ?? null;
    for (let c = m.left; c <= m.right; c++) {
      if (row.number === m.top && c === m.left) continue;
      if (value === null) out.delete(c);
      else out.set(c, value);
    }
  }
  return touched ? new Map([...out].sort((x, y) => x[0] - y[0])) : out;
}

/**
 * Streams the rows of one worksheet part through exceljs' streaming reader (stream.xlsx.WorkbookReader), after
 * putting the parts in canonical order (zip-order.ts): the workbook is never built in memory, only the shared
 * strings and styles are cached. The part number comes from the reader's synchronous `entry` event, which it
 * emits just before yielding that worksheet (so `sheetNo` always names the sheet being iterated). `onRow` is called for every
 * row of the wanted part in order; every other sheet is read to its end and dropped (so exceljs' temporary files of
 * sheets stored before the shared strings are always removed). The whole archive is consumed even after `onRow`
 * throws; the first error is rethrown at the end.
 */
async function streamSheetRows(buffer: Buffer, part: string, onRow: (row: StreamRow) => void): Promise<boolean> {
  const wanted = /^xl\/worksheets\/sheet(\d+)\.xml$/i.exec(part)?.[1];
  if (wanted === undefined) throw xlsxErrors.unreadable();
  // Parts in the order the reader handles (zip-order.ts): a worksheet stored before xl/workbook.xml would crash it.
  let ordered: Buffer;
  try {
    ordered = await canonicalZipOrder(buffer);
  } catch {
    throw xlsxErrors.unreadable();
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([ordered]), { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
  let sheetNo: string | null = null;
  (reader as unknown as NodeJS.EventEmitter).on('entry', (e: { type?: string; id?: string }) => {
    if (e.type === 'worksheet') sheetNo = String(e.id);
  });
  let found = false;
  let failure: unknown = null;
  try {
    for await (const sheet of reader as unknown as AsyncIterable<StreamSheet>) {
      const mine = sheetNo === wanted && !found;
      if (mine) found = true;
      for await (const row of sheet) {
        if (!mine || failure !== null) continue;
        try {
          onRow(row);
        } catch (e) {
          failure = e;
        }
      }
    }
  } catch (e) {
    if (failure === null) failure = e instanceof AppError ? e : xlsxErrors.unreadable();
  }
  if (failure !== null) throw failure;
  return found;
}

/**
 * Parses the first visible sheet of a workbook that `inspectXlsx` has passed (the inspection is the proof, and tells
 * which part that sheet is). Rows stream (exceljs WorkbookReader); only the rows of the table are kept.
 * Throws AppError 413 for too many rows or columns, 400 for an unreadable workbook; header problems are
 * returned so the caller can report them with the rows.
 */
export async function readSheetTable(buffer: Buffer, inspection: XlsxInspection, spec: TableSpec): Promise<ReadTableResult> {
  const date1904 = inspection.date1904;
  const sheet = inspection.sheets.find((ws) => ws.state === 'visible');
  const missingAll = () => ({ ok: false as const, problem: { sheetName: '', headerRow: 1, missing: spec.columns.filter((c) => c.required).map((c) => c.header), unknown: [], duplicated: [] } });
  if (!sheet) return missingAll();
  if (!sheet.part) throw xlsxErrors.unreadable();

  // Header lookup by normalised text → column key.
  const byHeader = new Map<string, TableColumn>();
  for (const c of spec.columns) for (const h of [c.header, ...(c.aliases ?? [])]) byHeader.set(normaliseHeader(h), c);
  const ignored = new Set((spec.ignored ?? []).map(normaliseHeader));
  const searchRows = spec.headerSearchRows ?? 10;
  const tooManyColumns = () => new AppError('PAYLOAD_TOO_LARGE', { zh: `表格超过 ${spec.maxColumns} 列上限`, en: `The sheet has more than ${spec.maxColumns} columns` });

  // The top rows are held until the header row is known: the first of them naming at least two known columns
  // (else the first non-empty row).
  const top: StreamRow[] = [];
  const merges = (inspection.merges.get(sheet.part) ?? []).map(parseMerge).filter((m): m is Merge => m !== null);
  const masters = new Map<Merge, ExcelJS.CellValue>();
  let headerRow = 0;
  let problem: HeaderProblem | null = null;
  const keyOfColumn = new Map<number, string>();
  const ignoredColumns = new Set<number>();
  const rows: TableRow[] = [];

  const decideHeader = () => {
    let firstNonEmpty = 0;
    for (const row of top) {
      if (!row.hasValues) continue;
      if (firstNonEmpty === 0) firstNonEmpty = row.number;
      let known = 0;
      for (const value of rowCells(row, merges, new Map(), date1904).values()) {
        if (byHeader.has(normaliseHeader(headerText(fromValue(value))))) known++;
      }
      if (known >= 2) {
        headerRow = row.number;
        break;
      }
    }
    if (headerRow === 0) headerRow = firstNonEmpty || 1;

    const seen = new Map<string, number>();
    const unknown: string[] = [];
    const duplicated: string[] = [];
    const header = top.find((r) => r.number === headerRow);
    for (const [col, value] of header ? rowCells(header, merges, masters, date1904) : []) {
      if (col > spec.maxColumns) throw tooManyColumns();
      const raw = headerText(fromValue(value)).trim();
      if (raw === '') continue;
      const norm = normaliseHeader(raw);
      const column = byHeader.get(norm);
      if (column) {
        if (seen.has(column.key)) duplicated.push(column.header);
        seen.set(column.key, col);
        keyOfColumn.set(col, column.key);
      } else if (ignored.has(norm)) {
        ignoredColumns.add(col);
      } else {
        unknown.push(raw.slice(0, 40));
      }
    }
    const missing = spec.columns.filter((c) => c.required && !seen.has(c.key)).map((c) => c.header);
    if (missing.length || unknown.length || duplicated.length) problem = { sheetName: sheet.name, headerRow, missing, unknown, duplicated: [...new Set(duplicated)] };
    for (const row of top) if (row.number > headerRow) dataRow(row);
    top.length = 0;
  };

  const dataRow = (row: StreamRow) => {
    if (problem) return;
    const cells = new Map<string, SheetCell>();
    const unlabelled: string[] = [];
    for (const [col, raw] of rowCells(row, merges, masters, date1904)) {
      const value = fromValue(raw);
      if (isBlank(value)) continue;
      if (col > spec.maxColumns) throw tooManyColumns();
      const key = keyOfColumn.get(col);
      if (key !== undefined) cells.set(key, value);
      else if (!ignoredColumns.has(col)) unlabelled.push(columnLetter(col));
    }
    if (cells.size === 0 && unlabelled.length === 0) return; // blank row
    rows.push({ row: row.number, cells, unlabelled });
    if (rows.length > spec.maxRows) throw xlsxErrors.tooManyRows(spec.maxRows);
  };

  const found = await streamSheetRows(buffer, sheet.part, (row) => {
    if (headerRow === 0) {
      if (row.number <= searchRows) {
        top.push(row);
        return;
      }
      decideHeader();
    }
    if (row.number > headerRow) dataRow(row);
  });
  if (!found) throw xlsxErrors.unreadable();
  if (headerRow === 0) decideHeader();
  if (problem) return { ok: false, problem };
  return { ok: true, table: { sheetName: sheet.name, headerRow, date1904, rows } };
}
