/**
 * M3 1+(3+X) cluster service teams and poor households (SPEC §3 M3, issue 5 deliverable 7).
 *
 * - service_team: DRAFT (being formed, may be incomplete) → ACTIVE (composition checked) → DISSOLVED.
 * - team_member: history of memberships (to_date null = current). At most one current LEADER per team and one
 *   current membership per person and team are enforced by partial unique indexes; "exactly 1 + 3" is checked by
 *   the service on activation and on every change of an ACTIVE team.
 * - poor_household: one row per household (one per head). Its one active team is the single `team_id` column; a
 *   CHECK ties it to the status (IDENTIFIED has none, ASSISTED / EXIT_PROPOSED / EXIT_PUBLICIZED must have one).
 * - household_cause, assistance_plan + assistance_measure, assistance_visit + visit_member + visit_photo,
 *   household_objection (publicity feedback, content encrypted), household_event (status history).
 * - poverty_setting: the [CFG] values (notice days, visit frequency); poverty_member_type: the [INF] member types.
 *
 * person / org_unit / app_user are platform-core tables (earlier migration); references to them are foreign keys.
 * Frozen in time: Kysely<any> and the DDL helpers of db/dialect.ts only.
 */
import { sql, type Kysely } from 'kysely';
import { pathColumnType } from '../dialect.ts';

const NOW = '2026-11-26T13:30:00.000Z';

export async function up(db: Kysely<any>): Promise<void> {
  const pathType = pathColumnType(db);

  await db.schema
    .createTable('poverty_setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('poverty_setting')
    .values([
      { key: 'notice_days', value: 7, updated_at: NOW },
      { key: 'visit_every_months', value: 1, updated_at: NOW },
    ])
    .execute();

  await db.schema
    .createTable('poverty_member_type')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  const types: [string, string, string][] = [
    ['COUNTY_CADRE', '县直干部', 'county cadre'],
    ['TOWN_CADRE', '镇（街道）干部', 'town cadre'],
    ['VILLAGE_CADRE', '村（社区）干部', 'village cadre'],
    ['DOCTOR', '医生', 'doctor'],
    ['TEACHER', '教师', 'teacher'],
    ['AGRI_TECHNICIAN', '农技人员', 'agricultural technician'],
    ['VOLUNTEER', '志愿者', 'volunteer'],
    ['ENTERPRISE_REP', '企业代表', 'enterprise representative'],
    ['SOCIAL_ORG_REP', '社会组织代表', 'social organisation representative'],
  ];
  await db
    .insertInto('poverty_member_type')
    .values(types.map(([code, zh, en], i) => ({ code, name_zh: zh, name_en: en, sort_order: (i + 1) * 10, active: 1 })))
    .execute();

  await db.schema
    .createTable('service_team')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('village_org_unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('org_path', pathType, (c) => c.notNull())
    .addColumn('leader_person_id', 'text', (c) => c.references('person.id'))
    .addColumn('formed_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('DRAFT', 'ACTIVE', 'DISSOLVED')`))
    .addColumn('dissolved_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('service_team_path_idx').on('service_team').columns(['org_path', 'name']).execute();
  await db.schema.createIndex('service_team_village_idx').on('service_team').column('village_org_unit_id').execute();

  await db.schema
    .createTable('team_member')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('service_team.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('slot', 'text', (c) => c.notNull().check(sql`slot in ('LEADER', 'CORE', 'FLEX')`))
    .addColumn('member_type', 'text', (c) => c.notNull().references('poverty_member_type.code'))
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('to_date', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('team_member_one_leader').on('team_member').column('team_id').unique().where(sql.ref('slot'), '=', 'LEADER').where(sql.ref('to_date'), 'is', null).execute();
  await db.schema.createIndex('team_member_once').on('team_member').columns(['team_id', 'person_id']).unique().where(sql.ref('to_date'), 'is', null).execute();
  await db.schema.createIndex('team_member_person_idx').on('team_member').columns(['person_id', 'to_date']).execute();

  await db.schema
    .createTable('poor_household')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('head_person_id', 'text', (c) => c.notNull().unique().references('person.id'))
    .addColumn('village_org_unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('org_path', pathType, (c) => c.notNull())
    .addColumn('member_count', 'integer', (c) => c.notNull().check(sql`member_count between 1 and 30`))
    .addColumn('team_id', 'text', (c) => c.references('service_team.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('IDENTIFIED', 'ASSISTED', 'EXIT_PROPOSED', 'EXIT_PUBLICIZED', 'EXITED', 'RETURNED_TO_POVERTY')`))
    .addColumn('identified_year', 'integer', (c) => c.notNull())
    .addColumn('notice_start', 'text')
    .addColumn('notice_end', 'text')
    .addColumn('exited_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // the one active team: none while IDENTIFIED, exactly one (this column) while assisted or exiting
    .addCheckConstraint(
      'poor_household_active_team',
      sql`(status = 'IDENTIFIED' and team_id is null) or (status in ('ASSISTED', 'EXIT_PROPOSED', 'EXIT_PUBLICIZED') and team_id is not null) or status in ('EXITED', 'RETURNED_TO_POVERTY')`,
    )
    .execute();
  await db.schema.createIndex('poor_household_path_idx').on('poor_household').columns(['org_path', 'status']).execute();
  await db.schema.createIndex('poor_household_team_idx').on('poor_household').columns(['team_id', 'status']).execute();

  await db.schema
    .createTable('household_cause')
    .addColumn('household_id', 'text', (c) => c.notNull().references('poor_household.id'))
    .addColumn('cause', 'text', (c) => c.notNull().check(sql`cause in ('ILLNESS', 'DISABILITY', 'EDUCATION', 'LACK_OF_LABOUR', 'LACK_OF_SKILLS', 'DISASTER', 'OTHER')`))
    .addPrimaryKeyConstraint('household_cause_pk', ['household_id', 'cause'])
    .execute();

  await db.schema
    .createTable('assistance_plan')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull().references('poor_household.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('updated_by_user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('assistance_plan_year', ['household_id', 'year'])
    .execute();

  await db.schema
    .createTable('assistance_measure')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('assistance_plan.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('INDUSTRY', 'EMPLOYMENT', 'EDUCATION', 'HEALTH', 'HOUSING', 'SOCIAL_SECURITY', 'OTHER')`))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('funding_yuan', 'integer')
    .addColumn('owner_member_id', 'text', (c) => c.references('team_member.id'))
    .execute();
  await db.schema.createIndex('assistance_measure_plan_idx').on('assistance_measure').columns(['plan_id', 'seq']).execute();

  await db.schema
    .createTable('assistance_visit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('service_team.id'))
    .addColumn('household_id', 'text', (c) => c.notNull().references('poor_household.id'))
    .addColumn('org_path', pathType, (c) => c.notNull())
    .addColumn('visited_on', 'text', (c) => c.notNull())
    .addColumn('needs', 'text', (c) => c.notNull())
    .addColumn('actions_taken', 'text', (c) => c.notNull())
    .addColumn('logged_by_user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assistance_visit_household_idx').on('assistance_visit').columns(['household_id', 'visited_on']).execute();
  await db.schema.createIndex('assistance_visit_path_idx').on('assistance_visit').columns(['org_path', 'visited_on']).execute();

  await db.schema
    .createTable('visit_member')
    .addColumn('visit_id', 'text', (c) => c.notNull().references('assistance_visit.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addPrimaryKeyConstraint('visit_member_pk', ['visit_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('visit_photo')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('visit_id', 'text', (c) => c.notNull().references('assistance_visit.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull().check(sql`mime in ('image/jpeg', 'image/png')`))
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('visit_photo_once', ['visit_id', 'sha256'])
    .execute();
  await db.schema.createIndex('visit_photo_sha_idx').on('visit_photo').column('sha256').execute();

  await db.schema
    .createTable('household_objection')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull().references('poor_household.id'))
    .addColumn('received_on', 'text', (c) => c.notNull())
    /** AES-256-GCM envelope: objections may name the objector */
    .addColumn('content_enc', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('OPEN', 'UPHELD', 'DISMISSED')`))
    .addColumn('resolution_note', 'text')
    .addColumn('recorded_by_user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('resolved_by_user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('resolved_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('household_objection_household_idx').on('household_objection').column('household_id').execute();

  await db.schema
    .createTable('household_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull().references('poor_household.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.references('service_team.id'))
    .addColumn('note', 'text')
    .addColumn('actor_user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('household_event_household_idx').on('household_event').columns(['household_id', 'created_at']).execute();
  await db.schema.createIndex('household_event_to_idx').on('household_event').columns(['to_status', 'occurred_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'household_event', 'household_objection', 'visit_photo', 'visit_member', 'assistance_visit', 'assistance_measure', 'assistance_plan', 'household_cause',
    'poor_household', 'team_member', 'service_team', 'poverty_member_type', 'poverty_setting',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
