/**
 * Demo data of M5 (issue 4 deliverable 8): the 2016 term-change campaign "2016年乡镇党委换届考察分析" over the 18 towns
 * and streets, with real records from which the campaign statistics reproduce the article's figures:
 *
 * - 64 letters of inquiry: one to every county department except the organisation department that sends them
 *   (the demo county has 65 departments, so the 64 recipients are exactly its other departments);
 * - 310 individual interviews (个别访谈) across the 10 interviewee levels, each with a targeted outline;
 * - 98 villages visited, 460 village and group cadres met (the listed cadres of each village, plus group leaders
 *   counted but not registered where a village's registered cadres fall short);
 * - 214 document reviews over 2013–2015 (200+); 9 public tips, none real-name;
 * - talk coverage of 100 %: every town organ staff member, station head and village principal on the start date
 *   who had no other talk gets a full-coverage heart-to-heart talk (全覆盖式谈心谈话), found by the same query the
 *   statistics use;
 * - evidence for the town leadership cadres: annual grades 2013–2015, awards, letter replies, audits, training, some
 *   accountability with an effect period, confidential talk findings and petitions, and team-level visit notes.
 *
 * Deterministic (the generator's Rng seeded from ctx.seed), about two thousand encryptions, well under a second.
 */
import { uuidv7 } from 'uuidv7';
import type { AnnualGrade, DocType, EvidenceSourceType, TalkMode, TipChannel } from '../../../contracts/analysis.ts';
import type { NewEvidenceRow, NewTalkRow } from '../../db/schema.ts';
import { Rng, type DemoPerson } from '../demo/demo-county.generator.ts';
import type { DemoModuleContext, DemoModuleSeeder } from '../demo/demo-modules.ts';
import { coveragePopulations } from './analysis-statistics.ts';
import * as repo from './analysis.repository.ts';

export const DEMO_CAMPAIGN_NAME = '2016年乡镇党委换届考察分析';
const START = '2016-05-04';
const END = '2016-06-30';
const SALT = 0x4d35; // 'M5'

const TALK_TARGETS: [string, number][] = [
  ['L01', 10], ['L02', 36], ['L03', 60], ['L04', 40], ['L05', 40], ['L06', 50], ['L07', 30], ['L08', 14], ['L09', 15], ['L10', 15],
];
const INDIVIDUAL_TOTAL = 310;
const VILLAGES_VISITED = 98;
const CADRES_MET = 460;
const DOCUMENTS = 214;

const active = (start: string, end: string | null, on: string) => start <= on && (end === null || end >= on);

const NOTES = [
  '谈话对象认为该班子团结协作较好，主要负责人抓发展思路清晰，但对村级集体经济发展着力不够。',
  '反映班子成员作风扎实，征地拆迁一线表现突出；建议加强年轻干部的培养使用。',
  '谈到乡镇机关干部工作积极性总体较高，个别站所负责人存在"不在状态"的情况。',
  '对党委书记抓党建工作评价较高，认为"党建+"项目落地有成效；希望改进会风文风。',
  '反映村级组织换届前思想稳定，群众对村"两委"班子总体满意，个别村存在矛盾需化解。',
  '认为镇长协调能力强，招商引资成效明显；班子结构上缺少懂规划建设的专业干部。',
];
const FINDINGS = ['班子团结', '发展思路清晰', '一线表现突出', '作风需改进', '结构需优化', '群众满意度高', '年轻干部储备不足'];
const QUESTIONS = [
  '您认为本镇（街道）党委班子整体运行情况如何？',
  '请谈谈班子主要负责人在"德、能、勤、绩、廉"方面的表现。',
  '班子成员中哪些同志表现突出，可以提拔重用或交流使用？',
  '您对本次换届班子结构（年龄、专业、经历）有什么建议？',
  '班子成员中是否有"不在状态"或群众反映较大的情况？',
];
const TIP_TEXTS = [
  '反映某镇征地补偿款发放进度慢，希望换届后新班子加快推进。',
  '建议选拔懂产业、会招商的年轻干部进入班子。',
  '反映某村财务公开不及时，希望组织上关注。',
  '对某街道班子近年城市管理工作表示肯定。',
  '反映某站所负责人工作作风漂浮，群众办事难。',
  '建议换届时注重从征地拆迁一线选拔干部。',
  '反映某镇干部参与经营活动，请予核实。',
  '希望新一届班子重视农村环境整治。',
  '对某镇党委书记推进"党建+"工作表示认可。',
];

export async function seedAnalysisDemo(ctx: DemoModuleContext): Promise<Record<string, number>> {
  const rng = new Rng((ctx.seed ^ SALT) >>> 0);
  const { county, trx, cipher, now } = ctx;
  const unitByKey = new Map(county.orgUnits.map((u) => [u.key, u]));
  const towns = county.orgUnits.filter((u) => u.type === 'TOWN' || u.type === 'STREET');
  const townKeys = new Set(towns.map((t) => t.key));
  const depts = county.orgUnits.filter((u) => u.type === 'COUNTY_DEPT');
  const orgDept = depts.find((d) => d.name === '中共长沙县委组织部') ?? depts[1]!;
  const townOf = (unitKey: string): string | null => {
    let u = unitByKey.get(unitKey);
    while (u) {
      if (townKeys.has(u.key)) return u.key;
      u = u.parentKey ? unitByKey.get(u.parentKey) : undefined;
    }
    return null;
  };
  const pid = ctx.personId;
  const activePosts = (p: DemoPerson, on = START) => p.posts.filter((x) => active(x.startDate, x.endDate, on));
  const unitType = (key: string) => unitByKey.get(key)?.type;
  const isVillageUnit = (key: string) => unitType(key) === 'VILLAGE' || unitType(key) === 'COMMUNITY';
  const staffOfOrgDept = county.people.filter((p) => p.orgUnitKey === orgDept.key && p.cadre !== null && p.cadre.rankLevel !== 'DEPUTY_COUNTY');
  const createdBy = ctx.userId('cadre.section');
  const counts: Record<string, number> = {};

  // ---- the campaign and its team ----
  const campaignId = uuidv7();
  const rootKey = county.orgUnits.find((u) => u.type === 'COUNTY')!.key;
  const scopeTownIds = towns.map((t) => ctx.unitId(t.key));
  const campaign = {
    id: campaignId, name: DEMO_CAMPAIGN_NAME, scope_town_ids: JSON.stringify(scopeTownIds), start_at: START, end_at: END, notice_published_at: '2016-05-04', notice_media: '《长沙晚报》',
    notice_text: '为做好2016年乡镇党委换届工作，县委组织部对全县18个乡镇（街道）领导班子和领导干部进行考察分析，公开接受群众来信来访，反映班子及其成员德、能、勤、绩、廉方面的情况。',
    status: 'ANALYSING', owner_org_unit_id: ctx.unitId(rootKey), org_path: ctx.unitPath(rootKey), created_by: createdBy, created_at: now, updated_at: now,
  };
  await repo.insertCampaign(trx, campaign);
  const accountOf = (username: string) => county.accounts.find((a) => a.username === username)!;
  for (const [username, role] of [['cadre.section', 'LEAD'], ['orghead', 'MEMBER']] as const) {
    const acc = accountOf(username);
    await repo.insertMember(trx, { id: uuidv7(), campaign_id: campaignId, user_id: ctx.userId(username), person_id: acc.personKey ? pid(acc.personKey) : null, display_name: acc.displayName, team_role: role, created_at: now });
  }
  const interviewerPool = staffOfOrgDept.map((p) => pid(p.key));
  const interviewers = (): string[] => rng.shuffle(interviewerPool).slice(0, rng.int(2, 3));

  // ---- town teams (in-scope cadres) ----
  const team = new Map<string, DemoPerson[]>();
  for (const t of towns) team.set(t.key, []);
  for (const p of county.people) {
    if (!p.cadre) continue;
    const lead = activePosts(p).find((x) => townKeys.has(x.orgUnitKey) && x.isLeadership);
    if (lead) team.get(lead.orgUnitKey)!.push(p);
  }
  const teamIds = (townKey: string | null) => (townKey ? team.get(townKey)!.map((p) => pid(p.key)) : []);

  // ---- letters: the 64 other county departments ----
  const recipients = depts.filter((d) => d.key !== orgDept.key);
  const letters: { id: string; deptKey: string; repliedAt: string }[] = [];
  const letterRows = recipients.map((d) => {
    const repliedAt = rng.date('2016-05-10', '2016-05-27');
    const id = uuidv7();
    letters.push({ id, deptKey: d.key, repliedAt });
    return {
      id, campaign_id: campaignId, to_org_unit_id: ctx.unitId(d.key), org_path: ctx.unitPath(d.key), subject: `关于征求对乡镇（街道）领导班子和领导干部意见的函（${d.shortName ?? d.name}）`,
      sent_at: '2016-05-06', due_at: '2016-05-20', replied_at: repliedAt,
      reply_text: `${d.shortName ?? d.name}复函：经认真研究，对18个乡镇（街道）领导班子及成员在本单位业务工作中的表现提出意见，总体评价较好，个别事项附后。`,
      reply_attachment_hashes: JSON.stringify([sha256Like(rng)]), overdue_marked_at: null, created_by: createdBy, created_at: now, updated_at: now,
    };
  });
  await ctx.insertChunked(letterRows, (c) => trx.insertInto('letter_inquiry').values(c).execute());
  counts.analysisLetters = letterRows.length;

  // ---- individual interviews across the ten levels ----
  const used = new Set<string>();
  const pools: Record<string, DemoPerson[]> = {
    L01: county.people.filter((p) => p.orgUnitKey === rootKey && (p.cadre?.rankLevel === 'COUNTY' || p.cadre?.rankLevel === 'DEPUTY_COUNTY')),
    L02: county.people.filter((p) => activePosts(p).some((x) => townKeys.has(x.orgUnitKey) && x.isLeadership && x.isPrincipal)),
    L03: county.people.filter((p) => p.cadre && activePosts(p).some((x) => townKeys.has(x.orgUnitKey) && x.isLeadership) && !activePosts(p).some((x) => x.isPrincipal)),
    L04: county.people.filter((p) => activePosts(p).some((x) => unitType(x.orgUnitKey) === 'COUNTY_DEPT' && x.isPrincipal) && p.orgUnitKey !== orgDept.key),
    L05: county.people.filter((p) => activePosts(p).some((x) => townKeys.has(x.orgUnitKey) && !x.isLeadership && /(站长|所长|主任)$/.test(x.title))),
    L06: county.people.filter((p) => activePosts(p).some((x) => isVillageUnit(x.orgUnitKey) && x.isPrincipal && x.title.includes('书记'))),
    L07: county.people.filter((p) => activePosts(p).some((x) => isVillageUnit(x.orgUnitKey) && x.isPrincipal && x.title.includes('主任')) && !activePosts(p).some((x) => x.title.includes('书记'))),
    L08: county.people.filter((p) => unitType(p.orgUnitKey) === 'VILLAGER_GROUP' && p.posts.length === 0),
    L09: county.people.filter((p) => isVillageUnit(p.orgUnitKey) && p.posts.length === 0 && p.isPartyMember && p.birthDate > '1956-06-30'),
    L10: county.people.filter((p) => p.posts.length === 0 && p.cadre === null && p.birthDate <= '1956-06-30'),
  };
  const chosen: { person: DemoPerson; level: string }[] = [];
  for (const [level, target] of TALK_TARGETS) {
    for (const p of rng.shuffle(pools[level]!)) {
      if (chosen.filter((c) => c.level === level).length >= target) break;
      if (used.has(p.key)) continue;
      used.add(p.key);
      chosen.push({ person: p, level });
    }
  }
  // Top up from the deputy pool if a level was short (keeps exactly 310).
  for (const p of rng.shuffle([...pools.L03!, ...pools.L06!])) {
    if (chosen.length >= INDIVIDUAL_TOTAL) break;
    if (used.has(p.key)) continue;
    used.add(p.key);
    chosen.push({ person: p, level: pools.L03!.includes(p) ? 'L03' : 'L06' });
  }
  const talkRows: NewTalkRow[] = [];
  const outlineRows: { id: string; campaign_id: string; interviewee_person_id: string; questions: string; org_path: string; created_by: string; created_at: string; updated_at: string }[] = [];
  const talked = new Set<string>();
  const talk = (person: DemoPerson, level: string, mode: TalkMode, heldAt: string, subjects: string[], outlineId: string | null, location: string): string => {
    const id = uuidv7();
    const findings = rng.shuffle(FINDINGS).slice(0, rng.int(1, 3));
    talkRows.push({
      id, campaign_id: campaignId, mode, interviewee_person_id: pid(person.key), interviewee_level: level, subject_cadre_ids: JSON.stringify(subjects), subject_team_org_unit_ids: JSON.stringify(townOf(person.orgUnitKey) ? [ctx.unitId(townOf(person.orgUnitKey)!)] : []),
      outline_id: outlineId, interviewer_person_ids: JSON.stringify(interviewers()), held_at: heldAt, location, notes_enc: cipher.encrypt(rng.pick(NOTES)), key_findings_enc: cipher.encrypt(JSON.stringify(findings)),
      classification: 'CONFIDENTIAL', org_path: ctx.unitPath(person.orgUnitKey), created_by: createdBy, created_at: now, updated_at: now,
    });
    talked.add(pid(person.key));
    return id;
  };
  const individualTalkOf = new Map<string, string>();
  for (const { person, level } of chosen) {
    const town = townOf(person.orgUnitKey) ?? rng.pick(towns).key;
    const outlineId = uuidv7();
    outlineRows.push({ id: outlineId, campaign_id: campaignId, interviewee_person_id: pid(person.key), questions: JSON.stringify(rng.shuffle(QUESTIONS).slice(0, 4)), org_path: ctx.unitPath(person.orgUnitKey), created_by: createdBy, created_at: now, updated_at: now });
    const id = talk(person, level, 'INDIVIDUAL_INTERVIEW', rng.date('2016-05-09', '2016-06-10'), teamIds(town), outlineId, `${unitByKey.get(town)?.name ?? ''}谈话室`);
    individualTalkOf.set(person.key, id);
  }
  // Casual and outline talks with some town staff (not counted among the 310 individual interviewees).
  for (const t of towns) {
    const staff = county.people.filter((p) => p.orgUnitKey === t.key && activePosts(p).some((x) => x.orgUnitKey === t.key && !x.isLeadership) && !talked.has(pid(p.key)));
    for (const p of rng.shuffle(staff).slice(0, 3)) talk(p, 'L05', 'CASUAL', rng.date('2016-05-09', '2016-06-10'), teamIds(t.key), null, `${t.name}机关`);
  }

  // ---- field visits: 98 villages, 460 cadres met ----
  const villages = rng.shuffle(county.orgUnits.filter((u) => (u.type === 'VILLAGE' || u.type === 'COMMUNITY') && u.validTo === null && townOf(u.key))).slice(0, VILLAGES_VISITED);
  const cadresAt = (vKey: string, on: string) => county.people.filter((p) => p.posts.some((x) => x.orgUnitKey === vKey && active(x.startDate, x.endDate, on)));
  const plan = villages.map((v) => {
    const visitedAt = rng.date('2016-05-12', '2016-06-20');
    return { v, visitedAt, cadres: cadresAt(v.key, visitedAt), met: 0 };
  });
  for (const x of plan) x.met = x.cadres.length;
  let sum = plan.reduce((s, x) => s + x.met, 0);
  for (let i = 0, guard = 0; sum !== CADRES_MET && guard < 100_000; i = (i + 1) % plan.length, guard++) {
    const x = plan[i]!;
    if (sum < CADRES_MET) {
      x.met++; // a villager-group leader met as well (counted, not registered)
      sum++;
    } else if (x.met > 2) {
      x.met--;
      sum--;
    }
  }
  const visitRows = plan.map((x) => {
    const metIds = x.cadres.slice(0, x.met).map((p) => pid(p.key));
    const principal = x.cadres.find((p) => p.posts.some((q) => q.orgUnitKey === x.v.key && q.isPrincipal && active(q.startDate, q.endDate, START)));
    if (principal && !talked.has(pid(principal.key))) talk(principal, principal.posts.some((q) => q.title.includes('书记')) ? 'L06' : 'L07', 'FIELD_VISIT', x.visitedAt, teamIds(townOf(x.v.key)), null, x.v.name);
    return {
      id: uuidv7(), campaign_id: campaignId, village_org_unit_id: ctx.unitId(x.v.key), org_path: ctx.unitPath(x.v.key), visited_at: x.visitedAt, visitor_person_ids: JSON.stringify(interviewers()),
      village_cadres_met_count: x.met, village_cadre_ids: JSON.stringify(metIds), notes_enc: cipher.encrypt(`走访${x.v.name}，与村（组）干部座谈，了解镇党委班子在村级发展、基层治理方面的情况。`),
      created_by: createdBy, created_at: now, updated_at: now,
    };
  });
  await ctx.insertChunked(visitRows, (c) => trx.insertInto('field_visit').values(c).execute());
  counts.analysisVillagesVisited = visitRows.length;
  counts.analysisVillageCadresMet = plan.reduce((s, x) => s + x.met, 0);

  await ctx.insertChunked(outlineRows, (c) => trx.insertInto('talk_outline').values(c).execute());
  await ctx.insertChunked(talkRows.splice(0), (c) => trx.insertInto('talk').values(c).execute());

  // ---- full-coverage talks: everyone in the coverage populations without a talk yet ----
  const pops = await coveragePopulations(trx, campaign);
  const personByPid = new Map(county.people.map((p) => [pid(p.key), p]));
  const need = [...new Set([...pops.townOrganStaff, ...pops.stationHeads, ...pops.villagePrincipals])].filter((id) => !talked.has(id)).sort();
  for (const id of need) {
    const p = personByPid.get(id)!;
    const town = townOf(p.orgUnitKey);
    const level = pops.villagePrincipals.has(id) ? (activePosts(p).some((x) => x.title.includes('书记')) ? 'L06' : 'L07') : pops.stationHeads.has(id) ? 'L05' : activePosts(p).some((x) => x.isLeadership && x.isPrincipal) ? 'L02' : activePosts(p).some((x) => x.isLeadership) ? 'L03' : 'L05';
    talk(p, level, 'FULL_COVERAGE', rng.date('2016-05-09', '2016-06-20'), teamIds(town), null, `${unitByKey.get(town ?? '')?.name ?? ''}谈心谈话室`);
  }
  await ctx.insertChunked(talkRows, (c) => trx.insertInto('talk').values(c).execute());
  counts.analysisTalks = talked.size;
  counts.analysisInterviewees = chosen.length;

  // ---- document reviews over 2013–2015 ----
  const docRows: { id: string; campaign_id: string; doc_type: DocType; title: string; period_from: string; period_to: string; subject_org_unit_id: string | null; subject_cadre_id: string | null; findings: string; reviewed_at: string; org_path: string; created_by: string; created_at: string; updated_at: string }[] = [];
  const doc = (docType: DocType, title: string, townKey: string, cadre: DemoPerson | null, findings: string) =>
    docRows.push({
      id: uuidv7(), campaign_id: campaignId, doc_type: docType, title, period_from: rng.pick(['2013-01-01', '2013-01-01', '2014-01-01']), period_to: '2015-12-31', subject_org_unit_id: ctx.unitId(townKey),
      subject_cadre_id: cadre ? pid(cadre.key) : null, findings, reviewed_at: rng.date('2016-05-09', '2016-06-15'), org_path: cadre ? ctx.unitPath(cadre.orgUnitKey) : ctx.unitPath(townKey), created_by: createdBy, created_at: now, updated_at: now,
    });
  const auditFor = new Map<string, string>();
  for (const t of towns) {
    const name = unitByKey.get(t.key)!.name;
    for (const p of team.get(t.key)!.filter((q) => activePosts(q).some((x) => x.orgUnitKey === t.key && x.isPrincipal))) {
      doc('ECONOMIC_AUDIT', `${name}主要负责人经济责任审计报告`, t.key, p, rng.pick(['未发现重大问题，个别专项资金拨付不及时', '财经纪律执行较好', '存在部分项目超概算问题，已整改']));
      auditFor.set(p.key, docRows[docRows.length - 1]!.id);
    }
    for (let i = 0; i < 3; i++) doc('PETITION', `${name}近三年信访件（第${i + 1}卷）`, t.key, null, rng.pick(['以征地拆迁诉求为主，未发现涉及班子成员的具体问题', '反映问题已办结，群众满意度较高', '个别积案已化解']));
    for (let i = 0; i < 2; i++) doc('STUDY_EDUCATION', `${name}"两学一做"学习教育资料`, t.key, null, '学习教育记录完整，班子成员按要求讲党课');
    doc('OTHER', `${name}党委会议记录（2013–2015）`, t.key, null, '"三重一大"事项集体研究，程序规范');
  }
  while (docRows.length < DOCUMENTS) {
    const t = rng.pick(towns);
    doc('OTHER', `${unitByKey.get(t.key)!.name}年度工作总结及述职述廉报告`, t.key, null, '述职述廉材料齐全');
  }
  await ctx.insertChunked(docRows, (c) => trx.insertInto('document_review').values(c).execute());
  counts.analysisDocuments = docRows.length;

  // ---- public tips (none real-name) ----
  const channels: TipChannel[] = ['LETTER', 'PHONE', 'EMAIL', 'WECHAT', 'VISIT', 'ONLINE'];
  const tipRows = TIP_TEXTS.map((text, i) => ({
    id: uuidv7(), campaign_id: campaignId, received_at: rng.date('2016-05-05', '2016-06-25'), channel: channels[i % channels.length]!, real_name: 0, reporter_name_enc: null, content_enc: cipher.encrypt(text),
    routed_to: i === 6 ? 'DISCIPLINE' : 'ORG_DEPT', subject_cadre_id: null, org_path: campaign.org_path, created_by: createdBy, created_at: now, updated_at: now,
  }));
  await ctx.insertChunked(tipRows, (c) => trx.insertInto('public_tip').values(c).execute());
  counts.analysisTips = tipRows.length;

  // ---- evidence about the town leadership cadres and teams ----
  const ev: NewEvidenceRow[] = [];
  const add = (p: DemoPerson | null, teamKey: string | null, sourceType: EvidenceSourceType, date: string, summary: string, polarity: 'POSITIVE' | 'NEUTRAL' | 'NEGATIVE', extra: Partial<NewEvidenceRow> = {}) =>
    ev.push({
      id: uuidv7(), cadre_person_id: p ? pid(p.key) : null, team_org_unit_id: teamKey ? ctx.unitId(teamKey) : null, campaign_id: null, source_type: sourceType, source_ref_id: null, date, summary, polarity,
      classification: 'NORMAL', attachment_hashes: '[]', source_unit_id: null, grade: null, effect_until: null, org_path: p ? ctx.unitPath(p.orgUnitKey) : ctx.unitPath(teamKey!), created_by: createdBy,
      created_at: now, updated_at: now, ...extra,
    });
  const gradeText: Record<AnnualGrade, string> = { EXCELLENT: '优秀', COMPETENT: '称职', BASICALLY_COMPETENT: '基本称职', INCOMPETENT: '不称职' };
  let accountability = 0;
  for (const t of towns) {
    const tname = unitByKey.get(t.key)!.name;
    for (const p of team.get(t.key)!) {
      for (const year of [2013, 2014, 2015]) {
        if ((p.cadre?.workStartDate ?? '9999') > `${year}-06-30`) continue;
        const grade = rng.weighted<AnnualGrade>([['EXCELLENT', 24], ['COMPETENT', 72], ['BASICALLY_COMPETENT', 4]]);
        add(p, null, 'PERFORMANCE_ASSESSMENT', `${year}-12-31`, `${year}年度考核：${gradeText[grade]}`, grade === 'BASICALLY_COMPETENT' ? 'NEGATIVE' : grade === 'EXCELLENT' ? 'POSITIVE' : 'NEUTRAL', { grade, source_unit_id: ctx.unitId(orgDept.key) });
      }
      if (rng.chance(0.3)) add(p, null, 'AWARD', rng.date('2013-03-01', '2016-04-30'), rng.pick(['全县征地拆迁工作先进个人', '全县招商引资先进个人', '优秀共产党员', '全县信访维稳工作先进个人', '"党建+"工作先进个人']), 'POSITIVE', { source_unit_id: ctx.unitId(rootKey) });
      if (rng.chance(0.25)) add(p, null, 'TRAINING', rng.date('2013-03-01', '2016-04-30'), rng.pick(['参加县委党校中青年干部培训班（一个月）', '参加省委组织部乡镇党委书记示范培训', '参加全县"党建+"专题培训']), 'NEUTRAL', { source_unit_id: ctx.unitId(orgDept.key) });
      const audit = auditFor.get(p.key);
      if (audit) add(p, null, 'AUDIT_REPORT', '2016-05-20', '任期经济责任审计：财经纪律执行较好，个别专项资金拨付不及时', 'NEUTRAL', { source_ref_id: audit, campaign_id: campaignId });
      if (accountability < 8 && rng.chance(0.05)) {
        accountability++;
        const date = rng.date('2015-03-01', '2016-03-31');
        const until = `${Number(date.slice(0, 4)) + 1}${date.slice(4)}`;
        add(p, null, 'ACCOUNTABILITY', date, rng.pick(['因分管领域安全生产事故被诫勉谈话', '因环境整治工作推进不力被通报批评', '因信访问题处置不当被责令作出书面检查']), 'NEGATIVE', { effect_until: until, source_unit_id: ctx.unitId(depts.find((d) => d.name.includes('纪'))?.key ?? rootKey) });
      }
      if (rng.chance(0.2)) {
        const l = rng.pick(letters);
        add(p, null, 'LETTER_REPLY', l.repliedAt, `${unitByKey.get(l.deptKey)!.shortName ?? unitByKey.get(l.deptKey)!.name}复函：该同志在${tname}分管工作中配合积极，业务工作推进有力`, 'POSITIVE', { source_ref_id: l.id, source_unit_id: ctx.unitId(l.deptKey), campaign_id: campaignId });
      }
      const talkId = individualTalkOf.get(p.key);
      if (talkId && rng.chance(0.5)) add(p, null, 'TALK', '2016-06-10', '个别访谈中多名谈话对象评价该同志作风扎实、敢于担当', 'POSITIVE', { source_ref_id: talkId, campaign_id: campaignId, classification: 'CONFIDENTIAL' });
      if (rng.chance(0.04)) add(p, null, 'PETITION', rng.date('2014-01-01', '2016-04-30'), '信访件反映该同志工作方法简单，经核实反映问题部分属实，已批评教育', 'NEGATIVE', { classification: 'CONFIDENTIAL', source_unit_id: ctx.unitId(rootKey) });
    }
    add(null, t.key, 'FIELD_VISIT', '2016-06-20', `实地走访：${tname}班子在村级集体经济和基层治理方面群众评价较好`, 'POSITIVE', { campaign_id: campaignId });
  }
  await ctx.insertChunked(ev, (c) => trx.insertInto('evidence').values(c).execute());
  counts.analysisEvidence = ev.length;
  counts.analysisCadresInScope = [...team.values()].reduce((s, l) => s + l.length, 0);
  return counts;
}

/** A deterministic 64-hex digest standing in for a scanned reply's SHA-256. */
function sha256Like(rng: Rng): string {
  let out = '';
  for (let i = 0; i < 8; i++) out += rng.int(0, 0xffffffff).toString(16).padStart(8, '0');
  return out;
}

export const analysisDemoSeeder: DemoModuleSeeder = { module: 'analysis', seed: seedAnalysisDemo };
