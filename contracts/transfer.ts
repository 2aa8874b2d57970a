/**
 * Excel import and export (issue 3, deliverables 6 and 7). Limits are SECURITY.md §2 "Excel import"; the web
 * upload page reads them from here.
 */
import { Type, type Static } from 'typebox';
import { ListPeopleQuerySchema } from './people.ts';

export const IMPORT_LIMITS = {
  /** upload size, checked while streaming */
  maxUploadBytes: 10 * 1024 * 1024,
  /** sum of the declared uncompressed sizes of every zip entry, checked before inflating */
  maxUncompressedBytes: 50 * 1024 * 1024,
  maxZipEntries: 200,
  /** uncompressed / compressed, per entry */
  maxCompressionRatio: 100,
  /** data rows of the roster sheet (header excluded) */
  maxRows: 20_000,
  maxColumns: 100,
  /** the Excel cell limit */
  maxCellChars: 32_767,
  /** errors returned in the JSON body; the downloadable report holds all of them */
  maxErrorsInBody: 500,
  /** a rejected import's error report stays downloadable this long */
  reportTtlMinutes: 60,
  /** rows of one export */
  exportMaxRows: 50_000,
} as const;

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const ImportRowErrorSchema = Type.Object({
  /** the row number as Excel shows it (the header row is usually 1) */
  row: Type.Integer(),
  /** the column header, e.g. 身份证号; empty for errors about the whole row */
  column: Type.String(),
  message: Type.String(),
});
export type ImportRowError = Static<typeof ImportRowErrorSchema>;

/** 422: nothing was written. `errors` holds at most IMPORT_LIMITS.maxErrorsInBody; the report holds all. */
export const ImportRejectedSchema = Type.Object({
  code: Type.Literal('VALIDATION'),
  message: Type.String(),
  errors: Type.Array(ImportRowErrorSchema),
  errorCount: Type.Integer(),
  /** GET /api/imports/:reportId/report downloads every error as .xlsx (uploader only, 1 hour) */
  reportId: Type.String(),
});
export type ImportRejected = Static<typeof ImportRejectedSchema>;

export const ImportResultSchema = Type.Object({
  batchId: Type.String(),
  fileName: Type.String(),
  /** people created (one per data row) */
  created: Type.Integer(),
  cadres: Type.Integer(),
  posts: Type.Integer(),
  durationMs: Type.Integer(),
});
export type ImportResult = Static<typeof ImportResultSchema>;

export const ImportBatchSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  fileName: Type.String(),
  rowCount: Type.Integer(),
  status: Type.String(),
  createdAt: Type.String(),
});
export type ImportBatch = Static<typeof ImportBatchSchema>;

const { page: _page, pageSize: _pageSize, ...listFilters } = ListPeopleQuerySchema.properties;

/** The filters of GET /api/people without paging: an export holds every row the caller can see. */
export const ExportPeopleQuerySchema = Type.Object(listFilters, { additionalProperties: false });
export type ExportPeopleQuery = Static<typeof ExportPeopleQuerySchema>;
