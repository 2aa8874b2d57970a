/**
 * o2o_rollup_tier: year and month levels above the daily o2o_rollup counters (issue 5 deliverable 10, dashboard at
 * 1,000,000 matters). The daily rows keep one row per day × village × category × bucket, which at county scale is about
 * one row per matter and metric: a county-wide summary over years would read millions of them. The tiers hold the same
 * counts summed per year (`tier` 'Y', `period` 'YYYY') and per month (`tier` 'M', `period` 'YYYY-MM'):
 * - STATUS at the location unit (village or town) by bucket, category '*' (summary by status, town and village, for
 *   any scope);
 * - CATEGORY (= STATUS by category, bucket '*'), CLOSED_DAYS, ON_TIME, LATE and SATISFACTION (category '*') at the town
 *   (`unit_org_unit_id` = the town, `unit_path` its path): what the dashboard groups them by, for scopes at town level
 *   or above; scopes below a town read the daily rows.
 * Fewer dimensions than the daily rows keep a county's year a few thousand rows whatever the number of matters.
 * Kept in the same transaction as the daily rows (o2o.repository.ts bumpRollups); filled here from the daily rows.
 * Frozen in time: Kysely<any> and the DDL helpers of db/dialect.ts only.
 */
import { sql, type Kysely } from 'kysely';
import { pathColumnType } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('o2o_rollup_tier')
    .addColumn('tier', 'text', (c) => c.notNull().check(sql`tier in ('Y', 'M')`))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('town_org_unit_id', 'text', (c) => c.notNull())
    .addColumn('unit_org_unit_id', 'text', (c) => c.notNull())
    .addColumn('unit_path', pathColumnType(db), (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('o2o_rollup_tier_pk', ['tier', 'metric', 'period', 'unit_org_unit_id', 'category', 'bucket'])
    .execute();
  // covering: the dashboard's sums read the index only (2-3× faster than visiting the rows on SQLite)
  await db.schema
    .createIndex('o2o_rollup_tier_scope_idx')
    .on('o2o_rollup_tier')
    .columns(['tier', 'metric', 'unit_path', 'period', 'category', 'bucket', 'unit_org_unit_id', 'town_org_unit_id', 'n'])
    .execute();
  for (const [tier, len] of [['Y', 4], ['M', 7]] as const) {
    await sql`insert into o2o_rollup_tier (tier, period, metric, town_org_unit_id, unit_org_unit_id, unit_path, category, bucket, n)
      select ${sql.lit(tier)}, substr(day, 1, ${sql.raw(String(len))}), metric, town_org_unit_id, village_org_unit_id, village_path, '*', bucket, sum(n)
      from o2o_rollup where metric = 'STATUS'
      group by substr(day, 1, ${sql.raw(String(len))}), metric, town_org_unit_id, village_org_unit_id, village_path, bucket`.execute(db);
    await sql`insert into o2o_rollup_tier (tier, period, metric, town_org_unit_id, unit_org_unit_id, unit_path, category, bucket, n)
      select ${sql.lit(tier)}, substr(r.day, 1, ${sql.raw(String(len))}), case when r.metric = 'STATUS' then 'CATEGORY' else r.metric end, r.town_org_unit_id, r.town_org_unit_id, t.path,
        case when r.metric = 'STATUS' then r.category else '*' end, case when r.metric = 'STATUS' then '*' else r.bucket end, sum(r.n)
      from o2o_rollup r join org_unit t on t.id = r.town_org_unit_id
      where r.metric in ('STATUS', 'CLOSED_DAYS', 'ON_TIME', 'LATE', 'SATISFACTION')
      group by substr(r.day, 1, ${sql.raw(String(len))}), case when r.metric = 'STATUS' then 'CATEGORY' else r.metric end, r.town_org_unit_id, t.path,
        case when r.metric = 'STATUS' then r.category else '*' end, case when r.metric = 'STATUS' then '*' else r.bucket end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('o2o_rollup_tier').ifExists().execute();
}
