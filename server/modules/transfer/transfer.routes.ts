/**
 * Excel import and export routes.
 *
 * - GET  /api/imports/template        the roster template (.xlsx)
 * - POST /api/imports/people          multipart upload, field `file` (≤ 10 MB, one file): 200 committed, or 422
 *                                     with every row error and a `reportId`
 * - GET  /api/imports                 the caller's imports
 * - GET  /api/imports/:id             one import (or a rejected upload's report) of the caller
 * - GET  /api/imports/export.xlsx     the list of GET /api/imports as .xlsx (ledger event)
 * - GET  /api/imports/:id/report      the error report of a rejected upload (.xlsx, uploader only, 1 hour)
 * - GET  /api/people/export.xlsx      the people list with the filters of GET /api/people (fresh login)
 *
 * Downloads are `Content-Disposition: attachment` with an RFC 5987 UTF-8 file name and `Cache-Control:
 * no-store` (SECURITY.md items 25, 28c).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import { Type } from 'typebox';
import { IdParamsSchema } from '../../../contracts/common.ts';
import { ExportPeopleQuerySchema, IMPORT_LIMITS, ImportBatchSchema, ImportRejectedSchema, ImportResultSchema, type ImportRejected } from '../../../contracts/transfer.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError, badRequest, notFound, pickText } from '../../platform/errors.ts';
import { requireActor } from '../../platform/http.ts';
import { policy } from '../../platform/policy.ts';
import { xlsxErrors } from '../../platform/excel/index.ts';
import { contentDisposition, sendXlsx } from '../../platform/export-file.ts';
import { ImportReportStore } from './report-store.ts';
import { buildRosterTemplate, exportImportBatchesXlsx, exportPeopleXlsx, getImportBatch, importPeopleRoster, listImportBatches, safeFileName, writeErrorReport } from './transfer.service.ts';

export { contentDisposition };

const notMultipart = () => badRequest({ zh: '请以 multipart/form-data 方式上传文件（字段名 file）', en: 'Upload the file as multipart/form-data (field "file")' });
const noFile = () => badRequest({ zh: '请选择要上传的 .xlsx 文件（字段名 file）', en: 'Choose an .xlsx file to upload (field "file")' });

function extensionProblem(fileName: string): AppError | null {
  const ext = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (ext === undefined || ext === 'xlsx') return null;
  if (ext === 'xlsm' || ext === 'xltm' || ext === 'xlam') return xlsxErrors.macro();
  return xlsxErrors.notXlsx();
}

type MultipartError = Error & { code?: string; statusCode?: number };

function uploadError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = error as MultipartError;
  if (e.code === 'FST_REQ_FILE_TOO_LARGE') return xlsxErrors.tooLarge(IMPORT_LIMITS.maxUploadBytes);
  if (e.code === 'FST_FILES_LIMIT' || e.code === 'FST_PARTS_LIMIT' || e.code === 'FST_FIELDS_LIMIT') {
    return badRequest({ zh: '一次只能上传一个文件', en: 'Upload one file at a time' });
  }
  if (e.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return notMultipart();
  return badRequest({ zh: '上传内容不完整或格式不正确，请重新选择文件上传', en: 'The upload is incomplete or malformed; try again' });
}

/** Reads the single `file` part into memory, stopping at the size limit (the rest of the body is discarded). */
async function receiveUpload(request: FastifyRequest): Promise<{ fileName: string; buffer: Buffer }> {
  if (!request.isMultipart()) throw notMultipart();
  try {
    const part = await request.file({ limits: { fileSize: IMPORT_LIMITS.maxUploadBytes, files: 1, fields: 5, parts: 6, fieldSize: 1024 } });
    if (!part) throw noFile();
    if (part.fieldname !== 'file') {
      part.file.resume();
      throw noFile();
    }
    const fileName = safeFileName(part.filename);
    const problem = extensionProblem(fileName);
    if (problem) {
      part.file.resume();
      throw problem;
    }
    const buffer = await part.toBuffer();
    if (part.file.truncated) throw xlsxErrors.tooLarge(IMPORT_LIMITS.maxUploadBytes);
    if (buffer.length === 0) throw noFile();
    return { fileName, buffer };
  } catch (error) {
    throw uploadError(error);
  }
}

export async function transferRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  // Registered inside this plugin only: no other route accepts multipart bodies.
  await app.register(multipart, { limits: { fileSize: IMPORT_LIMITS.maxUploadBytes, files: 1, fields: 5, parts: 6 }, throwFileSizeLimit: true });
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['imports'];
  const reports = new ImportReportStore(deps.clock, IMPORT_LIMITS.reportTtlMinutes);
  const ctx = (request: FastifyRequest) => ({ ...deps, actor: requireActor(request) });
  const today = () => new Date(deps.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

  r.get('/api/imports/template', { schema: { tags }, config: { policy: policy.permission('people.write') } }, async (request, reply) => {
    const buffer = await buildRosterTemplate(ctx(request));
    return sendXlsx(reply, '人员导入模板.xlsx', 'people-import-template.xlsx', buffer);
  });

  r.post(
    '/api/imports/people',
    {
      schema: { tags, consumes: ['multipart/form-data'], response: { 200: ImportResultSchema, 422: ImportRejectedSchema } },
      config: { policy: policy.permission('people.write'), rateLimit: { max: 60, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const c = ctx(request);
      const upload = await receiveUpload(request);
      const outcome = await importPeopleRoster(c, upload);
      if (outcome.ok) {
        request.log.info({ event: 'import_committed', user: c.actor.userId, batch: outcome.result.batchId, rows: outcome.result.created, ms: outcome.result.durationMs }, 'people import committed');
        return outcome.result;
      }
      const report = reports.put(c.actor.userId, upload.fileName, outcome.errors);
      request.log.info({ event: 'import_rejected', user: c.actor.userId, errors: outcome.errors.length }, 'people import rejected');
      const body: ImportRejected = {
        code: 'VALIDATION',
        message: pickText(outcome.message, request.locale),
        errors: outcome.errors.slice(0, IMPORT_LIMITS.maxErrorsInBody).map((e) => ({ row: e.row, column: e.column, message: pickText(e.message, request.locale) })),
        errorCount: outcome.errors.length,
        reportId: report.id,
      };
      return reply.status(422).send(body);
    },
  );

  r.get('/api/imports', { schema: { tags, response: { 200: Type.Object({ items: Type.Array(ImportBatchSchema) }) } }, config: { policy: policy.permission('people.write') } }, async (request) => ({
    items: await listImportBatches(ctx(request)),
  }));

  r.get(
    '/api/imports/export.xlsx',
    { schema: { tags }, config: { policy: policy.permission('people.write'), rateLimit: { max: 30, timeWindow: 60_000 } } },
    async (request, reply) => {
      const out = await exportImportBatchesXlsx(ctx(request));
      return sendXlsx(reply, out.fileName, out.asciiName, out.buffer);
    },
  );

  r.get('/api/imports/:id', { schema: { tags, params: IdParamsSchema, response: { 200: ImportBatchSchema } }, config: { policy: policy.permission('people.write') } }, async (request) => {
    const c = ctx(request);
    const report = reports.get(request.params.id, c.actor.userId);
    if (report) return { id: report.id, kind: 'people', fileName: report.fileName, rowCount: 0, status: 'rejected', createdAt: report.createdAt.toISOString() };
    return getImportBatch(c, request.params.id);
  });

  r.get('/api/imports/:id/report', { schema: { tags, params: IdParamsSchema }, config: { policy: policy.permission('people.write') } }, async (request, reply) => {
    const c = ctx(request);
    const report = reports.get(request.params.id, c.actor.userId);
    if (!report) throw notFound({ zh: '错误报告（报告保留 1 小时）', en: 'error report (kept for one hour)' });
    const buffer = await writeErrorReport(report.errors, request.locale);
    return sendXlsx(reply, `导入错误报告-${today()}.xlsx`, `import-errors-${today()}.xlsx`, buffer);
  });

  r.get(
    '/api/people/export.xlsx',
    { schema: { tags: ['people'], querystring: ExportPeopleQuerySchema }, config: { policy: policy.permission('people.read'), rateLimit: { max: 30, timeWindow: 60_000 } } },
    async (request, reply) => {
      const c = ctx(request);
      const out = await exportPeopleXlsx(c, request.query);
      request.log.info({ event: 'people_exported', user: c.actor.userId, rows: out.rowCount }, 'people list exported');
      return sendXlsx(reply, out.fileName, `people-${today()}.xlsx`, out.buffer);
    },
  );
}
