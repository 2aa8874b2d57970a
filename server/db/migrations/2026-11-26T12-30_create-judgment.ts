/**
 * Five-category judgments (五类研判, SPEC §3 M5), the evidence they rest on, the configurable target structure of
 * town leadership teams (班子结构目标) and what-if scenarios of proposed moves (issue 4 deliverables 4 and 5).
 *
 * Other modules' tables are referenced by id columns without foreign keys (`analysis_campaign`, `evidence` belong
 * to the analysis module, built in parallel), so the migrations never depend on each other's order.
 * At most one ENDORSED judgment per cadre: a partial unique index (SQLite and PostgreSQL both support it), so a
 * newer endorsement must supersede the older one in the same transaction.
 *
 * Frozen in time: uses Kysely<any> and the DDL helpers of db/dialect.ts only, never app code.
 */
import { sql, type Kysely } from 'kysely';
import { pathColumnType } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const pathType = pathColumnType(db);
  await db.schema
    .createTable('five_category_judgment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cadre_person_id', 'text', (c) => c.notNull().references('person.id'))
    // analysis_campaign.id (analysis module; no foreign key)
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull().check(sql`category in ('PROMOTE', 'EXCHANGE', 'RETAIN', 'DEVELOP', 'ADJUST')`))
    .addColumn('destination_org_unit_id', 'text', (c) => c.references('org_unit.id'))
    .addColumn('rationale', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('DRAFT', 'PROPOSED', 'ENDORSED', 'SUPERSEDED')`))
    .addColumn('created_by_user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('proposed_by_user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('proposed_at', 'text')
    .addColumn('endorsed_by_user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('endorsed_at', 'text')
    .addColumn('meeting_date', 'text')
    .addColumn('meeting_ref', 'text')
    .addColumn('returned_note', 'text')
    .addColumn('superseded_by_id', 'text')
    .addColumn('superseded_at', 'text')
    .addColumn('org_path', pathType, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('judgment_org_path_idx').on('five_category_judgment').columns(['org_path', 'created_at']).execute();
  await db.schema.createIndex('judgment_campaign_idx').on('five_category_judgment').columns(['campaign_id', 'status', 'category']).execute();
  await db.schema.createIndex('judgment_cadre_idx').on('five_category_judgment').columns(['cadre_person_id', 'status']).execute();
  await db.schema.createIndex('judgment_one_endorsed_uq').on('five_category_judgment').column('cadre_person_id').unique().where(sql.ref('status'), '=', 'ENDORSED').execute();

  await db.schema
    .createTable('judgment_evidence')
    .addColumn('judgment_id', 'text', (c) => c.notNull().references('five_category_judgment.id'))
    // evidence.id (analysis module; no foreign key)
    .addColumn('evidence_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('judgment_evidence_pk', ['judgment_id', 'evidence_id'])
    .execute();
  await db.schema.createIndex('judgment_evidence_evidence_idx').on('judgment_evidence').column('evidence_id').execute();

  // Overrides of the built-in targets (server/modules/judgment/team-structure.ts): one row per town type and metric.
  await db.schema
    .createTable('team_target')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('town_type', 'text', (c) => c.notNull().check(sql`town_type in ('TOWN', 'STREET')`))
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('min_count', 'integer')
    .addColumn('max_count', 'integer')
    .addColumn('min_percent', 'integer')
    .addColumn('updated_by_user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('team_target_metric_uq', ['town_type', 'metric'])
    .execute();

  await db.schema
    .createTable('whatif_scenario')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    // analysis_campaign.id (analysis module; no foreign key)
    .addColumn('campaign_id', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by_user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('org_path', pathType, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('whatif_scenario_org_path_idx').on('whatif_scenario').columns(['org_path', 'created_at']).execute();

  await db.schema
    .createTable('whatif_move')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scenario_id', 'text', (c) => c.notNull().references('whatif_scenario.id'))
    .addColumn('cadre_person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('move', 'text', (c) => c.notNull().check(sql`move in ('PROMOTE', 'EXCHANGE', 'RETAIN', 'ADJUST')`))
    .addColumn('destination_org_unit_id', 'text', (c) => c.references('org_unit.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('whatif_move_cadre_uq', ['scenario_id', 'cadre_person_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('whatif_move').ifExists().execute();
  await db.schema.dropTable('whatif_scenario').ifExists().execute();
  await db.schema.dropTable('team_target').ifExists().execute();
  await db.schema.dropTable('judgment_evidence').ifExists().execute();
  await db.schema.dropTable('five_category_judgment').ifExists().execute();
}
