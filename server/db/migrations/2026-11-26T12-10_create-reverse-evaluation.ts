/**
 * 反向测评 (SPEC M6, SECURITY.md §3.2) and the five-dimension results (SPEC M5 FiveDimensionEvaluation).
 *
 * Anonymity lives in this schema:
 * - `evaluation_token` holds only SHA-256 hashes of the single-use tokens, per rater group (never per person);
 * - `evaluation_ballot` has a random UUIDv4 key, is WITHOUT ROWID on SQLite (no insertion-ordered rowid), has no
 *   timestamp, no token column and no foreign key: nothing joins a ballot to the token that cast it;
 * - `evaluation_rollup` keeps count / sum / sum of squares per evaluation × group × dimension, updated with each
 *   ballot, so a closed evaluation's results are six rows; `sealed` stops late ballots once closing has begun.
 *
 * Other modules' tables are referenced by id without foreign keys (parallel migrations): `campaign_id` is
 * analysis_campaign.id (M5). Frozen in time: Kysely<any> and db/dialect.ts helpers only.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf, pathColumnType } from '../dialect.ts';

const DIMS = ['virtue', 'ability', 'diligence', 'performance', 'integrity', 'overall'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const pathType = pathColumnType(db);
  const real = sql`double precision`;

  await db.schema
    .createTable('reverse_evaluation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('org_path', pathType, (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('PRE_APPOINTMENT', 'ANNUAL', 'CAMPAIGN')`))
    // analysis_campaign.id (M5), no FK
    .addColumn('campaign_id', 'text')
    .addColumn('open_at', 'text', (c) => c.notNull())
    .addColumn('close_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('DRAFT', 'OPEN', 'CLOSED')`))
    .addColumn('questionnaire_json', 'text', (c) => c.notNull())
    .addColumn('settings_json', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reverse_evaluation_path_idx').on('reverse_evaluation').columns(['org_path', 'created_at']).execute();
  await db.schema.createIndex('reverse_evaluation_subject_idx').on('reverse_evaluation').columns(['subject_person_id', 'status']).execute();
  await db.schema.createIndex('reverse_evaluation_campaign_idx').on('reverse_evaluation').column('campaign_id').execute();

  await db.schema
    .createTable('reverse_evaluation_group')
    .addColumn('evaluation_id', 'text', (c) => c.notNull().references('reverse_evaluation.id'))
    .addColumn('rater_group', 'text', (c) => c.notNull())
    .addColumn('token_count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('reverse_evaluation_group_pk', ['evaluation_id', 'rater_group'])
    .execute();

  await db.schema
    .createTable('evaluation_token')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('evaluation_id', 'text', (c) => c.notNull().references('reverse_evaluation.id'))
    .addColumn('rater_group', 'text', (c) => c.notNull())
    .addColumn('used', 'integer', (c) => c.notNull().defaultTo(0).check(sql`used in (0, 1)`))
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evaluation_token_eval_idx').on('evaluation_token').columns(['evaluation_id', 'rater_group', 'used']).execute();

  // No FK, no timestamp, no token reference; random primary key; WITHOUT ROWID on SQLite (SECURITY.md §3.2 item 1).
  let ballot = db.schema
    .createTable('evaluation_ballot')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('evaluation_id', 'text', (c) => c.notNull())
    .addColumn('rater_group', 'text', (c) => c.notNull());
  for (const d of DIMS) ballot = ballot.addColumn(d, real, (c) => c.notNull());
  ballot = ballot
    .addColumn('integrity_answer', 'text', (c) => c.notNull().check(sql`integrity_answer in ('NO_ISSUE', 'HEARD_CONCERNS', 'KNOWN_VIOLATION')`))
    .addColumn('free_text_enc', 'text');
  if (dialectOf(db) === 'sqlite') ballot = ballot.modifyEnd(sql`without rowid`);
  await ballot.execute();
  await db.schema.createIndex('evaluation_ballot_eval_idx').on('evaluation_ballot').columns(['evaluation_id', 'rater_group']).execute();

  let rollup = db.schema
    .createTable('evaluation_rollup')
    .addColumn('evaluation_id', 'text', (c) => c.notNull().references('reverse_evaluation.id'))
    .addColumn('rater_group', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull().defaultTo(0));
  for (const d of DIMS) rollup = rollup.addColumn(`sum_${d}`, real, (c) => c.notNull().defaultTo(0)).addColumn(`sq_${d}`, real, (c) => c.notNull().defaultTo(0));
  rollup = rollup
    .addColumn('no_issue', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('heard_concerns', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('known_violation', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('free_texts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sealed', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('evaluation_rollup_pk', ['evaluation_id', 'rater_group']);
  await rollup.execute();

  let fde = db.schema
    .createTable('five_dimension_evaluation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('evaluation_id', 'text', (c) => c.notNull().unique())
    // analysis_campaign.id (M5), no FK
    .addColumn('campaign_id', 'text')
    .addColumn('org_path', pathType, (c) => c.notNull());
  for (const d of DIMS.slice(0, 5)) fde = fde.addColumn(d, real);
  fde = fde
    .addColumn('composite', real)
    .addColumn('grade', 'text')
    .addColumn('respondents', 'integer')
    .addColumn('result_json', 'text', (c) => c.notNull())
    .addColumn('peer_rank', 'text')
    .addColumn('peer_unit_type', 'text')
    .addColumn('closed_at', 'text', (c) => c.notNull());
  await fde.execute();
  await db.schema.createIndex('five_dimension_person_idx').on('five_dimension_evaluation').columns(['person_id', 'closed_at']).execute();
  await db.schema.createIndex('five_dimension_peer_idx').on('five_dimension_evaluation').columns(['peer_rank', 'peer_unit_type']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['five_dimension_evaluation', 'evaluation_rollup', 'evaluation_ballot', 'evaluation_token', 'reverse_evaluation_group', 'reverse_evaluation']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
