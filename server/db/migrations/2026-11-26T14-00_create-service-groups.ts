/**
 * M2 four-level service groups (四级微信群, SPEC §3 M2 `ServiceGroup` / `GroupMembership`, issue 5 deliverable 2).
 *
 * - service_group_level: the four levels and which org-unit types each may be tied to. The mapping is [INF] (SPEC §7
 *   item 3), so it is a table an administrator edits, seeded with county / town / village-community / villager group
 *   or grid (a grid group is tied to its village or community: the demo county has no grid units).
 * - service_group: one WeChat group, tied to an org unit (`org_path` = the unit's path, the scope column; `town_org_unit_id`
 *   = the town above it, null for county-level groups), owner (群主) person, ACTIVE | ARCHIVED. `wechat_chat_id_hash` is
 *   the keyed blind index of the chat id, never the id itself.
 * - service_group_admin: the group's administrators (persons).
 * - group_membership: `member_key` = keyed blind index (HMAC-SHA256) of the member's WeChat id; the raw id is never
 *   stored. `person_id` optionally links a known person. `left_at` null = current; one current membership per key and
 *   group (partial unique index).
 *
 * person / org_unit / app_user are platform-core tables (earlier migration); references to them are foreign keys.
 * citizen_matter.source_group_id (13-00) stays a plain id column (no FK added: that migration is frozen).
 * Frozen in time: Kysely<any> and the DDL helpers of db/dialect.ts only.
 */
import { sql, type Kysely } from 'kysely';
import { pathColumnType } from '../dialect.ts';

const NOW = '2026-11-26T14:00:00.000Z';

export async function up(db: Kysely<any>): Promise<void> {
  const pathType = pathColumnType(db);

  await db.schema
    .createTable('service_group_level')
    .addColumn('level', 'text', (c) => c.primaryKey().check(sql`level in ('COUNTY', 'TOWN', 'VILLAGE', 'GROUP')`))
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    // comma-separated org_unit.type values a group of this level may be tied to
    .addColumn('unit_types', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text') // app_user.id, no FK (null = seeded)
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  const levels: [string, string, string, string][] = [
    ['COUNTY', '县级群', 'county group', 'COUNTY,DEV_ZONE'],
    ['TOWN', '镇（街道）级群', 'town / street group', 'TOWN,STREET,PARK'],
    ['VILLAGE', '村（社区）级群', 'village / community group', 'VILLAGE,COMMUNITY'],
    ['GROUP', '村民小组（网格）群', 'villager group / grid group', 'VILLAGER_GROUP,VILLAGE,COMMUNITY'],
  ];
  await db
    .insertInto('service_group_level')
    .values(levels.map(([level, zh, en, types], i) => ({ level, name_zh: zh, name_en: en, unit_types: types, sort_order: (i + 1) * 10, updated_by: null, updated_at: NOW })))
    .execute();

  await db.schema
    .createTable('service_group')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('level', 'text', (c) => c.notNull().references('service_group_level.level'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_unit.id'))
    .addColumn('org_path', pathType, (c) => c.notNull())
    .addColumn('town_org_unit_id', 'text', (c) => c.references('org_unit.id'))
    .addColumn('wechat_chat_id_hash', 'text', (c) => c.unique())
    .addColumn('owner_person_id', 'text', (c) => c.references('person.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('ACTIVE', 'ARCHIVED')`))
    .addColumn('created_by_user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('service_group_path_idx').on('service_group').columns(['org_path', 'status']).execute();
  await db.schema.createIndex('service_group_town_idx').on('service_group').columns(['town_org_unit_id', 'level']).execute();
  await db.schema.createIndex('service_group_unit_idx').on('service_group').column('org_unit_id').execute();

  await db.schema
    .createTable('service_group_admin')
    .addColumn('group_id', 'text', (c) => c.notNull().references('service_group.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('service_group_admin_pk', ['group_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('group_membership')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('service_group.id'))
    // HMAC-SHA256 blind index of the WeChat id (hex); the id itself is never stored
    .addColumn('member_key', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.references('person.id'))
    .addColumn('is_party_member', 'integer', (c) => c.notNull().check(sql`is_party_member in (0, 1)`))
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addColumn('left_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('group_membership_once').on('group_membership').columns(['group_id', 'member_key']).unique().where(sql.ref('left_at'), 'is', null).execute();
  await db.schema.createIndex('group_membership_group_idx').on('group_membership').columns(['group_id', 'left_at']).execute();
  await db.schema.createIndex('group_membership_key_idx').on('group_membership').column('member_key').execute();
  await db.schema.createIndex('group_membership_person_idx').on('group_membership').column('person_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['group_membership', 'service_group_admin', 'service_group', 'service_group_level']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
