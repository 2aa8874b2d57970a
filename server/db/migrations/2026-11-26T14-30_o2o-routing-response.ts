/**
 * O2O (SPEC §3 M2, issue 5) follow-ups:
 * - citizen_matter.petition_id: the 信访举报 petition (integrity module, petition_report) a routed misconduct report was
 *   handed to; no foreign key (modules stay independent), null until the discipline commission has it.
 * - citizen_matter.response_overdue: 1 once the sweep has sent the "not accepted in time" notice (respond_by passed
 *   while SUBMITTED), so it is sent once per matter.
 * - o2o_notice.kind gains RESPONSE_OVERDUE. A CHECK constraint cannot be altered in SQLite, so the table is rebuilt
 *   the same way on both dialects (create, copy, drop, rename, indexes).
 * Frozen in time: Kysely<any> and db/dialect.ts helpers only.
 */
import { sql, type Kysely } from 'kysely';
import { pathColumnType } from '../dialect.ts';

const COLUMNS = 'id, matter_id, kind, round, to_org_unit_id, to_path, leader_person_id, message, created_at, acknowledged_at, acknowledged_by';

async function createNotice(db: Kysely<any>, name: string, kinds: readonly string[]): Promise<void> {
  const list = sql.raw(kinds.map((k) => `'${k}'`).join(', '));
  await db.schema
    .createTable(name)
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('matter_id', 'text', (c) => c.notNull().references('citizen_matter.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in (${list})`))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('to_org_unit_id', 'text', (c) => c.notNull())
    .addColumn('to_path', pathColumnType(db), (c) => c.notNull())
    .addColumn('leader_person_id', 'text')
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'text')
    .execute();
}

async function rebuildNotice(db: Kysely<any>, kinds: readonly string[]): Promise<void> {
  await createNotice(db, 'o2o_notice_next', kinds);
  await sql`insert into o2o_notice_next (${sql.raw(COLUMNS)}) select ${sql.raw(COLUMNS)} from o2o_notice where kind in (${sql.raw(kinds.map((k) => `'${k}'`).join(', '))})`.execute(db);
  await db.schema.dropTable('o2o_notice').execute();
  await db.schema.alterTable('o2o_notice_next').renameTo('o2o_notice').execute();
  await db.schema.createIndex('o2o_notice_to_idx').on('o2o_notice').columns(['to_path', 'created_at']).execute();
  await db.schema.createIndex('o2o_notice_matter_idx').on('o2o_notice').column('matter_id').execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('citizen_matter').addColumn('petition_id', 'text').execute();
  await db.schema.alterTable('citizen_matter').addColumn('response_overdue', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('citizen_matter_respond_idx').on('citizen_matter').columns(['status', 'respond_by']).execute();
  await rebuildNotice(db, ['SUPERVISION', 'ESCALATION', 'M10_CANDIDATE', 'RESPONSE_OVERDUE']);
}

export async function down(db: Kysely<any>): Promise<void> {
  await rebuildNotice(db, ['SUPERVISION', 'ESCALATION', 'M10_CANDIDATE']);
  await db.schema.dropIndex('citizen_matter_respond_idx').execute();
  await db.schema.alterTable('citizen_matter').dropColumn('response_overdue').execute();
  await db.schema.alterTable('citizen_matter').dropColumn('petition_id').execute();
}
