/** The demo county's reverse evaluations: every town team member evaluated, most groups shown, some suppressed. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoDatabase, type DemoDatabase } from '../../test/demo-fixture.ts';
import { TEST_DIALECTS } from '../../test/test-db.ts';
import { type SeedResult } from '../demo/demo.seeder.ts';
import { getFiveDimensionResult, latestFiveDimensionByPerson } from './evaluation.service.ts';

describe.each(TEST_DIALECTS)('evaluation demo data on %s', (dialect) => {
  let t: DemoDatabase;
  let result: SeedResult;
  beforeAll(async () => {
    t = await openDemoDatabase(dialect);
    result = t.seeded;
  }, 240_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  it('closes one evaluation per town team member with most groups shown and some suppressed', async () => {
    const c = result.counts;
    // 18 teams of 12, less the seats vacant or changing hands on the opening date
    expect(c['evaluation.closed']!).toBeGreaterThanOrEqual(200);
    expect(c['evaluation.closed']!).toBeLessThanOrEqual(216);
    expect(c['evaluation.groupsShown']!).toBeGreaterThan(c['evaluation.groupsSuppressed']! * 2);
    expect(c['evaluation.groupsSuppressed']!).toBeGreaterThan(20);
    const ballots = Number((await t.db.selectFrom('evaluation_ballot').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    expect(ballots).toBe(c['evaluation.ballots']);
    // rollups agree with the ballots they summarise
    const byBallots = await t.db.selectFrom('evaluation_ballot').select(['evaluation_id', 'rater_group', sql<number>`count(*)`.as('n')]).groupBy(['evaluation_id', 'rater_group']).execute();
    const rollups = await t.db.selectFrom('evaluation_rollup').select(['evaluation_id', 'rater_group', 'n']).where('n', '>', 0).execute();
    expect(rollups.length).toBe(byBallots.length);
    const key = (r: { evaluation_id: string; rater_group: string }) => `${r.evaluation_id}/${r.rater_group}`;
    const m = new Map(byBallots.map((r) => [key(r), Number(r.n)]));
    for (const r of rollups) expect(Number(r.n)).toBe(m.get(key(r)));
    // linked to the M5 campaign when it exists
    const campaign = await t.db.selectFrom('analysis_campaign').select('id').executeTakeFirst();
    const linked = await t.db.selectFrom('reverse_evaluation').select('campaign_id').where('purpose', '=', 'CAMPAIGN').executeTakeFirstOrThrow();
    expect(linked.campaign_id).toBe(campaign?.id ?? null);
  });

  it('serves results with peers through the functions the judgment module calls', async () => {
    const rows = await t.db.selectFrom('five_dimension_evaluation').select(['evaluation_id', 'person_id']).limit(3).execute();
    const one = await getFiveDimensionResult(t.db, rows[0]!.evaluation_id);
    expect(one?.composite).not.toBeNull();
    expect(one?.peers?.count).toBeGreaterThan(10);
    expect(one?.peers?.percentile).toBeGreaterThanOrEqual(0);
    const many = await latestFiveDimensionByPerson(t.db, rows.map((r) => r.person_id));
    expect(many.size).toBe(3);
    for (const r of many.values()) for (const g of r.groups) if (!g.shown) expect(g.mean).toBeNull();
  });
});
