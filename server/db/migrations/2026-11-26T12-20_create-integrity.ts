/**
 * M6 integrity conclusions (廉政双签), pre-appointment integrity reviews (任前廉政审查) and petition intake
 * (信访举报), issue 4 deliverable 6.
 *
 * - `integrity_conclusion`: one row per VERSION. `lineage_id` is the id of version 1; a new version (edit after a
 *   signature, or a return) inserts version n+1 with `previous_version_id` and marks the old row
 *   `superseded_by_id`. UNIQUE(lineage_id, version) means two concurrent edits cannot both create version n+1.
 * - `integrity_signature`: UNIQUE(conclusion_id, version, signer_role) and UNIQUE(conclusion_id, version,
 *   signer_person_id): the database itself refuses two signatures for one role and one person in both roles.
 * - `petition_report` + `petition_subject`: reporter identity, content and conclusion are AES-256-GCM envelopes.
 *
 * Other modules' tables are referenced by id columns without foreign keys only where they belong to another
 * module; person / org_unit / party_org / app_user are platform core tables.
 * Frozen in time: uses Kysely<any> and the DDL helpers of db/dialect.ts only, never app code.
 */
import { sql, type Kysely } from 'kysely';
import { pathColumnType } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const pathType = pathColumnType(db);
  await db.schema
    .createTable('integrity_conclusion')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('lineage_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('previous_version_id', 'text', (c) => c.references('integrity_conclusion.id'))
    .addColumn('superseded_by_id', 'text')
    .addColumn('subject_person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('unit_org_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('unit_party_org_id', 'text', (c) => c.references('party_org.id'))
    .addColumn('org_path', pathType, (c) => c.notNull())
    .addColumn('conclusion', 'text', (c) => c.notNull().check(sql`conclusion in ('CLEAR', 'MINOR_ISSUES_NOT_AFFECTING', 'NOT_SUITABLE')`))
    .addColumn('text_enc', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('DRAFT', 'SIGNED_BY_SECRETARY', 'SIGNED_BY_DISCIPLINE', 'DOUBLE_SIGNED', 'SUBMITTED', 'ACCEPTED', 'RETURNED')`))
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('return_reason', 'text')
    .addColumn('created_by_user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('submitted_at', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by_user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('integrity_conclusion_lineage_version_uq', ['lineage_id', 'version'])
    .execute();
  await db.schema.createIndex('integrity_conclusion_path_idx').on('integrity_conclusion').columns(['org_path', 'updated_at']).execute();
  await db.schema.createIndex('integrity_conclusion_subject_idx').on('integrity_conclusion').columns(['subject_person_id', 'created_at']).execute();

  await db.schema
    .createTable('integrity_signature')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conclusion_id', 'text', (c) => c.notNull().references('integrity_conclusion.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('signer_role', 'text', (c) => c.notNull().check(sql`signer_role in ('SECRETARY', 'DISCIPLINE')`))
    .addColumn('signer_person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('signer_user_id', 'text', (c) => c.references('app_user.id'))
    /** signer_user_id: the account that signed through the API; null only for signatures transcribed from paper (the demo's 2016 records) */
    /** DIRECT: holder of the post in the unit; ESCALATED: next-higher Party organisation / discipline commission */
    .addColumn('basis', 'text', (c) => c.notNull().check(sql`basis in ('DIRECT', 'ESCALATED')`))
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('integrity_signature_role_uq', ['conclusion_id', 'version', 'signer_role'])
    .addUniqueConstraint('integrity_signature_person_uq', ['conclusion_id', 'version', 'signer_person_id'])
    .execute();

  await db.schema
    .createTable('integrity_review')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('org_path', pathType, (c) => c.notNull())
    /** selection batch of M7 (another module's table: no foreign key) */
    .addColumn('batch_id', 'text')
    /** JSON array of the check types that must PASS, fixed when the review is opened */
    .addColumn('mandatory_checks', 'text', (c) => c.notNull())
    .addColumn('overall', 'text', (c) => c.notNull().check(sql`overall in ('PENDING', 'PASS', 'FAIL')`))
    .addColumn('created_by_user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('integrity_review_subject_idx').on('integrity_review').columns(['subject_person_id', 'created_at']).execute();
  await db.schema.createIndex('integrity_review_path_idx').on('integrity_review').columns(['org_path', 'created_at']).execute();

  await db.schema
    .createTable('integrity_review_check')
    .addColumn('review_id', 'text', (c) => c.notNull().references('integrity_review.id'))
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('FILE_AUDIT', 'PERSONAL_MATTERS_VERIFY', 'DISCIPLINE_OPINION', 'PETITION_CHECK', 'AUDIT_FINDINGS')`))
    .addColumn('result', 'text', (c) => c.notNull().check(sql`result in ('PASS', 'ISSUE', 'PENDING')`))
    .addColumn('detail_enc', 'text')
    .addColumn('checked_by_user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('checked_at', 'text')
    .addPrimaryKeyConstraint('integrity_review_check_pk', ['review_id', 'type'])
    .execute();

  await db.schema
    .createTable('petition_report')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('LETTER', 'VISIT', 'PHONE', 'ONLINE', 'TRANSFERRED_IN')`))
    .addColumn('real_name', 'integer', (c) => c.notNull())
    .addColumn('reporter_identity_enc', 'text')
    .addColumn('content_enc', 'text', (c) => c.notNull())
    .addColumn('specific_and_checkable', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('RECEIVED', 'PRELIM_CHECK', 'VERIFIED_TRUE', 'PARTLY_TRUE', 'UNFOUNDED', 'TRANSFERRED')`))
    .addColumn('conclusion_enc', 'text')
    /** the lowest unit containing every subject (scope) */
    .addColumn('org_path', pathType, (c) => c.notNull())
    .addColumn('handler_user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('petition_report_path_idx').on('petition_report').columns(['org_path', 'received_at']).execute();

  await db.schema
    .createTable('petition_subject')
    .addColumn('petition_id', 'text', (c) => c.notNull().references('petition_report.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addPrimaryKeyConstraint('petition_subject_pk', ['petition_id', 'person_id'])
    .execute();
  await db.schema.createIndex('petition_subject_person_idx').on('petition_subject').column('person_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['petition_subject', 'petition_report', 'integrity_review_check', 'integrity_review', 'integrity_signature', 'integrity_conclusion']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
