/**
 * 干部人事档案查阅 requests (SECURITY.md §5.4, issue 3 deliverable 5). One row per request; its state changes follow
 * the transition table of server/modules/archive/archive.policy.ts and each is a ledger event. Expiry is not stored:
 * it is derived from valid_to.
 *
 * `authority_org_id` / `authority_path`: the unit whose approval is needed (the cadre's management authority, else
 * the subject's unit), taken when the request is made so the approvers' inbox is an index range.
 *
 * Frozen in time: uses Kysely<any> and the DDL helpers of db/dialect.ts only, never app code.
 */
import { sql, type Kysely } from 'kysely';
import { pathColumnType } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const pathType = pathColumnType(db);
  await db.schema
    .createTable('archive_access_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('org_path', pathType, (c) => c.notNull())
    .addColumn('authority_org_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('authority_path', pathType, (c) => c.notNull())
    .addColumn('requester_user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('INSPECTION', 'APPOINTMENT', 'TRANSFER', 'POLITICAL_REVIEW', 'DISCIPLINE_CASE', 'OTHER')`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('PENDING', 'APPROVED', 'REJECTED', 'REVOKED')`))
    .addColumn('approver_user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('decision_note', 'text')
    .addColumn('valid_from', 'text')
    .addColumn('valid_to', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('revoked_by_user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('archive_request_requester_idx').on('archive_access_request').columns(['requester_user_id', 'created_at']).execute();
  await db.schema.createIndex('archive_request_authority_idx').on('archive_access_request').columns(['authority_path', 'created_at']).execute();
  await db.schema.createIndex('archive_request_person_idx').on('archive_access_request').column('person_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('archive_access_request').ifExists().execute();
}
