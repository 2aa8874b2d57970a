/**
 * M3 demo data (SPEC §5): one 1+(3+X) team per current village or community of the demo county (the count comes
 * from the data: the current VILLAGE/COMMUNITY units, 197 = 114 + 83; the villages closed by the 2016 mergers get
 * no team), 618 poor households, 2016 assistance plans, monthly visits during 2016 with some months missed, exits in
 * 2016 and a few returns to poverty.
 *
 * Nobody is invented. Leaders are the village Party secretaries (Party members); the three core members are a
 * county-department cadre, a town cadre and a member of the village committees (member types COUNTY_CADRE,
 * TOWN_CADRE, VILLAGE_CADRE: the demo county has no doctors, teachers or agricultural technicians as people);
 * flexible members are further village committee members or ordinary Party members of the village (VOLUNTEER).
 * Household heads are the village's ordinary (non-cadre) demo residents. 黄花村's team has the `team.member`
 * account's person as a core member. No visit photos (they would need files in the data directory).
 * Deterministic for a seed; no ledger events (the seeder records one 'demo.seeded').
 */
import { uuidv7 } from 'uuidv7';
import type { HouseholdCause, MeasureType } from '../../../contracts/poverty.ts';
import type { DemoModuleContext, DemoModuleSeeder } from '../demo/demo-modules.ts';
import { Rng, type DemoPerson } from '../demo/demo-county.generator.ts';

const SEED_SALT = 0x3a3;
/** SPEC §5 / article: 618 poor households assisted by the teams */
export const DEMO_HOUSEHOLDS = 618;
const YEAR = 2016;
const NOTICE_DAYS = 7;

const CAUSE_WEIGHTS: [HouseholdCause, number][] = [['ILLNESS', 38], ['DISABILITY', 16], ['LACK_OF_LABOUR', 15], ['LACK_OF_SKILLS', 12], ['EDUCATION', 10], ['DISASTER', 3], ['OTHER', 6]];
const MEASURES: Record<HouseholdCause, [MeasureType, string, number | null][]> = {
  ILLNESS: [['HEALTH', '落实新农合大病补充保险和医疗救助，家庭医生签约', 3000], ['SOCIAL_SECURITY', '申请低保，按月发放', 2400]],
  DISABILITY: [['SOCIAL_SECURITY', '办理残疾人两项补贴', 1200], ['EMPLOYMENT', '联系村级公益性岗位（保洁）', 6000]],
  LACK_OF_LABOUR: [['SOCIAL_SECURITY', '纳入低保兜底，协调邻里互助', 2400], ['INDUSTRY', '入股村集体合作社，年底分红', 1500]],
  LACK_OF_SKILLS: [['EMPLOYMENT', '参加县人社局农村实用技术培训并推荐园区就业', null], ['INDUSTRY', '发放优质稻种和有机肥，农技指导', 800]],
  EDUCATION: [['EDUCATION', '落实雨露计划和助学金', 3000], ['EMPLOYMENT', '家长就近务工推荐', null]],
  DISASTER: [['HOUSING', '危房改造补助', 15000], ['SOCIAL_SECURITY', '临时救助', 2000]],
  OTHER: [['INDUSTRY', '发展庭院养殖（鸡鸭）', 1000], ['OTHER', '结对帮扶，定期走访', null]],
};
const NEEDS = ['看病报销手续不清楚', '孩子上学费用有困难', '想学养殖技术', '房屋漏雨需要维修', '希望在附近找到工作', '低保年审材料', '春耕缺少种子化肥', '老人行动不便需要照料', '无新需求，生活稳定'];
const ACTIONS = ['讲解医保报销政策并代办材料', '联系学校落实助学金', '联系农技站上门指导', '上报危房改造名单', '推荐到园区企业面试', '协助准备低保年审材料', '送去种子化肥', '联系村志愿者定期照看', '了解近况，宣传扶贫政策'];

const current = (p: DemoPerson, unitKey: string) => p.posts.filter((x) => x.orgUnitKey === unitKey && x.endDate === null);
const latestStart = (p: DemoPerson, unitKey: string) => current(p, unitKey).reduce((m, x) => (x.startDate > m ? x.startDate : m), '0000-00-00');
const maxDate = (a: string, b: string) => (a > b ? a : b);
const addDays = (date: string, n: number) => new Date(new Date(`${date}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);
const monthDay = (month: number, day: number) => `${YEAR}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

export const povertyDemo: DemoModuleSeeder = {
  module: 'poverty',
  async seed(ctx: DemoModuleContext): Promise<Record<string, number>> {
    const { county, trx } = ctx;
    const rng = new Rng(ctx.seed + SEED_SALT);
    const now = ctx.now;
    const units = new Map(county.orgUnits.map((u) => [u.key, u]));
    const villages = county.orgUnits.filter((u) => (u.type === 'VILLAGE' || u.type === 'COMMUNITY') && u.validTo === null);
    const villageOf = (unitKey: string): string | null => {
      const u = units.get(unitKey);
      if (!u) return null;
      if (u.type === 'VILLAGE' || u.type === 'COMMUNITY') return u.key;
      return u.type === 'VILLAGER_GROUP' && u.parentKey ? u.parentKey : null;
    };

    // Pools of people, in generation order (deterministic).
    const countyCadres = rng.shuffle(county.people.filter((p) => p.cadre !== null && p.orgUnitKey.startsWith('ou:dept:') && !p.posts.some((x) => x.endDate === null && x.isPrincipal)));
    const townStaff = new Map<string, DemoPerson[]>();
    const villageCadres = new Map<string, DemoPerson[]>();
    const residents = new Map<string, DemoPerson[]>();
    for (const p of county.people) {
      const u = units.get(p.orgUnitKey);
      if (!u) continue;
      if ((u.type === 'TOWN' || u.type === 'STREET') && p.cadre !== null && !p.posts.some((x) => x.endDate === null && x.isLeadership)) (townStaff.get(u.key) ?? townStaff.set(u.key, []).get(u.key)!).push(p);
      const v = villageOf(p.orgUnitKey);
      if (!v) continue;
      if (current(p, v).length > 0) (villageCadres.get(v) ?? villageCadres.set(v, []).get(v)!).push(p);
      else if (p.cadre === null && p.posts.length === 0) (residents.get(v) ?? residents.set(v, []).get(v)!).push(p);
    }
    const teamMemberKey = county.accounts.find((a) => a.username === 'team.member')?.personKey ?? null;
    const usedCounty = new Set<string>();
    let countyIdx = 0;

    type Member = { id: string; personKey: string; slot: 'LEADER' | 'CORE' | 'FLEX'; type: string };
    type Team = { id: string; villageKey: string; formedAt: string; members: Member[] };
    const teams: Team[] = [];
    const teamRows: object[] = [];
    const memberRows: object[] = [];

    for (const v of villages) {
      const cadres = villageCadres.get(v.key) ?? [];
      const secretary = cadres.find((p) => p.isPartyMember && current(p, v.key).some((x) => x.isPrincipal && x.title.includes('书记')));
      const town = townStaff.get(v.parentKey!) ?? [];
      const members: Member[] = [];
      const add = (p: DemoPerson, slot: Member['slot'], type: string) => members.push({ id: uuidv7(), personKey: p.key, slot, type });
      const taken = new Set<string>();
      // the "1": the village Party secretary, else a Party-member town cadre
      const leader = secretary ?? town.find((p) => p.isPartyMember)!;
      add(leader, 'LEADER', secretary ? 'VILLAGE_CADRE' : 'TOWN_CADRE');
      taken.add(leader.key);
      // the "3": a county-department cadre, a town cadre, a village committee member
      while (usedCounty.has(countyCadres[countyIdx % countyCadres.length]!.key)) countyIdx++;
      const countyCadre = countyCadres[countyIdx % countyCadres.length]!;
      usedCounty.add(countyCadre.key);
      add(countyCadre, 'CORE', 'COUNTY_CADRE');
      const townCadre = rng.pick(town.filter((p) => !taken.has(p.key)));
      add(townCadre, 'CORE', 'TOWN_CADRE');
      taken.add(townCadre.key);
      const others = cadres.filter((p) => !taken.has(p.key));
      const villageCore = others.find((p) => p.key === teamMemberKey) ?? others[0] ?? town.find((p) => !taken.has(p.key))!;
      add(villageCore, 'CORE', others.includes(villageCore) ? 'VILLAGE_CADRE' : 'TOWN_CADRE');
      taken.add(villageCore.key);
      // the "X": 0–3 more village cadres or Party-member residents as volunteers
      const flexPool = rng.shuffle([...others.filter((p) => !taken.has(p.key)), ...(residents.get(v.key) ?? []).filter((p) => p.isPartyMember).slice(0, 4)]);
      for (const p of flexPool.slice(0, rng.int(0, 3))) add(p, 'FLEX', current(p, v.key).length > 0 ? 'VILLAGE_CADRE' : 'VOLUNTEER');

      // formed early in 2016, never before the members' current posts began (merged villages: after July's elections)
      const starts = members.map((m) => latestStart(county.people.find((p) => p.key === m.personKey)!, v.key));
      const formedAt = maxDate(rng.date('2016-01-04', '2016-02-26'), addDays(starts.reduce(maxDate, '0000-00-00'), rng.int(3, 12)));
      const team: Team = { id: uuidv7(), villageKey: v.key, formedAt, members };
      teams.push(team);
      teamRows.push({
        id: team.id, name: `${v.name}"1+(3+X)"帮扶团队`, village_org_unit_id: ctx.unitId(v.key), org_path: ctx.unitPath(v.key), leader_person_id: ctx.personId(leader.key),
        formed_at: formedAt, status: 'ACTIVE', dissolved_at: null, created_at: now, updated_at: now,
      });
      for (const m of members) {
        memberRows.push({ id: m.id, team_id: team.id, person_id: ctx.personId(m.personKey), slot: m.slot, member_type: m.type, from_date: formedAt, to_date: null, created_at: now });
      }
    }
    await ctx.insertChunked(teamRows, (c) => trx.insertInto('service_team').values(c as never).execute());
    await ctx.insertChunked(memberRows, (c) => trx.insertInto('team_member').values(c as never).execute());

    // 618 households: three per village, the remainder to villages drawn at random (at most one extra each).
    const perVillage = new Map(teams.map((t) => [t.id, Math.min(3, residents.get(t.villageKey)?.length ?? 0)]));
    let placed = [...perVillage.values()].reduce((s, n) => s + n, 0);
    for (const t of rng.shuffle(teams)) {
      if (placed >= DEMO_HOUSEHOLDS) break;
      if ((residents.get(t.villageKey)?.length ?? 0) > perVillage.get(t.id)!) {
        perVillage.set(t.id, perVillage.get(t.id)! + 1);
        placed++;
      }
    }

    const households: object[] = [];
    const causes: object[] = [];
    const events: object[] = [];
    const plans: object[] = [];
    const measures: object[] = [];
    const visits: object[] = [];
    const visitMembers: object[] = [];
    let exited = 0;
    let returned = 0;
    const event = (householdId: string, action: string, from: string | null, to: string, teamId: string | null, on: string, note: string | null = null) =>
      events.push({ id: uuidv7(), household_id: householdId, action, from_status: from, to_status: to, team_id: teamId, note, actor_user_id: null, occurred_on: on, created_at: `${on}T02:00:00.000Z` });

    for (const team of teams) {
      const heads = rng.shuffle((residents.get(team.villageKey) ?? []).slice().sort((a, b) => (a.birthDate < b.birthDate ? -1 : 1)).slice(0, 10)).slice(0, perVillage.get(team.id));
      for (const head of heads) {
        const id = uuidv7();
        const identifiedYear = rng.weighted([[2014, 55], [2015, 35], [2016, 10]] as const);
        const identifiedOn = identifiedYear === 2016 ? rng.date('2016-01-04', '2016-03-31') : `${identifiedYear}-${String(rng.int(4, 11)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
        const assignedOn = maxDate(team.formedAt, identifiedOn);
        const cs = new Set<HouseholdCause>([rng.weighted(CAUSE_WEIGHTS)]);
        if (rng.chance(0.35)) cs.add(rng.weighted(CAUSE_WEIGHTS));
        // fate in 2016: most stay assisted; some exit (Oct–Dec); a few exit early and return; a few are mid-exit
        const fate = rng.weighted([['assisted', 78], ['exited', 14], ['returned', 2], ['proposed', 3], ['publicized', 3]] as const);
        let status = 'ASSISTED';
        let noticeStart: string | null = null;
        let noticeEnd: string | null = null;
        let exitedOn: string | null = null;
        let visitsUntil = '2016-12-31';
        event(id, 'identify', null, 'IDENTIFIED', null, identifiedOn, '村民代表会议评议通过');
        event(id, 'assign', 'IDENTIFIED', 'ASSISTED', team.id, assignedOn);
        if (fate !== 'assisted' && assignedOn < '2016-08-01') {
          const early = fate === 'returned';
          const proposeOn = early ? rng.date('2016-04-01', '2016-05-31') : fate === 'exited' ? rng.date('2016-09-20', '2016-11-30') : rng.date('2016-12-01', '2016-12-20');
          event(id, 'proposeExit', 'ASSISTED', 'EXIT_PROPOSED', team.id, proposeOn, '人均纯收入稳定超过当年脱贫标准');
          status = 'EXIT_PROPOSED';
          if (fate !== 'proposed') {
            noticeStart = addDays(proposeOn, rng.int(2, 6));
            noticeEnd = addDays(noticeStart, NOTICE_DAYS - 1);
            event(id, 'publicize', 'EXIT_PROPOSED', 'EXIT_PUBLICIZED', team.id, noticeStart);
            status = 'EXIT_PUBLICIZED';
          }
          if (fate === 'exited' || fate === 'returned') {
            exitedOn = addDays(noticeEnd!, rng.int(1, 6));
            event(id, 'approveExit', 'EXIT_PUBLICIZED', 'EXITED', team.id, exitedOn, '公示期满无异议');
            status = 'EXITED';
            visitsUntil = exitedOn;
            exited++;
          }
          if (fate === 'returned') {
            const back = rng.date('2016-08-01', '2016-10-31');
            event(id, 'returnToPoverty', 'EXITED', 'RETURNED_TO_POVERTY', team.id, back, '家庭成员患重病，收入骤降');
            status = 'RETURNED_TO_POVERTY';
            returned++;
            if (rng.chance(0.6)) {
              const again = addDays(back, rng.int(5, 20));
              event(id, 'reassist', 'RETURNED_TO_POVERTY', 'ASSISTED', team.id, again);
              status = 'ASSISTED';
              noticeStart = null;
              noticeEnd = null;
              visitsUntil = '2016-12-31';
            }
          }
        }
        const teamId = status === 'EXITED' || status === 'RETURNED_TO_POVERTY' || status === 'ASSISTED' || status.startsWith('EXIT_') ? team.id : null;
        households.push({
          id, head_person_id: ctx.personId(head.key), village_org_unit_id: ctx.unitId(team.villageKey), org_path: ctx.unitPath(team.villageKey), member_count: rng.int(1, 6),
          team_id: teamId, status, identified_year: identifiedYear, notice_start: status === 'EXIT_PUBLICIZED' ? noticeStart : null, notice_end: status === 'EXIT_PUBLICIZED' ? noticeEnd : null,
          exited_on: status === 'EXITED' ? exitedOn : null, created_at: now, updated_at: now,
        });
        for (const c of cs) causes.push({ household_id: id, cause: c });

        const planId = uuidv7();
        plans.push({ id: planId, household_id: id, year: YEAR, updated_by_user_id: null, created_at: now, updated_at: now });
        [...cs].flatMap((c) => MEASURES[c]).slice(0, 3).forEach(([type, description, funding], i) => {
          measures.push({ id: uuidv7(), plan_id: planId, seq: i + 1, type, description, funding_yuan: funding, owner_member_id: rng.pick(team.members).id });
        });

        // monthly visits from the month after assignment while assisted, about one month in twelve missed
        const firstMonth = assignedOn.startsWith(String(YEAR)) ? Number(assignedOn.slice(5, 7)) + (Number(assignedOn.slice(8, 10)) > 20 ? 1 : 0) : 1;
        for (let m = firstMonth; m <= 12; m++) {
          const day = rng.int(3, 27);
          const on = monthDay(m, day);
          if (on > visitsUntil || on < assignedOn) continue;
          if (rng.chance(0.085)) continue;
          const vid = uuidv7();
          visits.push({
            id: vid, team_id: team.id, household_id: id, org_path: ctx.unitPath(team.villageKey), visited_on: on, needs: rng.pick(NEEDS), actions_taken: rng.pick(ACTIONS),
            logged_by_user_id: null, created_at: `${on}T09:00:00.000Z`,
          });
          const who = new Set<string>([team.members[rng.int(0, Math.min(3, team.members.length - 1))]!.personKey]);
          if (rng.chance(0.5)) who.add(rng.pick(team.members).personKey);
          for (const k of who) visitMembers.push({ visit_id: vid, person_id: ctx.personId(k) });
        }
      }
    }
    await ctx.insertChunked(households, (c) => trx.insertInto('poor_household').values(c as never).execute());
    await ctx.insertChunked(causes, (c) => trx.insertInto('household_cause').values(c as never).execute());
    await ctx.insertChunked(events, (c) => trx.insertInto('household_event').values(c as never).execute());
    await ctx.insertChunked(plans, (c) => trx.insertInto('assistance_plan').values(c as never).execute());
    await ctx.insertChunked(measures, (c) => trx.insertInto('assistance_measure').values(c as never).execute());
    await ctx.insertChunked(visits, (c) => trx.insertInto('assistance_visit').values(c as never).execute());
    await ctx.insertChunked(visitMembers, (c) => trx.insertInto('visit_member').values(c as never).execute());
    return { povertyTeams: teams.length, povertyHouseholds: households.length, povertyVisits: visits.length, povertyExited: exited, povertyReturned: returned };
  },
};
