/**
 * Working-day calendar routes (SPEC §2.3).
 *
 * - GET    /api/calendar/years                  years with counts and status (authenticated: every deadline uses it)
 * - GET    /api/calendar/years/:year            the year's holidays and make-up days
 * - PUT    /api/calendar/years/:year            {status, source} (calendar.manage)
 * - PUT    /api/calendar/days/:date             {kind, name} (calendar.manage)
 * - DELETE /api/calendar/days/:date             (calendar.manage)
 * - POST   /api/calendar/import                 multipart .xlsx, all-or-nothing, 422 with per-row errors
 * - GET    /api/calendar/working-days?from&days|to   addWorkingDays / workingDaysBetween (authenticated)
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  CalendarDateParamsSchema,
  CalendarDaySchema,
  CalendarImportRejectedSchema,
  CalendarImportResultSchema,
  CalendarYearDetailSchema,
  CalendarYearSchema,
  PutCalendarDaySchema,
  PutCalendarYearSchema,
  WorkingDaysQuerySchema,
  WorkingDaysResultSchema,
} from '../../../contracts/calendar.ts';
import { OkSchema } from '../../../contracts/common.ts';
import type { AppDeps } from '../deps.ts';
import { badRequest, fieldError, pickText } from '../errors.ts';
import { requireActor } from '../http.ts';
import { policy } from '../policy.ts';
import { deleteCalendarDay, getCalendarYear, importCalendar, listCalendarYears, loadWorkCalendar, putCalendarDay, putCalendarYear } from './calendar.service.ts';
import { addWorkingDays, isValidDate, workingDaysBetween } from './working-days.ts';
import { receiveXlsxUpload } from '../excel/xlsx-upload.ts';

const YearParams = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false });
const MAX_UPLOAD = 2 * 1024 * 1024;

const receiveXlsx = (request: FastifyRequest) => receiveXlsxUpload(request, { maxBytes: MAX_UPLOAD, defaultName: 'calendar.xlsx' });

export async function calendarRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD, files: 1, fields: 2, parts: 3 }, throwFileSizeLimit: true });
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['calendar'];
  const ctx = (request: FastifyRequest) => ({ ...deps, actor: requireActor(request) });

  r.get('/api/calendar/years', { schema: { tags, response: { 200: Type.Object({ items: Type.Array(CalendarYearSchema) }) } }, config: { policy: policy.authenticated() } }, async (request) => ({
    items: await listCalendarYears(ctx(request)),
  }));
  r.get('/api/calendar/years/:year', { schema: { tags, params: YearParams, response: { 200: CalendarYearDetailSchema } }, config: { policy: policy.authenticated() } }, async (request) =>
    getCalendarYear(ctx(request), request.params.year),
  );
  r.put('/api/calendar/years/:year', { schema: { tags, params: YearParams, body: PutCalendarYearSchema, response: { 200: CalendarYearSchema } }, config: { policy: policy.permission('calendar.manage') } }, async (request) =>
    putCalendarYear(ctx(request), request.params.year, request.body),
  );
  r.put('/api/calendar/days/:date', { schema: { tags, params: CalendarDateParamsSchema, body: PutCalendarDaySchema, response: { 200: CalendarDaySchema } }, config: { policy: policy.permission('calendar.manage') } }, async (request) =>
    putCalendarDay(ctx(request), request.params.date, request.body),
  );
  r.delete('/api/calendar/days/:date', { schema: { tags, params: CalendarDateParamsSchema, response: { 200: OkSchema } }, config: { policy: policy.permission('calendar.manage') } }, async (request) =>
    deleteCalendarDay(ctx(request), request.params.date),
  );
  r.post(
    '/api/calendar/import',
    { schema: { tags, consumes: ['multipart/form-data'], response: { 200: CalendarImportResultSchema, 422: CalendarImportRejectedSchema } }, config: { policy: policy.permission('calendar.manage'), rateLimit: { max: 30, timeWindow: 60_000 } } },
    async (request, reply) => {
      const outcome = await importCalendar(ctx(request), await receiveXlsx(request));
      if (outcome.ok) return { imported: outcome.imported, years: outcome.years };
      return reply.status(422).send({
        code: 'VALIDATION',
        message: pickText(outcome.message, request.locale),
        errors: outcome.errors.slice(0, 200).map((e) => ({ row: e.row, column: e.column, message: pickText(e.message, request.locale) })),
      });
    },
  );
  r.get('/api/calendar/working-days', { schema: { tags, querystring: WorkingDaysQuerySchema, response: { 200: WorkingDaysResultSchema } }, config: { policy: policy.authenticated() } }, async (request) => {
    const cal = await loadWorkCalendar(deps.db);
    const { from, days, to } = request.query;
    for (const [field, d] of [['from', from], ['to', to]] as const) if (d !== undefined && !isValidDate(d)) throw fieldError(field, `${d} 不是有效日期`, `${d} is not a valid date`);
    if (days === undefined && to === undefined) throw badRequest({ zh: '请给出 days（工作日数）或 to（截止日期）', en: 'Give days or to' });
    const date = days !== undefined ? addWorkingDays(from, days, cal) : null;
    const wd = to !== undefined ? workingDaysBetween(from, to, cal) : null;
    const yearsTouched = [from, date ?? to ?? from].map((d) => Number(d.slice(0, 4)));
    return { from, date, workingDays: wd, unconfirmed: yearsTouched.some((y) => cal.unconfirmedYears?.has(y) ?? false) };
  });
}
