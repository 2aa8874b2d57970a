/**
 * Demo data of the four-level service groups (SPEC §5: "~700 = 1 county + 18 town + 197 village/community + ~484
 * group/grid"; "20,770 distinct members, ~30 % Party members (est)").
 *
 * - 700 ACTIVE groups: the county group (owner: the grassroots section), one per town/street (owner: the organisation
 *   member), one per village/community (owner: the Party secretary), and the 4th level: one per villager-group unit
 *   of the demo tree plus grid groups (网格群, tied to their village or community) up to the total.
 * - Members: exactly DEMO_GROUP_MEMBERS distinct WeChat ids in ACTIVE groups (current memberships). Village people of
 *   the demo county are linked (person_id); town and county leaders sit in the county group; everyone else is an
 *   unlinked resident. A resident is in their village's group and/or a 4th-level group of their village, some also in
 *   their town's group; Party members ≈ 30 %.
 * - Noise the report must ignore: the groups of the villages merged in 2016 (ARCHIVED, with members found nowhere else)
 *   and memberships that ended (`left_at`), some of ids found nowhere else.
 * The figures are never stored: the coverage report counts them live (groups.demo.test.ts).
 */
import { uuidv7 } from 'uuidv7';
import type { NewGroupMembershipRow, NewServiceGroupRow } from '../../db/schema.ts';
import { Rng, type DemoPerson } from '../demo/demo-county.generator.ts';
import type { DemoModuleSeeder } from '../demo/demo-modules.ts';
import { memberKeyOf } from './groups.policy.ts';

export const DEMO_GROUP_MEMBERS = 20_770;
export const DEMO_ACTIVE_GROUPS = 700;
const PARTY_SHARE = 0.3;
const COUNTY_GROUP_CADRES = 300;

type GroupPlan = { row: NewServiceGroupRow; adminIds: string[] };

export const groupsDemoSeeder: DemoModuleSeeder = {
  module: 'groups',
  seed: async (ctx): Promise<Record<string, number>> => {
    const rng = new Rng(ctx.seed + 2_002);
    const units = ctx.county.orgUnits;
    const byKey = new Map(units.map((u) => [u.key, u]));
    const root = units.find((u) => u.parentKey === null && u.type === 'COUNTY');
    if (!root) return { groupsActive: 0 };
    const towns = units.filter((u) => (u.type === 'TOWN' || u.type === 'STREET') && u.validTo === null);
    const townKeys = new Set(towns.map((t) => t.key));
    const villages = units.filter((u) => (u.type === 'VILLAGE' || u.type === 'COMMUNITY') && u.validTo === null && u.parentKey !== null && townKeys.has(u.parentKey));
    const villagerGroups = units.filter((u) => u.type === 'VILLAGER_GROUP' && u.validTo === null && u.parentKey !== null);
    const merged = units.filter((u) => (u.type === 'VILLAGE' || u.type === 'COMMUNITY') && u.validTo !== null && u.parentKey !== null && townKeys.has(u.parentKey));

    // current post holders per unit (generator order: deterministic)
    const holders = new Map<string, { person: DemoPerson; title: string; principal: boolean; leadership: boolean }[]>();
    for (const p of ctx.county.people) {
      for (const post of p.posts) {
        if (post.endDate !== null) continue;
        const list = holders.get(post.orgUnitKey) ?? holders.set(post.orgUnitKey, []).get(post.orgUnitKey)!;
        list.push({ person: p, title: post.title, principal: post.isPrincipal, leadership: post.isLeadership });
      }
    }
    const pickOwner = (unitKey: string, prefer: (title: string) => boolean): { owner: string | null; admins: string[] } => {
      const list = holders.get(unitKey) ?? [];
      const owner = list.find((h) => prefer(h.title)) ?? list.find((h) => h.principal) ?? list[0];
      const admins = [...new Set(list.filter((h) => h !== owner && h.person.key !== owner?.person.key).map((h) => h.person.key))].slice(0, 2);
      return { owner: owner ? owner.person.key : null, admins };
    };
    const pid = (key: string) => ctx.personId(key);

    const groups: GroupPlan[] = [];
    const add = (level: string, name: string, unitKey: string, townKey: string | null, staff: { owner: string | null; admins: string[] }, status: 'ACTIVE' | 'ARCHIVED' = 'ACTIVE') => {
      const created = rng.date('2015-01-05', '2015-03-31'); // before the first member joins (2015-04-01)
      const row: NewServiceGroupRow = {
        id: uuidv7(), level, name, org_unit_id: ctx.unitId(unitKey), org_path: ctx.unitPath(unitKey), town_org_unit_id: townKey ? ctx.unitId(townKey) : null, wechat_chat_id_hash: null,
        owner_person_id: staff.owner ? pid(staff.owner) : null, status, created_by_user_id: null, created_at: `${created}T01:00:00.000Z`, archived_at: status === 'ARCHIVED' ? '2016-07-01T01:00:00.000Z' : null, updated_at: ctx.now,
      };
      groups.push({ row, adminIds: staff.admins.map(pid).filter((a) => a !== row.owner_person_id) });
      return row.id;
    };

    const grassroots = ctx.county.accounts.find((a) => a.role === 'ORG_GRASSROOTS_SECTION')?.personKey ?? null;
    const countyGroupId = add('COUNTY', `${root.name}党建O2O服务群`, root.key, null, { owner: grassroots, admins: [] });
    const townGroup = new Map<string, string>();
    for (const t of towns) townGroup.set(t.key, add('TOWN', `${t.name}党建O2O服务群`, t.key, t.key, pickOwner(t.key, (x) => x.includes('组织委员'))));
    const villageGroup = new Map<string, string>();
    const fourth = new Map<string, string[]>(); // village key → its 4th-level groups
    for (const v of villages) villageGroup.set(v.key, add('VILLAGE', `${v.name}便民服务群`, v.key, v.parentKey, pickOwner(v.key, (x) => x.includes('书记') && !x.includes('副'))));
    for (const g of villagerGroups) {
      const village = byKey.get(g.parentKey!)!;
      if (!villageGroup.has(village.key)) continue;
      const staff = pickOwner(village.key, (x) => x.includes('委员') && !x.includes('监督'));
      (fourth.get(village.key) ?? fourth.set(village.key, []).get(village.key)!).push(add('GROUP', `${village.name}${g.name}群`, g.key, village.parentKey, staff));
    }
    const grids = DEMO_ACTIVE_GROUPS - groups.length;
    const gridNo = new Map<string, number>();
    for (let i = 0; i < grids; i++) {
      const v = rng.weighted(villages.map((x) => [x, x.type === 'COMMUNITY' ? 3 : 1] as const));
      const no = (gridNo.get(v.key) ?? 0) + 1;
      gridNo.set(v.key, no);
      const staff = pickOwner(v.key, (x) => x.includes('委员') && !x.includes('监督'));
      (fourth.get(v.key) ?? fourth.set(v.key, []).get(v.key)!).push(add('GROUP', `${v.name}第${no}网格群`, v.key, v.parentKey, staff));
    }
    const archivedGroups = merged.map((m) => add('VILLAGE', `${m.name}便民服务群（已并村）`, m.key, m.parentKey, pickOwner(m.key, (x) => x.includes('书记')), 'ARCHIVED'));

    // ---- members ----
    const joined = () => rng.date('2015-04-01', '2016-10-31');
    const memberships: NewGroupMembershipRow[] = [];
    const join = (groupId: string, key: string, personId: string | null, party: boolean, leftAt: string | null = null) =>
      memberships.push({ id: uuidv7(), group_id: groupId, member_key: key, person_id: personId, is_party_member: party ? 1 : 0, joined_at: joined(), left_at: leftAt, created_at: ctx.now });
    let serial = 0;
    const nextKey = () => memberKeyOf(ctx.cipher, `wxid_bw${ctx.seed}_${String(++serial).padStart(6, '0')}`);
    let distinct = 0;
    let party = 0;
    const villageOf = (unitKey: string): string | null => {
      const u = byKey.get(unitKey);
      if (!u) return null;
      if (villageGroup.has(u.key)) return u.key;
      return u.type === 'VILLAGER_GROUP' && u.parentKey && villageGroup.has(u.parentKey) ? u.parentKey : null;
    };
    /** a resident of `villageKey`: their village's group and/or a 4th-level group there, maybe the town group */
    const resident = (villageKey: string, personId: string | null, isParty: boolean) => {
      const key = nextKey();
      const village = byKey.get(villageKey)!;
      const local = fourth.get(villageKey) ?? [];
      const inFourth = local.length > 0 && rng.chance(0.85);
      if (inFourth) join(rng.pick(local), key, personId, isParty);
      if (!inFourth || rng.chance(0.6)) join(villageGroup.get(villageKey)!, key, personId, isParty);
      if (rng.chance(isParty ? 0.15 : 0.06)) join(townGroup.get(village.parentKey!)!, key, personId, isParty);
      distinct++;
      if (isParty) party++;
      return key;
    };

    // 1. town and county leaders: the county group (and their town's group)
    const leaders = ctx.county.people.filter((p) => p.posts.some((x) => x.endDate === null && x.isLeadership && townKeys.has(x.orgUnitKey))).slice(0, COUNTY_GROUP_CADRES);
    for (const p of leaders) {
      const key = nextKey();
      join(countyGroupId, key, pid(p.key), p.isPartyMember);
      const town = p.posts.find((x) => x.endDate === null && townKeys.has(x.orgUnitKey))!.orgUnitKey;
      join(townGroup.get(town)!, key, pid(p.key), p.isPartyMember);
      distinct++;
      if (p.isPartyMember) party++;
    }
    // 2. village people of the demo county, linked to their person
    const leaderKeys = new Set(leaders.map((p) => p.key));
    for (const p of ctx.county.people) {
      if (leaderKeys.has(p.key)) continue;
      const v = villageOf(p.orgUnitKey);
      if (v) resident(v, pid(p.key), p.isPartyMember);
    }
    // 3. residents not in the person register, up to the article's figure; Party share brings the total near 30 %
    const remaining = DEMO_GROUP_MEMBERS - distinct;
    const partyRate = Math.max(0, Math.min(1, (PARTY_SHARE * DEMO_GROUP_MEMBERS - party) / Math.max(1, remaining)));
    const villageWeights = villages.map((v) => [v.key, v.type === 'COMMUNITY' ? 1.6 : 1] as const);
    const residentKeys: string[] = [];
    for (let i = 0; i < remaining; i++) residentKeys.push(resident(rng.weighted(villageWeights), null, rng.chance(partyRate)));

    // 4. noise: archived groups (their own members only there, plus some counted residents) and ended memberships
    for (const gid of archivedGroups) {
      for (let i = 0; i < 30; i++) join(gid, nextKey(), null, rng.chance(0.3));
      const counted = new Set<string>();
      while (counted.size < Math.min(20, residentKeys.length)) counted.add(rng.pick(residentKeys));
      for (const key of counted) join(gid, key, null, false);
    }
    const townIds = [...townGroup.values()];
    for (let i = 0; i < 60; i++) join(rng.pick(townIds), nextKey(), null, false, '2016-09-30'); // left, found nowhere else
    for (let i = 0; i < 120; i++) join(countyGroupId, rng.pick(residentKeys), null, false, '2016-08-31'); // left the county group only

    await ctx.insertChunked(groups.map((g) => g.row), (chunk) => ctx.trx.insertInto('service_group').values(chunk).execute());
    const admins = groups.flatMap((g) => g.adminIds.map((person_id) => ({ group_id: g.row.id, person_id, created_at: ctx.now })));
    await ctx.insertChunked(admins, (chunk) => ctx.trx.insertInto('service_group_admin').values(chunk).execute());
    // a key can repeat in one group only if it left and rejoined; the generator never does that for current rows
    await ctx.insertChunked(memberships, (chunk) => ctx.trx.insertInto('group_membership').values(chunk).execute());
    return { groupsActive: groups.length - archivedGroups.length, groupsArchived: archivedGroups.length, groupsMembers: distinct, groupsPartyMembers: party, groupsMemberships: memberships.length };
  },
};
