/**
 * Frozen in time: uses Kysely<any> and the DDL helpers of db/dialect.ts only, never app code.
 */
import type { Kysely } from 'kysely';
import { createAppendOnlyGuard, pathColumnType } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  // Byte-ordered text: paths, and the search keys queried with prefix ranges (names, pinyin, initials).
  const pathType = pathColumnType(db);

  await db.schema
    .createTable('org_unit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text', (c) => c.references('org_unit.id'))
    .addColumn('path', pathType, (c) => c.notNull().unique())
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pinyin', pathType, (c) => c.notNull())
    .addColumn('pinyin_initials', pathType, (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('merged_into_id', 'text', (c) => c.references('org_unit.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('org_unit_parent_idx').on('org_unit').columns(['parent_id', 'sort_order']).execute();
  await db.schema.createIndex('org_unit_code_idx').on('org_unit').column('code').execute();
  await db.schema.createIndex('org_unit_initials_idx').on('org_unit').column('pinyin_initials').execute();

  await db.schema
    .createTable('party_org')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text', (c) => c.references('party_org.id'))
    .addColumn('path', pathType, (c) => c.notNull().unique())
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('host_kind', 'text', (c) => c.notNull())
    .addColumn('host_id', 'text')
    .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('org_path', pathType, (c) => c.notNull())
    .addColumn('secretary_person_id', 'text')
    .addColumn('pinyin', 'text', (c) => c.notNull())
    .addColumn('pinyin_initials', 'text', (c) => c.notNull())
    .addColumn('founded_at', 'text', (c) => c.notNull())
    .addColumn('dissolved_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('party_org_parent_idx').on('party_org').column('parent_id').execute();
  await db.schema.createIndex('party_org_org_path_idx').on('party_org').column('org_path').execute();

  await db.schema
    .createTable('person')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', pathType, (c) => c.notNull())
    .addColumn('name_pinyin', pathType, (c) => c.notNull())
    .addColumn('name_initials', pathType, (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('ethnicity_code', 'text', (c) => c.notNull())
    .addColumn('id_number_enc', 'text')
    .addColumn('id_number_bidx', 'text', (c) => c.unique())
    .addColumn('id_number_masked', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('phone_masked', 'text')
    .addColumn('hometown_org_unit_id', 'text', (c) => c.references('org_unit.id'))
    .addColumn('is_party_member', 'integer', (c) => c.notNull())
    .addColumn('party_join_date', 'text')
    .addColumn('party_org_id', 'text', (c) => c.references('party_org.id'))
    .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('org_path', pathType, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Covering indexes for the people list: the page's ids are chosen from index entries alone (scope range,
  // search prefixes, sort keys, id), and only the 20 rows of the page are read from the table.
  await db.schema.createIndex('person_scope_idx').on('person').columns(['org_path', 'name_pinyin', 'birth_date', 'id']).execute();
  await db.schema.createIndex('person_name_pinyin_idx').on('person').columns(['name_pinyin', 'org_path', 'id']).execute();
  await db.schema.createIndex('person_initials_idx').on('person').columns(['name_initials', 'org_path', 'name_pinyin', 'id']).execute();
  await db.schema.createIndex('person_name_idx').on('person').columns(['name', 'org_path', 'name_pinyin', 'id']).execute();
  await db.schema.createIndex('person_birth_idx').on('person').columns(['birth_date', 'org_path', 'id']).execute();

  await db.schema
    .createTable('cadre')
    .addColumn('person_id', 'text', (c) => c.primaryKey().references('person.id'))
    .addColumn('rank_level', 'text', (c) => c.notNull())
    .addColumn('management_authority_org_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('work_start_date', 'text')
    .addColumn('education_code', 'text', (c) => c.notNull())
    .addColumn('degree_code', 'text')
    .addColumn('specialty', 'text')
    .addColumn('is_section_level', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cadre_rank_idx').on('cadre').columns(['rank_level', 'person_id']).execute();

  await db.schema
    .createTable('post')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('org_path', pathType, (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('rank_level', 'text')
    .addColumn('is_leadership', 'integer', (c) => c.notNull())
    .addColumn('is_principal', 'integer', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('appointment_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('post_person_idx').on('post').columns(['person_id', 'start_date']).execute();
  await db.schema.createIndex('post_org_path_idx').on('post').column('org_path').execute();

  await db.schema
    .createTable('kinship')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('relative_person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('relation_code', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('kinship_pair_uq', ['person_id', 'relative_person_id'])
    .execute();
  await db.schema.createIndex('kinship_relative_idx').on('kinship').column('relative_person_id').execute();

  await db.schema
    .createTable('front_line')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('org_unit_id', 'text', (c) => c.references('org_unit.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('front_line_person_idx').on('front_line').column('person_id').execute();

  await db.schema
    .createTable('code_item')
    .addColumn('catalog', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('code_item_pk', ['catalog', 'code'])
    .execute();

  await db.schema
    .createTable('app_user')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.references('person.id'))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('zh-CN'))
    .addColumn('is_disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_login_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_window_started_at', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .addColumn('last_login_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('role_grant')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('org_unit_id', 'text', (c) => c.references('org_unit.id'))
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('granted_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('role_grant_user_idx').on('role_grant').column('user_id').execute();

  await db.schema
    .createTable('user_session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('authenticated_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('user_session_user_idx').on('user_session').column('user_id').execute();

  await db.schema
    .createTable('ledger_event')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('ts', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_role', 'text')
    .addColumn('org_path', pathType, (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('leaf_hash', 'text', (c) => c.notNull())
    .addColumn('chain_hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ledger_event_object_idx').on('ledger_event').columns(['object_type', 'object_id']).execute();
  await db.schema.createIndex('ledger_event_actor_idx').on('ledger_event').columns(['actor_user_id', 'seq']).execute();
  // Audit viewer filters: by action family and by organisation subtree, newest first.
  await db.schema.createIndex('ledger_event_action_idx').on('ledger_event').columns(['action', 'seq']).execute();
  await db.schema.createIndex('ledger_event_org_path_idx').on('ledger_event').columns(['org_path', 'seq']).execute();
  await createAppendOnlyGuard(db, 'ledger_event');
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['ledger_event', 'user_session', 'role_grant', 'app_user', 'code_item', 'front_line', 'kinship', 'post', 'cadre', 'person', 'party_org', 'org_unit']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
