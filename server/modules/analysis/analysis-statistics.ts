/**
 * Campaign statistics (SPEC M5 reports, §6 figures) by live query over the campaign's records, plus the .xlsx
 * export and the .docx campaign summary (工作总结) built from the same figures. Nothing here is hard-coded: the
 * article's 64 / 310 / 10 / 98 / 460 / 200+ / 0 come out of the demo data through these queries.
 *
 * Coverage (谈话覆盖面) compares people with a talk in the campaign (any mode) against three populations on the
 * campaign's start date: town organ staff (every post at a scope town itself), station and office heads (non-leading
 * town posts titled …站长 / …所长 / …主任) and village principals (principal posts at the towns' villages/communities).
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { uuidv7 } from 'uuidv7';
import type { CampaignStatistics } from '../../../contracts/analysis.ts';
import { DOC_TYPES, TALK_MODES, TIP_CHANNELS } from '../../../contracts/analysis.ts';
import { inTransaction, type DbOrTrx } from '../../db/database.ts';
import type { AnalysisCampaignRow } from '../../db/schema.ts';
import { ledgerActor, type ServiceCtx } from '../../platform/deps.ts';
import { chinaDateText } from '../../platform/export-file.ts';
import { writeXlsx, type XlsxColumn } from '../../platform/excel/index.ts';
import { appendLedgerEvent } from '../../platform/ledger/index.ts';
import { isStationHeadTitle } from './analysis.policy.ts';
import { parseIds } from './analysis.presenter.ts';
import * as repo from './analysis.repository.ts';
import { CAMPAIGN_STATUS_ZH, DOC_TYPE_ZH, TALK_MODE_ZH, TIP_CHANNEL_ZH } from './analysis-labels.ts';
import { listCampaignCadreIds, loadCampaign, roleFor, todayCst } from './analysis.service.ts';

const pct = (covered: number, total: number) => (total === 0 ? 0 : Math.round((covered / total) * 1000) / 10);

/** The coverage populations of a campaign (person ids), on its start date. */
export async function coveragePopulations(db: DbOrTrx, campaign: Pick<AnalysisCampaignRow, 'scope_town_ids' | 'start_at'>) {
  const townIds = parseIds(campaign.scope_town_ids);
  const towns = await repo.findUnits(db, townIds);
  const { organ, village } = await repo.listActivePostsInTowns(db, townIds, towns.map((t) => t.path), campaign.start_at);
  return {
    townOrganStaff: new Set(organ.map((p) => p.person_id)),
    stationHeads: new Set(organ.filter((p) => isStationHeadTitle(p.title, Number(p.is_leadership) === 1)).map((p) => p.person_id)),
    villagePrincipals: new Set(village.filter((p) => Number(p.is_principal) === 1).map((p) => p.person_id)),
  };
}

/** All figures of one campaign (no authorization: callers check it). */
export async function computeStatistics(db: DbOrTrx, campaign: AnalysisCampaignRow, today: string): Promise<CampaignStatistics> {
  const letters = await repo.letterStats(db, campaign.id, today);
  const talks = await repo.talkStats(db, campaign.id);
  const levels = await repo.listTalkLevels(db);
  const visits = await repo.visitStats(db, campaign.id);
  const docs = await repo.documentStats(db, campaign.id);
  const tips = await repo.tipStats(db, campaign.id);
  const talked = await repo.listTalkedPersonIds(db, campaign.id);
  const pops = await coveragePopulations(db, campaign);
  const cover = (set: Set<string>) => {
    const covered = [...set].filter((id) => talked.has(id)).length;
    return { covered, total: set.size, percent: pct(covered, set.size) };
  };
  const realNameTips = tips.filter((t) => t.realName).reduce((s, t) => s + t.n, 0);
  const realNamePetitions = await repo.countRealNamePetitions(db, campaign.start_at, campaign.end_at, [campaign.org_path]);
  const cadres = await listCampaignCadreIds(db, campaign);
  const judged = await repo.listEndorsedJudgmentCadreIds(db, campaign.id);
  const levelRow = new Map(talks.byLevel.map((r) => [r.interviewee_level, r]));
  const modeRow = new Map(talks.byMode.map((r) => [r.mode, Number(r.talks)]));
  const docRow = new Map(docs.byType.map((r) => [r.doc_type, Number(r.n)]));
  return {
    campaignId: campaign.id,
    asOf: campaign.start_at,
    letters: { total: letters.total, replied: letters.replied, overdue: letters.overdue, pending: letters.total - letters.replied - letters.overdue, units: letters.units },
    talks: {
      total: talks.total,
      interviewees: talks.interviewees,
      levelsCovered: talks.byLevel.filter((r) => Number(r.interviewees) > 0).length,
      byLevel: levels.map((l) => ({ code: l.code, nameZh: l.name_zh, nameEn: l.name_en, interviewees: Number(levelRow.get(l.code)?.interviewees ?? 0), talks: Number(levelRow.get(l.code)?.talks ?? 0) })),
      byMode: TALK_MODES.map((mode) => ({ mode, talks: modeRow.get(mode) ?? 0 })),
    },
    visits: { visits: visits.visits, villages: visits.villages, villageCadresMet: visits.met, byTown: visits.byTown.map((t) => ({ townId: t.town_id, townName: t.town_name, villages: Number(t.villages), villageCadresMet: Number(t.met) })) },
    documents: { total: docs.total, byType: DOC_TYPES.map((docType) => ({ docType, count: docRow.get(docType) ?? 0 })), periodFrom: docs.from, periodTo: docs.to },
    tips: {
      total: tips.reduce((s, t) => s + t.n, 0),
      realName: realNameTips,
      anonymous: tips.filter((t) => !t.realName).reduce((s, t) => s + t.n, 0),
      byChannel: TIP_CHANNELS.map((channel) => ({ channel, count: tips.filter((t) => t.channel === channel).reduce((s, t) => s + t.n, 0) })).filter((c) => c.count > 0),
    },
    realNamePetitions: realNameTips + realNamePetitions,
    coverage: { townOrganStaff: cover(pops.townOrganStaff), stationHeads: cover(pops.stationHeads), villagePrincipals: cover(pops.villagePrincipals) },
    cadres: { inScope: cadres.length, judged: cadres.filter((c) => judged.has(c)).length },
  };
}

export async function getCampaignStatistics(ctx: ServiceCtx, id: string): Promise<CampaignStatistics> {
  const campaign = await loadCampaign(ctx, ctx.db, id);
  return computeStatistics(ctx.db, campaign, todayCst(ctx));
}

const STAT_COLUMNS: XlsxColumn[] = [
  { key: 'group', header: '类别', width: 14 },
  { key: 'item', header: '项目', width: 36 },
  { key: 'value', header: '数值', width: 12 },
  { key: 'extra', header: '说明', width: 30 },
];

function statRows(s: CampaignStatistics): Record<string, string | number>[] {
  const rows: Record<string, string | number>[] = [
    { group: '函询', item: '发出函询', value: s.letters.total, extra: `涉及 ${s.letters.units} 个单位` },
    { group: '函询', item: '已回复', value: s.letters.replied, extra: '' },
    { group: '函询', item: '逾期未回复', value: s.letters.overdue, extra: '' },
    { group: '谈话', item: '个别访谈对象（人）', value: s.talks.interviewees, extra: `覆盖 ${s.talks.levelsCovered} 个层面` },
    { group: '谈话', item: '谈话总人次', value: s.talks.total, extra: '' },
    ...s.talks.byLevel.map((l) => ({ group: '谈话层面', item: l.nameZh, value: l.interviewees, extra: `谈话 ${l.talks} 人次` })),
    ...s.talks.byMode.map((m) => ({ group: '谈话方式', item: TALK_MODE_ZH[m.mode], value: m.talks, extra: '' })),
    { group: '走访', item: '走访村（社区）', value: s.visits.villages, extra: `${s.visits.visits} 次走访` },
    { group: '走访', item: '见面村（组）干部（人）', value: s.visits.villageCadresMet, extra: '' },
    ...s.visits.byTown.map((t) => ({ group: '走访（分乡镇）', item: t.townName, value: t.villages, extra: `见面村（组）干部 ${t.villageCadresMet} 人` })),
    { group: '查阅资料', item: '查阅资料（份）', value: s.documents.total, extra: s.documents.periodFrom ? `${s.documents.periodFrom} 至 ${s.documents.periodTo}` : '' },
    ...s.documents.byType.map((d) => ({ group: '查阅资料', item: DOC_TYPE_ZH[d.docType], value: d.count, extra: '' })),
    { group: '来信来访', item: '收到群众来信来访', value: s.tips.total, extra: `匿名 ${s.tips.anonymous}` },
    { group: '来信来访', item: '实名举报（含信访举报）', value: s.realNamePetitions, extra: '' },
    { group: '覆盖面', item: '乡镇机关干部', value: `${s.coverage.townOrganStaff.percent}%`, extra: `${s.coverage.townOrganStaff.covered}/${s.coverage.townOrganStaff.total}` },
    { group: '覆盖面', item: '站所负责人', value: `${s.coverage.stationHeads.percent}%`, extra: `${s.coverage.stationHeads.covered}/${s.coverage.stationHeads.total}` },
    { group: '覆盖面', item: '村（社区）主职干部', value: `${s.coverage.villagePrincipals.percent}%`, extra: `${s.coverage.villagePrincipals.covered}/${s.coverage.villagePrincipals.total}` },
  ];
  return rows;
}

/** Statistics as .xlsx: one `campaign.statistics_exported` event. */
export async function exportStatisticsXlsx(ctx: ServiceCtx, id: string): Promise<{ fileName: string; asciiName: string; buffer: Buffer }> {
  const { campaign, stats } = await inTransaction(ctx.db, async (trx) => {
    const c = await loadCampaign(ctx, trx, id);
    const s = await computeStatistics(trx, c, todayCst(ctx));
    await appendLedgerEvent(trx, ledgerActor(ctx.actor, roleFor(ctx.actor, 'campaign.read')), { action: 'campaign.statistics_exported', objectType: 'analysis_campaign', objectId: c.id, orgPath: c.org_path, payload: { format: 'xlsx', exportId: uuidv7() } }, ctx.clock.now());
    return { campaign: c, stats: s };
  });
  const buffer = await writeXlsx('研判统计', STAT_COLUMNS, statRows(stats));
  return { fileName: `${campaign.name}-统计-${chinaDateText(ctx.clock.now())}.xlsx`, asciiName: `campaign-statistics-${chinaDateText(ctx.clock.now())}.xlsx`, buffer };
}

// ---------- .docx campaign summary ----------

const FONT = 'SimSun';
const p = (text: string, opts: { bold?: boolean; size?: number; center?: boolean; indent?: boolean } = {}) =>
  new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
    indent: opts.indent ? { firstLine: 480 } : undefined,
    spacing: { after: 120, line: 360 },
    children: [new TextRun({ text, bold: opts.bold, size: opts.size ?? 24, font: FONT })],
  });
const heading = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 }, children: [new TextRun({ text, bold: true, size: 28, font: 'SimHei' })] });

function table(header: string[], rows: (string | number)[][]): Table {
  const cell = (text: string | number, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: String(text), bold, size: 21, font: FONT })] })] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) }))],
  });
}

export async function buildSummaryDocx(campaign: AnalysisCampaignRow, towns: string[], s: CampaignStatistics, generatedAt: string): Promise<Buffer> {
  const cov = s.coverage;
  const children: (Paragraph | Table)[] = [
    p(campaign.name, { bold: true, size: 36, center: true }),
    p('工作情况总结', { bold: true, size: 32, center: true }),
    p(`（${campaign.start_at} 至 ${campaign.end_at}，状态：${CAMPAIGN_STATUS_ZH[campaign.status as keyof typeof CAMPAIGN_STATUS_ZH] ?? campaign.status}）`, { center: true, size: 21 }),
    heading('一、范围'),
    p(`本次分析研判覆盖 ${towns.length} 个乡镇（街道）：${towns.join('、')}。范围内乡镇（街道）领导班子成员 ${s.cadres.inScope} 名，已形成经部务会审定的研判结论 ${s.cadres.judged} 名。`, { indent: true }),
    heading('二、方法与主要数据'),
    p(
      `坚持"大数据"分析，多渠道了解干部：向 ${s.letters.units} 个县直单位发出函询 ${s.letters.total} 份（已回复 ${s.letters.replied} 份）；采取"五式谈话"，个别访谈 ${s.talks.interviewees} 人，覆盖 ${s.talks.levelsCovered} 个层面，谈话总计 ${s.talks.total} 人次；实地走访 ${s.visits.villages} 个村（社区），面对面了解村（组）干部 ${s.visits.villageCadresMet} 名；查阅近三年经济责任审计、信访件、学习教育等资料 ${s.documents.total} 份。`,
      { indent: true },
    ),
    p(
      `谈话实现乡镇机关干部（${cov.townOrganStaff.covered}/${cov.townOrganStaff.total}，${cov.townOrganStaff.percent}%）、站所负责人（${cov.stationHeads.covered}/${cov.stationHeads.total}，${cov.stationHeads.percent}%）、村（社区）主职干部（${cov.villagePrincipals.covered}/${cov.villagePrincipals.total}，${cov.villagePrincipals.percent}%）全覆盖。`,
      { indent: true },
    ),
    heading('三、谈话对象层面分布'),
    table(['层面', '个别访谈（人）', '谈话（人次）'], s.talks.byLevel.map((l) => [l.nameZh, l.interviewees, l.talks])),
    p(''),
    table(['谈话方式', '人次'], s.talks.byMode.map((m) => [TALK_MODE_ZH[m.mode], m.talks])),
    heading('四、实地走访'),
    table(['乡镇（街道）', '走访村（社区）', '见面村（组）干部'], s.visits.byTown.map((t) => [t.townName, t.villages, t.villageCadresMet])),
    heading('五、查阅资料'),
    p(`查阅资料期间：${s.documents.periodFrom ?? '—'} 至 ${s.documents.periodTo ?? '—'}。`, { indent: true }),
    table(['资料类别', '份数'], s.documents.byType.map((d) => [DOC_TYPE_ZH[d.docType], d.count])),
    heading('六、群众来信来访'),
    p(
      campaign.notice_published_at
        ? `${campaign.notice_published_at} 在${campaign.notice_media ?? ''}发布公告，公开接受群众来信来访。期间共收到 ${s.tips.total} 件（匿名 ${s.tips.anonymous} 件），实名举报 ${s.realNamePetitions} 件。`
        : `期间共收到群众来信来访 ${s.tips.total} 件（匿名 ${s.tips.anonymous} 件），实名举报 ${s.realNamePetitions} 件。`,
      { indent: true },
    ),
    ...(s.tips.byChannel.length ? [table(['渠道', '件数'], s.tips.byChannel.map((c) => [TIP_CHANNEL_ZH[c.channel], c.count]))] : []),
    p(''),
    p(`本报告由系统按实时数据生成，生成时间 ${generatedAt}。`, { size: 18 }),
  ];
  const doc = new Document({ creator: 'Bellwether', title: `${campaign.name}工作情况总结`, sections: [{ children }] });
  return Packer.toBuffer(doc);
}

/** The campaign summary as .docx: one `campaign.report_downloaded` event. */
export async function downloadSummaryDocx(ctx: ServiceCtx, id: string): Promise<{ fileName: string; asciiName: string; buffer: Buffer }> {
  const { campaign, stats, towns } = await inTransaction(ctx.db, async (trx) => {
    const c = await loadCampaign(ctx, trx, id);
    const s = await computeStatistics(trx, c, todayCst(ctx));
    const units = await repo.findUnits(trx, parseIds(c.scope_town_ids));
    const order = parseIds(c.scope_town_ids);
    await appendLedgerEvent(trx, ledgerActor(ctx.actor, roleFor(ctx.actor, 'campaign.read')), { action: 'campaign.report_downloaded', objectType: 'analysis_campaign', objectId: c.id, orgPath: c.org_path, payload: { format: 'docx' } }, ctx.clock.now());
    return { campaign: c, stats: s, towns: order.map((tid) => units.find((u) => u.id === tid)?.name ?? '—') };
  });
  const generatedAt = new Date(ctx.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  const buffer = await buildSummaryDocx(campaign, towns, stats, generatedAt);
  return { fileName: `${campaign.name}-工作总结.docx`, asciiName: `campaign-summary-${chinaDateText(ctx.clock.now())}.docx`, buffer };
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
