/**
 * Demo data of M2 (SPEC §5): a year (2016) of citizen matters across every town and village, with realistic
 * categories (≈40 % consult, 30 % help, 20 % complaint, 10 % suggestion), channels, timings on the working-day
 * calendar, some late (supervised, escalated, a few M10 candidates), returned, reopened, revisited; about 300 still
 * open at the end of 2016; a few reports naming cadres routed to the discipline commission. 10,336 matters end in
 * CLOSED / REVISITED / ARCHIVED: the SPEC §6 figure is then a live count (dashboard `repliedAndClosed`).
 * Rows and rollups are inserted in chunks; no service calls per row.
 */
import { randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { MatterCategory, MatterStatus } from '../../../contracts/o2o.ts';
import type { NewCitizenMatterRow, NewMatterEventRow } from '../../db/schema.ts';
import { maskPhone } from '../../platform/crypto.ts';
import { addWorkingDays, cstDate, endOfCstDay, workingDaysFromTo, workingDeadline, type WorkCalendar } from '../../platform/calendar/index.ts';
import { Rng } from '../demo/demo-county.generator.ts';
import type { DemoModuleContext, DemoModuleSeeder } from '../demo/demo-modules.ts';
import { rebuildRollupTiers } from './o2o.repository.ts';
import { checkHash } from './o2o.service.ts';

export const DEMO_CLOSED_MATTERS = 10_336;
const DEMO_OPEN = 300;
const DEMO_REJECTED = 120;
const DEMO_ROUTED = 12;

const HANDLE_DAYS: Record<string, number> = { CONSULT: 3, HELP: 3, COMPLAINT: 10, SUGGESTION: 10 };
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '罗', '谢'];
const GIVEN = ['建国', '秀英', '桂兰', '志强', '海燕', '德明', '春华', '小红', '国平', '玉兰', '大勇', '丽娟', '伟', '芳', '军', '敏'];
const TOPICS: Record<string, string[]> = {
  CONSULT: ['咨询城乡居民医保缴费时间和报销比例', '咨询高龄津贴申领需要哪些材料', '咨询宅基地建房审批流程', '咨询残疾人两项补贴申请条件', '咨询农村危房改造政策', '咨询社保卡补办地点'],
  HELP: ['家中老人独居行动不便，请求帮助代办', '稻田灌溉水渠堵塞，请求组织疏通', '暴雨后房屋漏水，请求帮助维修', '孩子上学交通困难，请求协调', '低保户家中电路老化，请求检修'],
  COMPLAINT: ['村道路灯损坏一个多月无人维修', '附近养殖场异味严重影响生活', '垃圾清运不及时，堆放点臭气熏天', '夜间工地施工噪音扰民', '自来水水压低、经常停水'],
  SUGGESTION: ['建议在村部增设便民服务点', '建议村里增设垃圾分类投放点', '建议对村小门口道路设置减速带', '建议增加农村客运班次'],
};
const REPLIES: Record<string, string[]> = {
  CONSULT: ['已电话告知办理流程和所需材料', '已在群内答复政策规定，并告知办理地点'],
  HELP: ['已安排网格员上门协助办理', '已组织村组干部完成疏通', '已协调镇相关部门完成维修'],
  COMPLAINT: ['已督促责任单位整改完毕并现场核实', '已协调供电所更换路灯', '已约谈责任方并限期整改，复查合格'],
  SUGGESTION: ['建议已采纳，纳入村级年度工作计划', '已向镇政府反映，列入来年实施项目'],
};

type Unit = { id: string; path: string; townId: string };

async function loadCalendar(ctx: DemoModuleContext): Promise<WorkCalendar> {
  const days = await ctx.trx.selectFrom('calendar_day').select(['date', 'kind']).execute();
  return { holidays: new Set(days.filter((d) => d.kind === 'HOLIDAY').map((d) => d.date)), makeupWorkdays: new Set(days.filter((d) => d.kind === 'MAKEUP_WORKDAY').map((d) => d.date)) };
}

export const o2oDemoSeeder: DemoModuleSeeder = {
  module: 'o2o',
  seed: async (ctx) => {
    const rng = new Rng(ctx.seed + 5_002);
    const cal = await loadCalendar(ctx);
    const units = ctx.county.orgUnits;
    const towns = units.filter((u) => (u.type === 'TOWN' || u.type === 'STREET') && u.validTo === null);
    const villages: Unit[] = [];
    const townUnits = new Map<string, Unit>();
    for (const t of towns) townUnits.set(t.key, { id: ctx.unitId(t.key), path: ctx.unitPath(t.key), townId: ctx.unitId(t.key) });
    for (const v of units) {
      if ((v.type === 'VILLAGE' || v.type === 'COMMUNITY') && v.validTo === null && v.parentKey && townUnits.has(v.parentKey)) villages.push({ id: ctx.unitId(v.key), path: ctx.unitPath(v.key), townId: ctx.unitId(v.parentKey) });
    }
    if (villages.length === 0) return { o2oMatters: 0 };
    // WECHAT_GROUP matters name the village's (or town's) demo service group, if the groups seeder ran first (no rng use)
    const groupOfUnit = new Map<string, string>();
    for (const g of await ctx.trx.selectFrom('service_group').select(['id', 'org_unit_id']).where('level', 'in', ['TOWN', 'VILLAGE']).where('status', '=', 'ACTIVE').orderBy('id').execute()) {
      if (!groupOfUnit.has(g.org_unit_id)) groupOfUnit.set(g.org_unit_id, g.id);
    }

    type Plan = { kind: 'closed' | 'open' | 'rejected' | 'routed'; receivedMs: number };
    const plans: Plan[] = [];
    const yearStart = Date.UTC(2016, 0, 1) - 8 * 3_600_000;
    const randomReceived = (fromDay: number, toDay: number) => yearStart + rng.int(fromDay, toDay) * 86_400_000 + rng.int(8 * 60, 21 * 60) * 60_000;
    for (let i = 0; i < DEMO_CLOSED_MATTERS; i++) plans.push({ kind: 'closed', receivedMs: randomReceived(0, 350) });
    for (let i = 0; i < DEMO_REJECTED; i++) plans.push({ kind: 'rejected', receivedMs: randomReceived(0, 360) });
    for (let i = 0; i < DEMO_ROUTED; i++) plans.push({ kind: 'routed', receivedMs: randomReceived(0, 360) });
    for (let i = 0; i < DEMO_OPEN; i++) plans.push({ kind: 'open', receivedMs: randomReceived(330, 365) });
    plans.sort((a, b) => a.receivedMs - b.receivedMs);

    const matters: NewCitizenMatterRow[] = [];
    const events: NewMatterEventRow[] = [];
    const rollups = new Map<string, { metric: string; day: string; town_org_unit_id: string; village_org_unit_id: string; village_path: string; category: string; bucket: string; n: number }>();
    const bump = (metric: string, day: string, unit: Unit, category: string, bucket: string) => {
      const key = [metric, day, unit.id, category, bucket].join('|');
      const r = rollups.get(key);
      if (r) r.n++;
      else rollups.set(key, { metric, day, town_org_unit_id: unit.townId, village_org_unit_id: unit.id, village_path: unit.path, category, bucket, n: 1 });
    };
    const counts = { o2oMatters: 0, o2oRepliedAndClosed: 0, o2oOpen: 0, o2oOverdueOpen: 0, o2oLate: 0, o2oEscalated: 0, o2oReturned: 0, o2oReopened: 0, o2oRouted: 0 };
    const openStatuses: [MatterStatus, number][] = [['SUBMITTED', 40], ['ACCEPTED', 40], ['DISPATCHED', 40], ['SIGNED', 30], ['IN_PROGRESS', 100], ['EXTENSION_REQUESTED', 10], ['REPLIED', 40]];
    const endOfYear = Date.parse('2016-12-31T15:59:59.999Z');

    plans.forEach((p, i) => {
      const seq = i + 1;
      const code = `CSX-2016-${String(seq).padStart(6, '0')}`;
      const id = uuidv7();
      const village = rng.chance(0.9) ? rng.pick(villages) : townUnits.get(rng.pick(towns).key)!;
      const isVillage = village.id !== village.townId;
      const category: MatterCategory = p.kind === 'routed' ? 'REPORT' : rng.weighted<MatterCategory>([['CONSULT', 40], ['HELP', 30], ['COMPLAINT', 20], ['SUGGESTION', 10]]);
      const urgency = rng.weighted([['URGENT', 5], ['NORMAL', 85], ['COMPLEX', 10]] as const);
      const channel = rng.weighted([['WECHAT_GROUP', 70], ['H5_FORM', 15], ['PHONE', 10], ['OFFLINE_VISIT', 5]] as const);
      const received = new Date(p.receivedMs);
      const named = p.kind !== 'routed' && rng.chance(0.6);
      const name = named ? rng.pick(SURNAMES) + rng.pick(GIVEN) : null;
      const phone = named || rng.chance(0.3) ? `1${rng.pick(['39', '38', '37', '58', '88'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}` : null;
      const description = p.kind === 'routed' ? '反映某村干部在低保评定中优亲厚友' : rng.pick(TOPICS[category]!);
      const handleDays = urgency === 'URGENT' ? 0 : urgency === 'COMPLEX' ? 15 : (HANDLE_DAYS[category] ?? 10);
      const acceptedMs = p.receivedMs + rng.int(20, 20 * 60) * 60_000;
      const accepted = new Date(acceptedMs);
      const due = workingDeadline(accepted, handleDays, cal);
      const row: NewCitizenMatterRow = {
        id, code, check_hash: checkHash(ctx, code, randomBytes(6).toString('hex')), channel, source_group_id: channel === 'WECHAT_GROUP' ? (groupOfUnit.get(village.id) ?? null) : null, open311_client_id: null, requester_key: null, requester_person_id: null,
        requester_name_enc: name ? ctx.cipher.encrypt(name) : null, requester_name_masked: name ? `${name[0]}${'*'.repeat(Math.min(name.length - 1, 3))}` : null,
        requester_phone_enc: phone ? ctx.cipher.encrypt(phone) : null, requester_phone_masked: phone ? maskPhone(phone) : null, anonymous: named ? 0 : 1,
        category, urgency, names_cadre: p.kind === 'routed' ? 1 : 0, title: description.slice(0, 30), description,
        location_org_unit_id: village.id, location_path: village.path, town_org_unit_id: village.townId, current_level: isVillage ? 'VILLAGE' : 'TOWN', level_org_unit_id: village.id, level_path: village.path,
        assigned_org_unit_id: null, assigned_path: null, assignee_user_id: null, accepted_by_user_id: null, dispatched_by_user_id: null, status: 'SUBMITTED',
        received_at: received.toISOString(), received_day: cstDate(received), respond_by: new Date(p.receivedMs + (urgency === 'URGENT' ? 2 : 24) * 3_600_000).toISOString(),
        accepted_at: null, due_at: null, first_reply_at: null, replied_at: null, closed_at: null, resolution_text: null, reject_reason: null, public_reply: null, satisfaction: null, citizen_satisfaction: null, citizen_comment: null, revisit_at: null,
        extension_count: 0, overdue: 0, overdue_count: 0, was_overdue: 0, supervised: 0, escalation_count: 0, return_count: 0, reopen_count: 0, m10_candidate: 0, routed_to: null, created_by_user_id: null,
        created_at: ctx.now, updated_at: ctx.now,
      };
      const ev = (at: Date, action: string, from: string | null, to: string, role: string, note: string | null = null, publicNote: string | null = null) =>
        events.push({ id: uuidv7(), matter_id: id, at: at.toISOString(), actor_user_id: null, actor_role: role, action, from_status: from, to_status: to, note, public_note: publicNote });
      ev(received, 'submit', null, p.kind === 'routed' ? 'ROUTED_DISCIPLINE' : 'SUBMITTED', channel === 'WECHAT_GROUP' || channel === 'H5_FORM' ? 'CITIZEN' : 'VILLAGE_CADRE', null, `您反映的事项已收到（编号 ${code}）。`);
      let status: MatterStatus = 'SUBMITTED';
      if (p.kind === 'routed') {
        Object.assign(row, { status: 'ROUTED_DISCIPLINE', routed_to: 'DISCIPLINE_COMMISSION', current_level: 'COUNTY', level_org_unit_id: village.path.split('/')[1], level_path: `/${village.path.split('/')[1]}/` });
        counts.o2oRouted++;
        matters.push(row);
        return;
      }
      if (p.kind === 'rejected') {
        status = 'REJECTED';
        const reason = rng.pick(['已进入诉讼程序，请通过司法途径解决', '属信访事项，已告知通过信访渠道反映', '反映内容与本村无关']);
        Object.assign(row, { status, reject_reason: reason, closed_at: accepted.toISOString() });
        ev(accepted, 'reject', 'SUBMITTED', 'REJECTED', 'VILLAGE_CADRE', reason);
        matters.push(row);
        bump('STATUS', row.received_day, village, category, status);
        return;
      }
      const openTarget = p.kind === 'open' ? rng.weighted(openStatuses) : null;
      if (openTarget === 'SUBMITTED') {
        matters.push(row);
        bump('STATUS', row.received_day, village, category, 'SUBMITTED');
        counts.o2oOpen++;
        return;
      }
      Object.assign(row, { accepted_at: accepted.toISOString(), due_at: due.toISOString() });
      ev(accepted, 'accept', 'SUBMITTED', 'ACCEPTED', 'VILLAGE_CADRE', null, `您反映的事项已受理，预计办结日期 ${cstDate(due)}。`);
      status = 'ACCEPTED';
      // consult answered on the spot by the village cadre
      if (p.kind === 'closed' && category === 'CONSULT' && rng.chance(0.5)) {
        const at = new Date(acceptedMs + rng.int(5, 120) * 60_000);
        const text = rng.pick(REPLIES.CONSULT!);
        Object.assign(row, { status: 'CLOSED', resolution_text: text, public_reply: `关于您咨询的问题，答复如下：${text}`, first_reply_at: at.toISOString(), replied_at: at.toISOString(), closed_at: at.toISOString() });
        ev(at, 'answer', 'ACCEPTED', 'ANSWERED_ON_SPOT', 'VILLAGE_CADRE', null, row.public_reply);
        ev(at, 'autoClose', 'ANSWERED_ON_SPOT', 'CLOSED', 'SYSTEM');
        finishClosed(row, at, 'CLOSED');
        return;
      }
      const dispatched = rng.chance(0.7);
      if (dispatched) {
        const town = townUnits.get(towns.find((t) => ctx.unitId(t.key) === village.townId)!.key)!;
        const at = new Date(acceptedMs + rng.int(30, 600) * 60_000);
        if (rng.chance(0.03)) {
          row.return_count = 1;
          counts.o2oReturned++;
        }
        Object.assign(row, { assigned_org_unit_id: town.id, assigned_path: town.path });
        ev(at, 'dispatch', 'ACCEPTED', 'DISPATCHED', 'O2O_DISPATCHER');
        status = 'DISPATCHED';
      }
      if (openTarget && openTarget !== 'ACCEPTED' && openTarget !== 'DISPATCHED') status = openTarget;
      if (openTarget === 'ACCEPTED') status = 'ACCEPTED';
      if (p.kind === 'open') {
        if (openTarget === 'DISPATCHED' && !dispatched) status = 'ACCEPTED';
        row.status = status;
        if (due.getTime() < endOfYear) {
          Object.assign(row, { overdue: 1, was_overdue: 1, overdue_count: 1, supervised: 1 });
          counts.o2oOverdueOpen++;
        }
        matters.push(row);
        bump('STATUS', row.received_day, village, category, status);
        counts.o2oOpen++;
        return;
      }
      // closed: handling time around the deadline; ~8 % late
      const late = rng.chance(0.08);
      const daysToReply = late ? handleDays + rng.int(1, 6) : Math.max(0, rng.int(Math.floor(handleDays / 3), handleDays));
      const replyDay = handleDays === 0 && !late ? cstDate(accepted) : addWorkingDays(cstDate(accepted), Math.max(daysToReply, 0), cal);
      const repliedAt = new Date(Math.max(acceptedMs + 3_600_000, endOfCstDay(replyDay).getTime() - rng.int(6, 9) * 3_600_000));
      const text = rng.pick(REPLIES[category]!);
      if (late) {
        Object.assign(row, { was_overdue: 1, overdue_count: 1, supervised: 1 });
        counts.o2oLate++;
        if (rng.chance(0.5)) {
          Object.assign(row, { escalation_count: 1, current_level: isVillage ? 'TOWN' : 'COUNTY' });
          counts.o2oEscalated++;
        }
        if (rng.chance(0.1)) Object.assign(row, { overdue_count: 2, m10_candidate: 1 });
        ev(new Date(due.getTime() + 60_000), 'overdue', status, status, 'SYSTEM', `督办：事项 ${code} 已超过办理时限`);
      }
      Object.assign(row, { resolution_text: text, public_reply: `您反映的事项已办理：${text}。`, first_reply_at: repliedAt.toISOString(), replied_at: repliedAt.toISOString() });
      ev(repliedAt, 'reply', 'IN_PROGRESS', 'REPLIED', dispatched ? 'HANDLER' : 'VILLAGE_CADRE', null, row.public_reply);
      const closedAt = new Date(repliedAt.getTime() + rng.int(1, 30) * 3_600_000);
      ev(closedAt, 'close', 'REPLIED', 'CLOSED', 'O2O_DISPATCHER', null, '您反映的事项已办结，感谢您的监督。');
      const final = rng.weighted<MatterStatus>([['ARCHIVED', 62], ['CLOSED', 30], ['REVISITED', 8]]);
      if (rng.chance(0.02)) {
        row.reopen_count = 1;
        counts.o2oReopened++;
      }
      finishClosed(row, closedAt, final);

      function finishClosed(r: NewCitizenMatterRow, at: Date, finalStatus: MatterStatus) {
        r.closed_at = at.toISOString();
        r.status = finalStatus;
        const wd = Math.max(0, workingDaysFromTo(accepted, at, cal));
        bump('CLOSED_DAYS', cstDate(at), village, category, String(wd).padStart(3, '0'));
        bump(r.was_overdue ? 'LATE' : 'ON_TIME', cstDate(at), village, category, '-');
        if (finalStatus !== 'CLOSED') {
          const revisitAt = new Date(at.getTime() + rng.int(1, 3) * 86_400_000);
          const sat = finalStatus === 'REVISITED' ? 'DISSATISFIED' : rng.weighted([['SATISFIED', 88], ['BASIC', 12]] as const);
          Object.assign(r, { satisfaction: sat, revisit_at: revisitAt.toISOString(), citizen_satisfaction: rng.chance(0.3) ? sat : null });
          ev(revisitAt, 'revisit', 'CLOSED', 'REVISITED', 'O2O_DISPATCHER', sat);
          if (finalStatus === 'ARCHIVED') ev(revisitAt, 'autoArchive', 'REVISITED', 'ARCHIVED', 'SYSTEM');
          bump('SATISFACTION', cstDate(revisitAt), village, category, sat);
        }
        bump('STATUS', r.received_day, village, category, finalStatus);
        counts.o2oRepliedAndClosed++;
        matters.push(r);
      }
    });

    await ctx.insertChunked(matters, (chunk) => ctx.trx.insertInto('citizen_matter').values(chunk).execute());
    await ctx.insertChunked(events, (chunk) => ctx.trx.insertInto('matter_event').values(chunk).execute());
    await ctx.insertChunked([...rollups.values()], (chunk) => ctx.trx.insertInto('o2o_rollup').values(chunk).execute());
    await rebuildRollupTiers(ctx.trx);
    await ctx.trx.insertInto('o2o_code_counter').values({ year: 2016, last_seq: plans.length }).execute();
    counts.o2oMatters = matters.length;
    return counts;
  },
};
