/**
 * The M3 demo figures through the API (SPEC §6: 197 teams, 618 households), on both databases: one team per current
 * village or community (the count comes from org_unit), every team 1+3+X with a Party-member leader, 2016 visits with
 * some months missed, 2016 exits and returns, and the `team.member` account on 黄花村's team seeing only its households.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeedResult } from '../demo/demo.seeder.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { TEST_DIALECTS } from '../../test/test-db.ts';
import { compositionProblems } from './poverty.policy.ts';

describe.each(TEST_DIALECTS)('poverty demo data on %s', (dialect) => {
  let t: TestApp;
  let seeded: SeedResult;
  const get = (username: string, url: string) => t.getAsDemo(username, url);

  beforeAll(async () => {
    t = await createTestApp(dialect, { demo: true });
    seeded = t.demo!.seeded;
  }, 240_000);
  afterAll(async () => {
    await t?.close();
  });

  it('has one team per current village or community and 618 households, read through the report API', async () => {
    const villages = Number(
      (await t.db.selectFrom('org_unit').select(sql<number>`count(*)`.as('n')).where('type', 'in', ['VILLAGE', 'COMMUNITY']).where('valid_to', 'is', null).executeTakeFirstOrThrow()).n,
    );
    expect(villages).toBe(197);
    const res = await get('grassroots.section', '/api/poverty/report');
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.teams).toBe(villages);
    expect(r.activeTeams).toBe(villages);
    expect(r.households).toBe(618);
    expect(r.householdsPerTeam).toBeCloseTo(618 / 197, 2);
    expect(seeded.counts).toMatchObject({ povertyTeams: 197, povertyHouseholds: 618 });
    const exits2016 = r.exitsByYear.find((y: { key: string }) => y.key === '2016').count;
    expect(exits2016).toBeGreaterThan(20);
    expect(r.returnsByYear.find((y: { key: string }) => y.key === '2016').count).toBeGreaterThan(0);
    expect(r.visitsPerHousehold).toBeGreaterThan(6);
    expect(r.visitsPerHousehold).toBeLessThan(12);
    expect(r.byCause.reduce((s: number, c: { count: number }) => s + c.count, 0)).toBeGreaterThanOrEqual(618);
    expect(r.byTown.length).toBe(18);
    expect(r.byTown.reduce((s: number, x: { teams: number }) => s + x.teams, 0)).toBe(197);
  });

  it('forms every team as 1 Party-member leader + 3 core + X flexible members, from real demo people', async () => {
    const members = await t.db
      .selectFrom('team_member as m')
      .innerJoin('person as p', 'p.id', 'm.person_id')
      .select(['m.team_id', 'm.slot', 'm.member_type', 'p.is_party_member'])
      .where('m.to_date', 'is', null)
      .execute();
    const byTeam = new Map<string, { slot: string; isPartyMember: boolean }[]>();
    for (const m of members) (byTeam.get(m.team_id) ?? byTeam.set(m.team_id, []).get(m.team_id)!).push({ slot: m.slot, isPartyMember: m.is_party_member === 1 });
    expect(byTeam.size).toBe(197);
    for (const list of byTeam.values()) expect(compositionProblems(list)).toEqual([]);
    expect(new Set(members.map((m) => m.member_type))).toEqual(new Set(['COUNTY_CADRE', 'TOWN_CADRE', 'VILLAGE_CADRE', 'VOLUNTEER']));
  });

  it('raises reminders for months without a visit in 2016', async () => {
    const res = await get('grassroots.section', '/api/poverty/reminders?month=2016-11');
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBeGreaterThan(10);
    expect(res.json().total).toBeLessThan(200);
  });

  it('shows the team.member account only the households of 黄花村 team', async () => {
    const teams = (await get('team.member', '/api/poverty/teams')).json();
    expect(teams.items.map((x: { villageName: string }) => x.villageName)).toEqual(['黄花村']);
    const list = (await get('team.member', '/api/poverty/households?pageSize=200')).json();
    expect(list.total).toBeGreaterThanOrEqual(3);
    expect(list.items.every((h: { villageName: string; teamId: string }) => h.villageName === '黄花村' && h.teamId === teams.items[0].id)).toBe(true);
    expect((await get('team.member', '/api/poverty/report')).json().households).toBe(list.total);
  });
});
