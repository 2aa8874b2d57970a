/**
 * The working-day calendar (SPEC §2.3) and the O2O citizen service (SPEC §3 M2, issue 5).
 *
 * - calendar_day / calendar_year: statutory holidays and make-up working days (调休) per the State Council's yearly
 *   notices (国务院办公厅关于 YYYY 年部分节假日安排的通知), seeded here for 2016-2027. 2027 is not yet published:
 *   only the statutory days are seeded and the year is marked UNCONFIRMED.
 * - o2o_sla_rule, o2o_reply_template: configurable catalogues with their defaults.
 * - citizen_matter, matter_event, matter_photo, o2o_notice, o2o_code_counter: the tickets, their history, photos,
 *   supervision notices (督办) and the per-year code counter (CSX-2016-000123).
 * - o2o_rollup: dashboard counts per day × village × category × metric bucket, kept in the transaction of every
 *   transition so the dashboard never scans the matters.
 * - open311_client: Open311 API keys (SHA-256 of the key only).
 *
 * Other modules' tables are referenced by id columns WITHOUT foreign keys (org_unit, app_user, person), so this
 * migration never depends on a parallel one. Frozen in time: Kysely<any> and db/dialect.ts helpers only.
 */
import { sql, type Kysely } from 'kysely';
import { pathColumnType } from '../dialect.ts';

type Span = [from: string, to: string, name: string];
type YearSchedule = { year: number; confirmed: boolean; holidays: Span[]; makeup: [date: string, name: string][] };

// Frozen copy of the notices. Ranges are the announced 放假 ranges (weekends inside a range count as holidays,
// which changes no working-day arithmetic).
const SCHEDULES: YearSchedule[] = [
  { year: 2016, confirmed: true, holidays: [['2016-01-01', '2016-01-03', '元旦'], ['2016-02-07', '2016-02-13', '春节'], ['2016-04-02', '2016-04-04', '清明节'], ['2016-04-30', '2016-05-02', '劳动节'], ['2016-06-09', '2016-06-11', '端午节'], ['2016-09-15', '2016-09-17', '中秋节'], ['2016-10-01', '2016-10-07', '国庆节']],
    makeup: [['2016-02-06', '春节'], ['2016-02-14', '春节'], ['2016-06-12', '端午节'], ['2016-09-18', '中秋节'], ['2016-10-08', '国庆节'], ['2016-10-09', '国庆节']] },
  { year: 2017, confirmed: true, holidays: [['2016-12-31', '2017-01-02', '元旦'], ['2017-01-27', '2017-02-02', '春节'], ['2017-04-02', '2017-04-04', '清明节'], ['2017-04-29', '2017-05-01', '劳动节'], ['2017-05-28', '2017-05-30', '端午节'], ['2017-10-01', '2017-10-08', '国庆节、中秋节']],
    makeup: [['2017-01-22', '春节'], ['2017-02-04', '春节'], ['2017-04-01', '清明节'], ['2017-05-27', '端午节'], ['2017-09-30', '国庆节、中秋节']] },
  { year: 2018, confirmed: true, holidays: [['2017-12-30', '2018-01-01', '元旦'], ['2018-02-15', '2018-02-21', '春节'], ['2018-04-05', '2018-04-07', '清明节'], ['2018-04-29', '2018-05-01', '劳动节'], ['2018-06-16', '2018-06-18', '端午节'], ['2018-09-22', '2018-09-24', '中秋节'], ['2018-10-01', '2018-10-07', '国庆节']],
    makeup: [['2018-02-11', '春节'], ['2018-02-24', '春节'], ['2018-04-08', '清明节'], ['2018-04-28', '劳动节'], ['2018-09-29', '国庆节'], ['2018-09-30', '国庆节']] },
  { year: 2019, confirmed: true, holidays: [['2018-12-30', '2019-01-01', '元旦'], ['2019-02-04', '2019-02-10', '春节'], ['2019-04-05', '2019-04-07', '清明节'], ['2019-05-01', '2019-05-04', '劳动节'], ['2019-06-07', '2019-06-09', '端午节'], ['2019-09-13', '2019-09-15', '中秋节'], ['2019-10-01', '2019-10-07', '国庆节']],
    makeup: [['2018-12-29', '元旦'], ['2019-02-02', '春节'], ['2019-02-03', '春节'], ['2019-04-28', '劳动节'], ['2019-05-05', '劳动节'], ['2019-09-29', '国庆节'], ['2019-10-12', '国庆节']] },
  // 春节 2020: extended to 2 February by 国办发明电〔2020〕1号 (the 1 February make-up day was thereby cancelled).
  { year: 2020, confirmed: true, holidays: [['2020-01-01', '2020-01-01', '元旦'], ['2020-01-24', '2020-02-02', '春节（延长）'], ['2020-04-04', '2020-04-06', '清明节'], ['2020-05-01', '2020-05-05', '劳动节'], ['2020-06-25', '2020-06-27', '端午节'], ['2020-10-01', '2020-10-08', '国庆节、中秋节']],
    makeup: [['2020-01-19', '春节'], ['2020-04-26', '劳动节'], ['2020-05-09', '劳动节'], ['2020-06-28', '端午节'], ['2020-09-27', '国庆节、中秋节'], ['2020-10-10', '国庆节、中秋节']] },
  { year: 2021, confirmed: true, holidays: [['2021-01-01', '2021-01-03', '元旦'], ['2021-02-11', '2021-02-17', '春节'], ['2021-04-03', '2021-04-05', '清明节'], ['2021-05-01', '2021-05-05', '劳动节'], ['2021-06-12', '2021-06-14', '端午节'], ['2021-09-19', '2021-09-21', '中秋节'], ['2021-10-01', '2021-10-07', '国庆节']],
    makeup: [['2021-02-07', '春节'], ['2021-02-20', '春节'], ['2021-04-25', '劳动节'], ['2021-05-08', '劳动节'], ['2021-09-18', '中秋节'], ['2021-09-26', '国庆节'], ['2021-10-09', '国庆节']] },
  { year: 2022, confirmed: true, holidays: [['2022-01-01', '2022-01-03', '元旦'], ['2022-01-31', '2022-02-06', '春节'], ['2022-04-03', '2022-04-05', '清明节'], ['2022-04-30', '2022-05-04', '劳动节'], ['2022-06-03', '2022-06-05', '端午节'], ['2022-09-10', '2022-09-12', '中秋节'], ['2022-10-01', '2022-10-07', '国庆节']],
    makeup: [['2022-01-29', '春节'], ['2022-01-30', '春节'], ['2022-04-02', '清明节'], ['2022-04-24', '劳动节'], ['2022-05-07', '劳动节'], ['2022-10-08', '国庆节'], ['2022-10-09', '国庆节']] },
  { year: 2023, confirmed: true, holidays: [['2022-12-31', '2023-01-02', '元旦'], ['2023-01-21', '2023-01-27', '春节'], ['2023-04-05', '2023-04-05', '清明节'], ['2023-04-29', '2023-05-03', '劳动节'], ['2023-06-22', '2023-06-24', '端午节'], ['2023-09-29', '2023-10-06', '中秋节、国庆节']],
    makeup: [['2023-01-28', '春节'], ['2023-01-29', '春节'], ['2023-04-23', '劳动节'], ['2023-05-06', '劳动节'], ['2023-06-25', '端午节'], ['2023-10-07', '中秋节、国庆节'], ['2023-10-08', '中秋节、国庆节']] },
  { year: 2024, confirmed: true, holidays: [['2024-01-01', '2024-01-01', '元旦'], ['2024-02-10', '2024-02-17', '春节'], ['2024-04-04', '2024-04-06', '清明节'], ['2024-05-01', '2024-05-05', '劳动节'], ['2024-06-08', '2024-06-10', '端午节'], ['2024-09-15', '2024-09-17', '中秋节'], ['2024-10-01', '2024-10-07', '国庆节']],
    makeup: [['2024-02-04', '春节'], ['2024-02-18', '春节'], ['2024-04-07', '清明节'], ['2024-04-28', '劳动节'], ['2024-05-11', '劳动节'], ['2024-09-14', '中秋节'], ['2024-09-29', '国庆节'], ['2024-10-12', '国庆节']] },
  { year: 2025, confirmed: true, holidays: [['2025-01-01', '2025-01-01', '元旦'], ['2025-01-28', '2025-02-04', '春节'], ['2025-04-04', '2025-04-06', '清明节'], ['2025-05-01', '2025-05-05', '劳动节'], ['2025-05-31', '2025-06-02', '端午节'], ['2025-10-01', '2025-10-08', '国庆节、中秋节']],
    makeup: [['2025-01-26', '春节'], ['2025-02-08', '春节'], ['2025-04-27', '劳动节'], ['2025-09-28', '国庆节、中秋节'], ['2025-10-11', '国庆节、中秋节']] },
  // 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04).
  { year: 2026, confirmed: true, holidays: [['2026-01-01', '2026-01-03', '元旦'], ['2026-02-15', '2026-02-23', '春节'], ['2026-04-04', '2026-04-06', '清明节'], ['2026-05-01', '2026-05-05', '劳动节'], ['2026-06-19', '2026-06-21', '端午节'], ['2026-09-25', '2026-09-27', '中秋节'], ['2026-10-01', '2026-10-07', '国庆节']],
    makeup: [['2026-01-04', '元旦'], ['2026-02-14', '春节'], ['2026-02-28', '春节'], ['2026-05-09', '劳动节'], ['2026-09-20', '国庆节'], ['2026-10-10', '国庆节']] },
  // 2027: the notice was not available when this was written. Statutory days only (全国年节及纪念日放假办法, 2025
  // revision: 春节 = 除夕 to 初三, 劳动节 two days); no make-up days. Marked UNCONFIRMED until an administrator edits it.
  { year: 2027, confirmed: false, holidays: [['2027-01-01', '2027-01-01', '元旦'], ['2027-02-05', '2027-02-08', '春节'], ['2027-04-05', '2027-04-05', '清明节'], ['2027-05-01', '2027-05-02', '劳动节'], ['2027-06-09', '2027-06-09', '端午节'], ['2027-09-15', '2027-09-15', '中秋节'], ['2027-10-01', '2027-10-03', '国庆节']],
    makeup: [] },
];

function eachDate(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

const SEEDED_AT = '2026-11-26T13:00:00.000Z';

export async function up(db: Kysely<any>): Promise<void> {
  const pathType = pathColumnType(db);

  // ---- working-day calendar ----
  await db.schema
    .createTable('calendar_day')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('HOLIDAY', 'MAKEUP_WORKDAY')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text') // app_user.id, no FK
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('calendar_year')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('CONFIRMED', 'UNCONFIRMED')`))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  const dayRows: { date: string; kind: string; name: string; updated_by: null; updated_at: string }[] = [];
  for (const s of SCHEDULES) {
    for (const [from, to, name] of s.holidays) for (const date of eachDate(from, to)) dayRows.push({ date, kind: 'HOLIDAY', name, updated_by: null, updated_at: SEEDED_AT });
    for (const [date, name] of s.makeup) dayRows.push({ date, kind: 'MAKEUP_WORKDAY', name: `${name}调休上班`, updated_by: null, updated_at: SEEDED_AT });
  }
  for (let i = 0; i < dayRows.length; i += 100) await db.insertInto('calendar_day').values(dayRows.slice(i, i + 100)).execute();
  await db
    .insertInto('calendar_year')
    .values(SCHEDULES.map((s) => ({ year: s.year, status: s.confirmed ? 'CONFIRMED' : 'UNCONFIRMED', source: s.confirmed ? `国务院办公厅关于${s.year}年部分节假日安排的通知` : '法定节日（通知未发布，待确认）', updated_at: SEEDED_AT })))
    .execute();

  // ---- O2O catalogues ----
  await db.schema
    .createTable('o2o_sla_rule')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('urgency', 'text', (c) => c.notNull().check(sql`urgency in ('URGENT', 'NORMAL', 'COMPLEX')`))
    // '*' = any category
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('respond_hours', 'integer', (c) => c.notNull())
    // 0 = the same day
    .addColumn('handle_working_days', 'integer', (c) => c.notNull())
    .addColumn('extension_working_days', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('o2o_sla_rule_key', ['urgency', 'category'])
    .execute();
  // SPEC M2 SLA defaults (local 12345 hotline rules).
  const sla: [string, string, number, number, number][] = [
    ['URGENT', '*', 2, 0, 1],
    ['NORMAL', 'CONSULT', 24, 3, 3],
    ['NORMAL', 'HELP', 24, 3, 3],
    ['NORMAL', 'COMPLAINT', 24, 10, 5],
    ['NORMAL', 'SUGGESTION', 24, 10, 5],
    ['NORMAL', '*', 24, 10, 5],
    ['COMPLEX', '*', 24, 15, 15],
  ];
  await db
    .insertInto('o2o_sla_rule')
    .values(sla.map(([urgency, category, respond, handle, ext]) => ({ id: `sla-${urgency}-${category === '*' ? 'ANY' : category}`, urgency, category, respond_hours: respond, handle_working_days: handle, extension_working_days: ext, updated_at: SEEDED_AT })))
    .execute();

  await db.schema
    .createTable('o2o_reply_template')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull()) // '*' = any
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  const templates: [string, string, string, string][] = [
    ['SUBMITTED', '*', '已收到', '您反映的事项已收到（编号 {code}），我们将在规定时限内受理。'],
    ['ACCEPTED', '*', '已受理', '您反映的事项已受理（编号 {code}），预计办结日期 {dueDate}。'],
    ['REJECTED', '*', '不予受理', '您反映的事项不属于本平台受理范围：{reason}。如有需要，请通过相应法定渠道反映。'],
    ['ANSWERED_ON_SPOT', 'CONSULT', '当场答复', '关于您咨询的问题，答复如下：{text}'],
    ['DISPATCHED', '*', '已转办', '您反映的事项已转交 {unit} 办理，预计办结日期 {dueDate}。'],
    ['EXTENSION_REQUESTED', '*', '延期说明', '因情况复杂，您反映的事项办理期限延长至 {dueDate}，敬请谅解。'],
    ['REPLIED', '*', '办理答复', '您反映的事项已办理：{text}。如对办理结果不满意，可通过查询页面评价。'],
    ['REPLIED', 'HELP', '帮扶答复', '您申请帮扶的事项已落实：{text}。'],
    ['CLOSED', '*', '办结', '您反映的事项已办结，感谢您的监督。'],
    ['REOPENED', '*', '重新办理', '根据您的评价，该事项已重新交办，我们会尽快再次答复。'],
  ];
  await db
    .insertInto('o2o_reply_template')
    .values(templates.map(([status, category, title, body], i) => ({ id: `tpl-${String(i + 1).padStart(2, '0')}`, status, category, title, body, active: 1, sort_order: i, updated_at: SEEDED_AT })))
    .execute();

  // ---- matters ----
  await db.schema
    .createTable('o2o_code_counter')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('citizen_matter')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    // HMAC (blind index) of the secret check code given to the requester; never the code itself
    .addColumn('check_hash', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('WECHAT_GROUP', 'OFFLINE_VISIT', 'PHONE', 'H5_FORM', 'OPEN311')`))
    .addColumn('source_group_id', 'text')
    .addColumn('open311_client_id', 'text')
    .addColumn('requester_key', 'text')
    .addColumn('requester_person_id', 'text') // person.id, no FK
    .addColumn('requester_name_enc', 'text')
    .addColumn('requester_name_masked', 'text')
    .addColumn('requester_phone_enc', 'text')
    .addColumn('requester_phone_masked', 'text')
    .addColumn('anonymous', 'integer', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull().check(sql`category in ('CONSULT', 'HELP', 'COMPLAINT', 'SUGGESTION', 'REPORT')`))
    .addColumn('urgency', 'text', (c) => c.notNull().check(sql`urgency in ('URGENT', 'NORMAL', 'COMPLEX')`))
    .addColumn('names_cadre', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('location_org_unit_id', 'text', (c) => c.notNull()) // org_unit.id (village or town), no FK
    .addColumn('location_path', pathType, (c) => c.notNull())
    .addColumn('town_org_unit_id', 'text', (c) => c.notNull())
    .addColumn('current_level', 'text', (c) => c.notNull().check(sql`current_level in ('VILLAGE', 'TOWN', 'COUNTY')`))
    // the unit whose office holds the matter at its current level (village, town or county)
    .addColumn('level_org_unit_id', 'text', (c) => c.notNull())
    .addColumn('level_path', pathType, (c) => c.notNull())
    .addColumn('assigned_org_unit_id', 'text')
    .addColumn('assigned_path', pathType)
    .addColumn('assignee_user_id', 'text')
    .addColumn('accepted_by_user_id', 'text')
    .addColumn('dispatched_by_user_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('received_day', 'text', (c) => c.notNull())
    .addColumn('respond_by', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('due_at', 'text')
    .addColumn('first_reply_at', 'text')
    .addColumn('replied_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('resolution_text', 'text')
    .addColumn('reject_reason', 'text')
    .addColumn('public_reply', 'text')
    .addColumn('satisfaction', 'text', (c) => c.check(sql`satisfaction in ('SATISFIED', 'BASIC', 'DISSATISFIED')`))
    .addColumn('citizen_satisfaction', 'text', (c) => c.check(sql`citizen_satisfaction in ('SATISFIED', 'BASIC', 'DISSATISFIED')`))
    .addColumn('citizen_comment', 'text')
    .addColumn('revisit_at', 'text')
    .addColumn('extension_count', 'integer', (c) => c.notNull())
    .addColumn('overdue', 'integer', (c) => c.notNull())
    .addColumn('overdue_count', 'integer', (c) => c.notNull())
    .addColumn('was_overdue', 'integer', (c) => c.notNull())
    .addColumn('supervised', 'integer', (c) => c.notNull())
    .addColumn('escalation_count', 'integer', (c) => c.notNull())
    .addColumn('return_count', 'integer', (c) => c.notNull())
    .addColumn('reopen_count', 'integer', (c) => c.notNull())
    .addColumn('m10_candidate', 'integer', (c) => c.notNull())
    .addColumn('routed_to', 'text')
    .addColumn('created_by_user_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('citizen_matter_location_idx').on('citizen_matter').columns(['location_path', 'status']).execute();
  await db.schema.createIndex('citizen_matter_level_idx').on('citizen_matter').columns(['level_path', 'status']).execute();
  await db.schema.createIndex('citizen_matter_assigned_idx').on('citizen_matter').columns(['assigned_path', 'status']).execute();
  await db.schema.createIndex('citizen_matter_due_idx').on('citizen_matter').columns(['status', 'due_at']).execute();
  await db.schema.createIndex('citizen_matter_overdue_idx').on('citizen_matter').columns(['overdue', 'location_path']).execute();
  await db.schema.createIndex('citizen_matter_received_idx').on('citizen_matter').columns(['received_at']).execute();

  await db.schema
    .createTable('matter_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('matter_id', 'text', (c) => c.notNull().references('citizen_matter.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_role', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    // shown to the requester on the tracking page (never names, never PII)
    .addColumn('public_note', 'text')
    .execute();
  await db.schema.createIndex('matter_event_matter_idx').on('matter_event').columns(['matter_id', 'at']).execute();

  await db.schema
    .createTable('matter_photo')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('matter_id', 'text', (c) => c.notNull().references('citizen_matter.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull().check(sql`mime in ('image/jpeg', 'image/png')`))
    .addColumn('size', 'integer', (c) => c.notNull())
    // base64 of the image with its EXIF / text chunks removed (identical text storage on both databases)
    .addColumn('data_base64', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('matter_photo_matter_idx').on('matter_photo').column('matter_id').execute();

  await db.schema
    .createTable('o2o_notice')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('matter_id', 'text', (c) => c.notNull().references('citizen_matter.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('SUPERVISION', 'ESCALATION', 'M10_CANDIDATE')`))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('to_org_unit_id', 'text', (c) => c.notNull())
    .addColumn('to_path', pathType, (c) => c.notNull())
    .addColumn('leader_person_id', 'text') // person.id of the unit's principal leader, no FK
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'text')
    .execute();
  await db.schema.createIndex('o2o_notice_to_idx').on('o2o_notice').columns(['to_path', 'created_at']).execute();
  await db.schema.createIndex('o2o_notice_matter_idx').on('o2o_notice').column('matter_id').execute();

  await db.schema
    .createTable('o2o_rollup')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('town_org_unit_id', 'text', (c) => c.notNull())
    .addColumn('village_org_unit_id', 'text', (c) => c.notNull())
    // the location unit's path, for the scope filter (a village, or the town for town-level matters)
    .addColumn('village_path', pathType, (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    // STATUS (bucket = status, day = received day), CLOSED_DAYS (bucket = working days to close, day = closed day),
    // ON_TIME / LATE (bucket = '-', day = closed day), SATISFACTION (bucket = value, day = revisit day), ACCEPT_HOURS
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('o2o_rollup_pk', ['metric', 'day', 'village_org_unit_id', 'category', 'bucket'])
    .execute();
  await db.schema.createIndex('o2o_rollup_scope_idx').on('o2o_rollup').columns(['metric', 'village_path', 'day']).execute();

  await db.schema
    .createTable('open311_client')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key_prefix', 'text', (c) => c.notNull())
    .addColumn('key_sha256', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['open311_client', 'o2o_rollup', 'o2o_notice', 'matter_photo', 'matter_event', 'citizen_matter', 'o2o_code_counter', 'o2o_reply_template', 'o2o_sla_rule', 'calendar_year', 'calendar_day']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
