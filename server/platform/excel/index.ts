export { inspectXlsx, xlsxErrors, DEFAULT_XLSX_LIMITS, type XlsxInspection, type XlsxLimits } from './xlsx-inspect.ts';
export { readSheetTable, normaliseHeader, type TableColumn, type TableSpec, type TableRow, type SheetTable, type HeaderProblem, type ReadTableResult } from './xlsx-read.ts';
export { writeXlsx, escapeFormulaText, safeCellValue, safeSheetName, type XlsxColumn, type CellOut } from './xlsx-write.ts';
export {
  cleanText,
  excelSerialToIsoDate,
  exceljsDateToIsoDate,
  isBlank,
  parseDateCell,
  parseIdNumberCell,
  parseTextCell,
  parseYesNoCell,
  type Parsed,
  type SheetCell,
} from './cell-values.ts';
