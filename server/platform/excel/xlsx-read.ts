/**
 * Reads the first VISIBLE sheet of an inspected workbook as a table whose columns are found by their Chinese
 * header text, in any order. Hidden sheets are ignored; rows above the header (a title row) and blank rows are
 * skipped; a data value in a column without a header is reported rather than silently dropped.
 *
 * Headers and sheet names never become object keys (Maps only), so `__proto__` or `constructor` in a header
 * cannot pollute prototypes (SECURITY.md item 23, §9 case 12).
 */
import ExcelJS from 'exceljs';
import { AppError } from '../errors.ts';
import { emptyCell, isBlank, type SheetCell } from './cell-values.ts';
import { xlsxErrors, type XlsxInspection } from './xlsx-inspect.ts';

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

async function loadWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    throw xlsxErrors.unreadable();
  }
  return workbook;
}

/**
 * Parses the first visible sheet of a workbook that `inspectXlsx` has passed (the inspection is the proof).
 * Throws AppError 413 for too many rows or columns, 400 for an unreadable workbook; header problems are
 * returned so the caller can report them with the rows.
 */
export async function readSheetTable(buffer: Buffer, _inspection: XlsxInspection, spec: TableSpec): Promise<ReadTableResult> {
  const workbook = await loadWorkbook(buffer);
  const date1904 = Boolean((workbook.properties as { date1904?: boolean } | undefined)?.date1904);
  const sheet = workbook.worksheets.find((ws) => ws.state === 'visible');
  if (!sheet) {
    return { ok: false, problem: { sheetName: '', headerRow: 1, missing: spec.columns.filter((c) => c.required).map((c) => c.header), unknown: [], duplicated: [] } };
  }

  // Header lookup by normalised text → column key.
  const byHeader = new Map<string, TableColumn>();
  for (const c of spec.columns) for (const h of [c.header, ...(c.aliases ?? [])]) byHeader.set(normaliseHeader(h), c);
  const ignored = new Set((spec.ignored ?? []).map(normaliseHeader));

  // The header row: the first of the top rows naming at least two known columns (else the first non-empty row).
  const searchRows = Math.min(spec.headerSearchRows ?? 10, Math.max(sheet.rowCount, 1));
  let headerRow = 0;
  let firstNonEmpty = 0;
  for (let r = 1; r <= searchRows && headerRow === 0; r++) {
    const row = sheet.findRow(r);
    if (!row || !row.hasValues) continue;
    if (firstNonEmpty === 0) firstNonEmpty = r;
    let known = 0;
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (byHeader.has(normaliseHeader(headerText(fromValue(cell.value))))) known++;
    });
    if (known >= 2) headerRow = r;
  }
  if (headerRow === 0) headerRow = firstNonEmpty || 1;

  const keyOfColumn = new Map<number, string>();
  const ignoredColumns = new Set<number>();
  const seen = new Map<string, number>();
  const unknown: string[] = [];
  const duplicated: string[] = [];
  const header = sheet.findRow(headerRow);
  header?.eachCell({ includeEmpty: false }, (cell, col) => {
    if (col > spec.maxColumns) throw new AppError('PAYLOAD_TOO_LARGE', { zh: `表格超过 ${spec.maxColumns} 列上限`, en: `The sheet has more than ${spec.maxColumns} columns` });
    const raw = headerText(fromValue(cell.value)).trim();
    if (raw === '') return;
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
  });
  const missing = spec.columns.filter((c) => c.required && !seen.has(c.key)).map((c) => c.header);
  if (missing.length || unknown.length || duplicated.length) {
    return { ok: false, problem: { sheetName: sheet.name, headerRow, missing, unknown, duplicated: [...new Set(duplicated)] } };
  }

  // Cheap bound before the per-cell work: rows holding any value below the header.
  if (sheet.actualRowCount - headerRow > spec.maxRows) throw xlsxErrors.tooManyRows(spec.maxRows);

  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber <= headerRow) return;
    const cells = new Map<string, SheetCell>();
    const unlabelled: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const value = fromValue(cell.value);
      if (isBlank(value)) return;
      if (col > spec.maxColumns) throw new AppError('PAYLOAD_TOO_LARGE', { zh: `表格超过 ${spec.maxColumns} 列上限`, en: `The sheet has more than ${spec.maxColumns} columns` });
      const key = keyOfColumn.get(col);
      if (key !== undefined) cells.set(key, value);
      else if (!ignoredColumns.has(col)) unlabelled.push(columnLetter(col));
    });
    if (cells.size === 0 && unlabelled.length === 0) return; // blank row
    rows.push({ row: rowNumber, cells, unlabelled });
    if (rows.length > spec.maxRows) throw xlsxErrors.tooManyRows(spec.maxRows);
  });
  return { ok: true, table: { sheetName: sheet.name, headerRow, date1904, rows } };
}
