/** The working-day calendar (SPEC §2.3): statutory holidays and make-up working days, edited by SYS_ADMIN. */
import { Type, type Static } from 'typebox';
import { DateSchema, StringEnum } from './common.ts';

export const CALENDAR_DAY_KINDS = ['HOLIDAY', 'MAKEUP_WORKDAY'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];
export const CALENDAR_YEAR_STATUSES = ['CONFIRMED', 'UNCONFIRMED'] as const;
export type CalendarYearStatus = (typeof CALENDAR_YEAR_STATUSES)[number];

export const CalendarDaySchema = Type.Object({ date: Type.String(), kind: StringEnum(CALENDAR_DAY_KINDS), name: Type.String(), updatedAt: Type.String() });
export type CalendarDay = Static<typeof CalendarDaySchema>;

export const CalendarYearSchema = Type.Object({
  year: Type.Integer(),
  status: StringEnum(CALENDAR_YEAR_STATUSES),
  source: Type.String(),
  holidays: Type.Integer(),
  makeupWorkdays: Type.Integer(),
  workingDays: Type.Integer(),
});
export type CalendarYear = Static<typeof CalendarYearSchema>;

export const CalendarYearQuerySchema = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false });
export const CalendarYearDetailSchema = Type.Object({ year: CalendarYearSchema, days: Type.Array(CalendarDaySchema) });
export type CalendarYearDetail = Static<typeof CalendarYearDetailSchema>;

export const CalendarDateParamsSchema = Type.Object({ date: DateSchema }, { additionalProperties: false });
export const PutCalendarDaySchema = Type.Object({ kind: StringEnum(CALENDAR_DAY_KINDS), name: Type.String({ minLength: 1, maxLength: 50 }) }, { additionalProperties: false });
export type PutCalendarDay = Static<typeof PutCalendarDaySchema>;
export const PutCalendarYearSchema = Type.Object({ status: StringEnum(CALENDAR_YEAR_STATUSES), source: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
export type PutCalendarYear = Static<typeof PutCalendarYearSchema>;

export const WorkingDaysQuerySchema = Type.Object({ from: DateSchema, days: Type.Optional(Type.Integer({ minimum: -400, maximum: 400 })), to: Type.Optional(DateSchema) }, { additionalProperties: false });
export const WorkingDaysResultSchema = Type.Object({ from: Type.String(), date: Type.Union([Type.String(), Type.Null()]), workingDays: Type.Union([Type.Integer(), Type.Null()]), unconfirmed: Type.Boolean() });

export const CalendarImportResultSchema = Type.Object({ imported: Type.Integer(), years: Type.Array(Type.Integer()) });
export const CalendarImportRejectedSchema = Type.Object({
  code: Type.String(),
  message: Type.String(),
  errors: Type.Array(Type.Object({ row: Type.Integer(), column: Type.String(), message: Type.String() })),
});
