/**
 * The article's group figures over the demo county, by live query through the coverage API (SPEC §6: "~700 groups,
 * 20,770 people" = ACTIVE groups; distinct member keys), on both databases, plus the shape behind them: four levels
 * tied to units of the right types, owners present, Party share near 30 %, archived groups and ended memberships
 * excluded, town scope, and no raw WeChat id anywhere.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverageReport, GroupDetail, GroupMember, GroupSummary } from '../../../contracts/groups.ts';
import type { Page } from '../../../contracts/common.ts';
import type { SeedResult } from '../demo/demo.seeder.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { TEST_DIALECTS } from '../../test/test-db.ts';
import { DEMO_GROUP_MEMBERS } from './groups.demo.ts';

describe.each(TEST_DIALECTS)('service-group demo data on %s', (dialect) => {
  let t: TestApp;
  let seeded: SeedResult;
  const get = (username: string, url: string) => t.getAsDemo(username, url);

  beforeAll(async () => {
    t = await createTestApp(dialect, { demo: true });
    seeded = t.demo!.seeded;
  }, 900_000);
  afterAll(async () => {
    await t?.close();
  });

  it('reproduces ~700 groups and exactly 20,770 distinct members by live query (county scope)', async () => {
    const res = await get('grassroots.section', '/api/groups/coverage');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<CoverageReport>();
    expect(r.groups).toBe(700);
    expect(r.members).toBe(20_770);
    expect(DEMO_GROUP_MEMBERS).toBe(20_770);
    const towns = Number((await t.db.selectFrom('org_unit').select(sql<number>`count(*)`.as('n')).where('type', 'in', ['TOWN', 'STREET']).where('valid_to', 'is', null).executeTakeFirstOrThrow()).n);
    const villages = Number((await t.db.selectFrom('org_unit').select(sql<number>`count(*)`.as('n')).where('type', 'in', ['VILLAGE', 'COMMUNITY']).where('valid_to', 'is', null).executeTakeFirstOrThrow()).n);
    expect([towns, villages]).toEqual([18, 197]);
    expect(r.byLevel.map((l) => [l.level, l.groups])).toEqual([['COUNTY', 1], ['TOWN', towns], ['VILLAGE', villages], ['GROUP', 700 - 1 - towns - villages]]);
    // the Party share is plausible (~30 %, SPEC §5 est.), and people sit in several groups
    expect(r.partyMembers / r.members).toBeGreaterThan(0.27);
    expect(r.partyMembers / r.members).toBeLessThan(0.33);
    expect(r.memberships).toBeGreaterThan(r.members * 1.3);
    // noise exists and is excluded: archived groups with members of their own, ended memberships
    expect(r.archivedGroups).toBeGreaterThan(0);
    const all = await t.db.selectFrom('group_membership').select(sql<number>`count(distinct member_key)`.as('n')).executeTakeFirstOrThrow();
    expect(Number(all.n)).toBeGreaterThan(20_770);
    // per-town rows add up to the groups; the county row holds the county group
    expect(r.byTown.reduce((s, x) => s + x.groups, 0)).toBe(700);
    expect(r.byTown[0]).toMatchObject({ townId: null, groups: 1 });
    expect(seeded.counts).toMatchObject({ groupsActive: 700, groupsMembers: 20_770 });
  });

  it('ties every group to a unit its level accepts, with an owner; no raw WeChat id is stored', async () => {
    const rows = await t.db
      .selectFrom('service_group as g')
      .innerJoin('org_unit as u', 'u.id', 'g.org_unit_id')
      .innerJoin('service_group_level as l', 'l.level', 'g.level')
      .select(['g.level', 'u.type', 'l.unit_types', 'g.owner_person_id', 'g.org_path', 'u.path'])
      .where('g.status', '=', 'ACTIVE')
      .execute();
    expect(rows.length).toBe(700);
    expect(rows.filter((r) => !r.unit_types.split(',').includes(r.type))).toEqual([]);
    expect(rows.filter((r) => r.owner_person_id === null).length).toBeLessThan(10);
    expect(rows.every((r) => r.org_path === r.path)).toBe(true);
    const keys = await t.db.selectFrom('group_membership').select('member_key').limit(50).execute();
    expect(keys.every((k) => /^[0-9a-f]{64}$/.test(k.member_key))).toBe(true);
    const linked = await t.db.selectFrom('group_membership').select(sql<number>`count(distinct person_id)`.as('n')).where('person_id', 'is not', null).executeTakeFirstOrThrow();
    expect(Number(linked.n)).toBeGreaterThan(1000);
    // demo matters received in a WeChat group name that group (village or town level)
    const sourced = await t.db
      .selectFrom('citizen_matter as m')
      .leftJoin('service_group as g', 'g.id', 'm.source_group_id')
      .select([sql<number>`count(m.source_group_id)`.as('named'), sql<number>`count(g.id)`.as('found'), sql<number>`sum(case when m.source_group_id is not null and m.channel <> 'WECHAT_GROUP' then 1 else 0 end)`.as('wrong')])
      .executeTakeFirstOrThrow();
    expect(Number(sourced.named)).toBeGreaterThan(5000);
    expect(Number(sourced.found)).toBe(Number(sourced.named));
    expect(Number(sourced.wrong)).toBe(0);
  });

  it('shows a town only its own groups and a group page with owner, admins and masked members', async () => {
    const town = (await get('town.secretary', '/api/groups/coverage')).json<CoverageReport>();
    expect(town.byTown.length).toBe(1);
    expect(town.byLevel[0]).toMatchObject({ level: 'COUNTY', groups: 0 });
    expect(town.members).toBeGreaterThan(0);
    expect(town.members).toBeLessThan(20_770);
    const list = (await get('town.secretary', '/api/groups?level=VILLAGE&pageSize=5')).json<Page<GroupSummary>>();
    expect(list.total).toBeGreaterThan(5);
    expect(list.items.every((g) => g.level === 'VILLAGE' && g.townName === town.byTown[0]!.townName)).toBe(true);
    const detail = (await get('town.secretary', `/api/groups/${list.items[0]!.id}`)).json<GroupDetail>();
    expect(detail.owner).not.toBeNull();
    expect(detail.group.memberCount).toBeGreaterThan(10);
    const members = (await get('town.secretary', `/api/groups/${list.items[0]!.id}/members?pageSize=50`)).json<Page<GroupMember>>();
    expect(members.total).toBe(detail.group.memberCount);
    expect(members.items.every((m) => m.keyPrefix.length === 8 && (m.personNameMasked === null || m.personNameMasked.includes('*')))).toBe(true);
  });
});
