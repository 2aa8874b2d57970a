/**
 * Writes one-sheet workbooks (exports, templates, error reports) with exceljs' streaming writer.
 *
 * Every string cell is defused (SECURITY.md item 22, ASVS 5.0 1.2.10): a value starting with `=`, `+`, `-`,
 * `@`, TAB, CR or NUL gets a leading `'`, so Excel and WPS show it as text instead of evaluating a formula
 * (`=HYPERLINK(...)`, DDE payloads). Characters XML 1.0 forbids are replaced, so the file always opens.
 * The header row is bold and frozen; column widths follow the content (CJK characters count double).
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

export type CellOut = string | number | boolean | Date | null | undefined;

export type XlsxColumn = {
  key: string;
  header: string;
  /** in characters; default: fitted to the header and the first rows */
  width?: number;
  /** Excel number format for the whole column, e.g. '@' (text) or 'yyyy-mm-dd' */
  numFmt?: string;
  /** a note (comment) on the header cell: how to fill the column */
  note?: string;
  /** a drop-down list offered in this column's data cells (template use) */
  list?: readonly string[];
};

export type XlsxOptions = {
  /** rows below the header that get the drop-down lists; default 1000 */
  validationRows?: number;
};

const FORMULA_TRIGGER = /^[=+\-@\t\r\0]/;
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `=1+1` → `'=1+1`: text that a spreadsheet would otherwise run as a formula. */
export function escapeFormulaText(text: string): string {
  return FORMULA_TRIGGER.test(text) ? `'${text}` : text;
}

/** The value as written to a cell: strings are defused and made XML-safe; other values pass through. */
export function safeCellValue(value: CellOut): string | number | boolean | Date | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return escapeFormulaText(value).replace(XML_FORBIDDEN, '\ufffd');
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

/** Excel sheet names: ≤ 31 characters, none of `[]:*?/\`, not starting or ending with `'`. */
export function safeSheetName(name: string): string {
  const cleaned = name.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '').replace(XML_FORBIDDEN, '').trim().slice(0, 31);
  return cleaned === '' || cleaned.toLowerCase() === 'history' ? 'Sheet1' : cleaned;
}

function displayWidth(value: CellOut): number {
  if (value === null || value === undefined) return 0;
  const text = value instanceof Date ? '2024-01-01' : String(value);
  let w = 0;
  for (const ch of text) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

function fittedWidths(columns: readonly XlsxColumn[], rows: readonly Readonly<Record<string, CellOut>>[]): number[] {
  return columns.map((c) => {
    if (c.width) return c.width;
    let w = displayWidth(c.header) + 2;
    for (const r of rows.slice(0, 200)) w = Math.max(w, displayWidth(r[c.key]) + 2);
    return Math.min(Math.max(w, 8), 60);
  });
}

function rangeBelowHeader(col: number, rows: number): string {
  const letter = (n: number): string => (n <= 0 ? '' : letter(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26)));
  return `${letter(col)}2:${letter(col)}${rows + 1}`;
}

type DataValidationsLike = { add(address: string, validation: ExcelJS.DataValidation): void };

/**
 * One sheet: bold frozen header, then `rows` (objects keyed by column key). Returns the .xlsx bytes.
 */
export async function writeXlsx(sheetName: string, columns: readonly XlsxColumn[], rows: readonly Readonly<Record<string, CellOut>>[], options: XlsxOptions = {}): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(safeSheetName(sheetName), { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  const widths = fittedWidths(columns, rows);
  sheet.columns = columns.map((c, i) => ({ key: c.key, width: widths[i], ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));

  const header = sheet.getRow(1);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = safeCellValue(c.header);
    cell.font = { bold: true };
    cell.alignment = { vertical: 'middle' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
    if (c.numFmt) cell.numFmt = 'General';
    if (c.note) cell.note = c.note;
  });
  header.commit();

  const validationRows = options.validationRows ?? 1000;
  const validations = (sheet as unknown as { dataValidations: DataValidationsLike }).dataValidations;
  columns.forEach((c, i) => {
    if (!c.list?.length) return;
    validations.add(rangeBelowHeader(i + 1, validationRows), {
      type: 'list',
      allowBlank: true,
      formulae: [`"${c.list.join(',')}"`],
      showErrorMessage: true,
      errorTitle: c.header,
      error: `请从下拉列表中选择：${c.list.join('、')}`,
    });
  });

  for (const r of rows) {
    sheet.addRow(columns.map((c) => safeCellValue(r[c.key]))).commit();
  }
  sheet.commit();
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}
