/**
 * M5 cadre big database and "three-fives" analysis (issue 4 deliverables 1 and 2): the evidence store, analysis
 * campaigns with their team, letters of inquiry, talk outlines, talks (five modes, ten configurable interviewee
 * levels, notes encrypted), field visits, document reviews and public tips.
 *
 * Other modules' tables are referenced by id columns WITHOUT foreign keys (person, org_unit, app_user), so parallel
 * migrations never depend on each other; the comment on each column names the table. JSON lists are text.
 * `org_path` on each row is the scope key (materialised path of the unit the row belongs to).
 *
 * `talk_level` holds the ten interviewee levels (SPEC M5 default list); editable, seeded here.
 *
 * Frozen in time: uses Kysely<any> and the DDL helpers of db/dialect.ts only, never app code.
 */
import { sql, type Kysely } from 'kysely';
import { pathColumnType } from '../dialect.ts';

const SOURCE_TYPES = [
  'PERFORMANCE_ASSESSMENT', 'DAILY_INSPECTION', 'AWARD', 'TALK', 'LETTER_REPLY', 'FIELD_VISIT', 'AUDIT_REPORT', 'PETITION', 'STUDY_EDUCATION', 'TRAINING',
  'ACCOUNTABILITY', 'TOLERANCE', 'CLEARANCE', 'REMINDER_TALK', 'PUBLIC_TIP',
];
const inList = (column: string, values: readonly string[]) => sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

const TALK_LEVELS: [string, string, string][] = [
  ['L01', '县级领导', 'County leaders'],
  ['L02', '乡镇（街道）党政正职', 'Town Party and government principals'],
  ['L03', '乡镇（街道）班子副职', 'Town deputy leaders'],
  ['L04', '县直部门负责人', 'County department heads'],
  ['L05', '乡镇站所（办）负责人', 'Town station and office heads'],
  ['L06', '村（社区）党组织书记', 'Village (community) Party secretaries'],
  ['L07', '村（居）委会主任', 'Village (residents\') committee chairs'],
  ['L08', '村民小组长', 'Villager group leaders'],
  ['L09', '党代表、人大代表', 'Party and People\'s Congress deputies'],
  ['L10', '老干部和群众代表', 'Retired cadres and citizen representatives'],
];

export async function up(db: Kysely<any>): Promise<void> {
  const pathType = pathColumnType(db);

  await db.schema
    .createTable('analysis_campaign')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    /** JSON array of org_unit ids (TOWN / STREET) */
    .addColumn('scope_town_ids', 'text', (c) => c.notNull())
    .addColumn('start_at', 'text', (c) => c.notNull())
    .addColumn('end_at', 'text', (c) => c.notNull())
    .addColumn('notice_published_at', 'text')
    .addColumn('notice_media', 'text')
    .addColumn('notice_text', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('PLANNING', 'COLLECTING', 'ANALYSING', 'CONCLUDED')`))
    /** org_unit.id of the unit running the campaign (the county); its path is org_path */
    .addColumn('owner_org_unit_id', 'text', (c) => c.notNull())
    .addColumn('org_path', pathType, (c) => c.notNull())
    /** app_user.id */
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('analysis_campaign_path_idx').on('analysis_campaign').columns(['org_path', 'start_at']).execute();

  await db.schema
    .createTable('analysis_campaign_member')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('analysis_campaign.id'))
    /** app_user.id (null for a member without an account) */
    .addColumn('user_id', 'text')
    /** person.id */
    .addColumn('person_id', 'text')
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('team_role', 'text', (c) => c.notNull().check(sql`team_role in ('LEAD', 'MEMBER')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('analysis_member_user_uq').on('analysis_campaign_member').columns(['campaign_id', 'user_id']).unique().execute();

  await db.schema
    .createTable('evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    /** person.id of the cadre (null for team evidence) */
    .addColumn('cadre_person_id', 'text')
    /** org_unit.id of the leadership team's unit (null for a cadre's evidence) */
    .addColumn('team_org_unit_id', 'text')
    .addColumn('campaign_id', 'text', (c) => c.references('analysis_campaign.id'))
    .addColumn('source_type', 'text', (c) => c.notNull().check(inList('source_type', SOURCE_TYPES)))
    /** id of the record in its own module's table (letter_inquiry, talk, an award, …) */
    .addColumn('source_ref_id', 'text')
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('polarity', 'text', (c) => c.notNull().check(sql`polarity in ('POSITIVE', 'NEUTRAL', 'NEGATIVE')`))
    .addColumn('classification', 'text', (c) => c.notNull().check(sql`classification in ('NORMAL', 'CONFIDENTIAL')`))
    /** JSON array of SHA-256 hex digests of the attached files */
    .addColumn('attachment_hashes', 'text', (c) => c.notNull())
    /** org_unit.id of the unit that supplied the evidence */
    .addColumn('source_unit_id', 'text')
    /** PERFORMANCE_ASSESSMENT: the annual grade (year in `date`) */
    .addColumn('grade', 'text', (c) => c.check(sql`grade is null or grade in ('EXCELLENT', 'COMPETENT', 'BASICALLY_COMPETENT', 'INCOMPETENT')`))
    /** ACCOUNTABILITY: the accountability effect is in force until this date (inclusive) */
    .addColumn('effect_until', 'text')
    .addColumn('org_path', pathType, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evidence_path_idx').on('evidence').columns(['org_path', 'date']).execute();
  await db.schema.createIndex('evidence_cadre_idx').on('evidence').columns(['cadre_person_id', 'source_type', 'date']).execute();
  await db.schema.createIndex('evidence_team_idx').on('evidence').columns(['team_org_unit_id', 'date']).execute();
  await db.schema.createIndex('evidence_campaign_idx').on('evidence').column('campaign_id').execute();

  await db.schema
    .createTable('letter_inquiry')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('analysis_campaign.id'))
    /** org_unit.id of the recipient */
    .addColumn('to_org_unit_id', 'text', (c) => c.notNull())
    .addColumn('org_path', pathType, (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('replied_at', 'text')
    .addColumn('reply_text', 'text')
    .addColumn('reply_attachment_hashes', 'text', (c) => c.notNull())
    /** set when the cadre section records a letter as overdue (only after due_at) */
    .addColumn('overdue_marked_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('letter_campaign_idx').on('letter_inquiry').columns(['campaign_id', 'due_at']).execute();

  await db.schema
    .createTable('talk_level')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .execute();
  await db
    .insertInto('talk_level')
    .values(TALK_LEVELS.map(([code, zh, en], i) => ({ code, name_zh: zh, name_en: en, sort_order: i + 1, active: 1 })))
    .execute();

  await db.schema
    .createTable('talk_outline')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('analysis_campaign.id'))
    /** person.id */
    .addColumn('interviewee_person_id', 'text', (c) => c.notNull())
    /** JSON array of question strings */
    .addColumn('questions', 'text', (c) => c.notNull())
    .addColumn('org_path', pathType, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('talk_outline_uq').on('talk_outline').columns(['campaign_id', 'interviewee_person_id']).unique().execute();

  await db.schema
    .createTable('talk')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.references('analysis_campaign.id'))
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('OUTLINE', 'CASUAL', 'FULL_COVERAGE', 'INDIVIDUAL_INTERVIEW', 'FIELD_VISIT')`))
    /** person.id */
    .addColumn('interviewee_person_id', 'text', (c) => c.notNull())
    /** talk_level.code */
    .addColumn('interviewee_level', 'text', (c) => c.notNull())
    /** JSON arrays: person ids of the cadres talked about; org_unit ids of the teams talked about */
    .addColumn('subject_cadre_ids', 'text', (c) => c.notNull())
    .addColumn('subject_team_org_unit_ids', 'text', (c) => c.notNull())
    .addColumn('outline_id', 'text', (c) => c.references('talk_outline.id'))
    /** JSON array of person ids (≥ 2) */
    .addColumn('interviewer_person_ids', 'text', (c) => c.notNull())
    .addColumn('held_at', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    /** AES-256-GCM envelope (CONFIDENTIAL) */
    .addColumn('notes_enc', 'text', (c) => c.notNull())
    /** AES-256-GCM envelope of a JSON array of strings (CONFIDENTIAL) */
    .addColumn('key_findings_enc', 'text', (c) => c.notNull())
    .addColumn('classification', 'text', (c) => c.notNull().check(sql`classification = 'CONFIDENTIAL'`))
    .addColumn('org_path', pathType, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('talk_campaign_idx').on('talk').columns(['campaign_id', 'interviewee_level']).execute();
  await db.schema.createIndex('talk_interviewee_idx').on('talk').columns(['interviewee_person_id', 'campaign_id']).execute();

  await db.schema
    .createTable('field_visit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('analysis_campaign.id'))
    /** org_unit.id (VILLAGE / COMMUNITY) */
    .addColumn('village_org_unit_id', 'text', (c) => c.notNull())
    .addColumn('org_path', pathType, (c) => c.notNull())
    .addColumn('visited_at', 'text', (c) => c.notNull())
    /** JSON array of person ids */
    .addColumn('visitor_person_ids', 'text', (c) => c.notNull())
    .addColumn('village_cadres_met_count', 'integer', (c) => c.notNull())
    /** JSON array of person ids of the village and group cadres met */
    .addColumn('village_cadre_ids', 'text', (c) => c.notNull())
    /** AES-256-GCM envelope */
    .addColumn('notes_enc', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('field_visit_campaign_idx').on('field_visit').columns(['campaign_id', 'visited_at']).execute();

  await db.schema
    .createTable('document_review')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('analysis_campaign.id'))
    .addColumn('doc_type', 'text', (c) => c.notNull().check(sql`doc_type in ('ECONOMIC_AUDIT', 'PETITION', 'STUDY_EDUCATION', 'OTHER')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    /** org_unit.id / person.id the document is about */
    .addColumn('subject_org_unit_id', 'text')
    .addColumn('subject_cadre_id', 'text')
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', 'text', (c) => c.notNull())
    .addColumn('org_path', pathType, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('document_review_campaign_idx').on('document_review').columns(['campaign_id', 'reviewed_at']).execute();

  await db.schema
    .createTable('public_tip')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('analysis_campaign.id'))
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('LETTER', 'PHONE', 'EMAIL', 'WECHAT', 'VISIT', 'ONLINE')`))
    .addColumn('real_name', 'integer', (c) => c.notNull())
    /** AES-256-GCM envelopes (CONFIDENTIAL): the reporter's name (real-name tips only) and the content */
    .addColumn('reporter_name_enc', 'text')
    .addColumn('content_enc', 'text', (c) => c.notNull())
    .addColumn('routed_to', 'text', (c) => c.notNull().check(sql`routed_to in ('ORG_DEPT', 'DISCIPLINE')`))
    /** person.id of the cadre the tip is about, if named */
    .addColumn('subject_cadre_id', 'text')
    .addColumn('org_path', pathType, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('public_tip_campaign_idx').on('public_tip').columns(['campaign_id', 'received_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['public_tip', 'document_review', 'field_visit', 'talk', 'talk_outline', 'talk_level', 'letter_inquiry', 'evidence', 'analysis_campaign_member', 'analysis_campaign']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
