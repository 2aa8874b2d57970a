/**
 * Files of the judgment module: the cadre analysis-and-judgment report (研判报告) and the team analysis report as
 * .docx, the judgment list and the outcome board as .xlsx. Every download is one ledger event.
 *
 * The five-dimension chart is a radar drawn on the server (`platform/charts.ts`: ECharts SSR → SVG → PNG) and
 * embedded as a picture next to the score table; the team report carries the structure as bar charts (before
 * and after the moves) next to its tables.
 */
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { FiveDimensionSummary, JudgmentCategory, ListJudgmentsQuery, TeamAnalysis, TeamAnalysisQuery, TeamStructure, TeamView } from '../../../contracts/judgment.ts';
import { inTransaction } from '../../db/database.ts';
import { renderBarPng, renderRadarPng, type ChartPng } from '../../platform/charts.ts';
import { ledgerActor, type ServiceCtx } from '../../platform/deps.ts';
import { allPages } from '../../platform/list-export.ts';
import { writeXlsx, type XlsxColumn } from '../../platform/excel/index.ts';
import { chinaDateText } from '../../platform/export-file.ts';
import { appendLedgerEvent } from '../../platform/ledger/index.ts';
import { CATEGORY_ZH, STATUS_ZH } from './judgment.policy.ts';
import * as repo from './judgment.repository.ts';
import { findCampaign } from './judgment.sources.ts';
import { getJudgmentDetail, listJudgments } from './judgment.service.ts';
import { getOutcomeBoard, getTeamAnalysis } from './team-analysis.service.ts';
import { metricLabel } from './team-structure.ts';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const FONT = 'SimSun';
const SOURCE_ZH: Record<string, string> = {
  PERFORMANCE_ASSESSMENT: '年度考核', DAILY_INSPECTION: '日常考察', AWARD: '表彰奖励', TALK: '谈话了解', LETTER_REPLY: '函询回复', FIELD_VISIT: '实地走访', AUDIT_REPORT: '审计报告',
  PETITION: '信访举报', STUDY_EDUCATION: '学习教育', TRAINING: '教育培训', ACCOUNTABILITY: '问责', TOLERANCE: '容错', CLEARANCE: '澄清正名', REMINDER_TALK: '提醒谈话', PUBLIC_TIP: '群众来信来访',
};
const POLARITY_ZH: Record<string, string> = { POSITIVE: '正面', NEUTRAL: '中性', NEGATIVE: '负面' };
const GRADE_ZH: Record<string, string> = { EXCELLENT: '优秀', COMPETENT: '称职', BASICALLY_COMPETENT: '基本称职', INCOMPETENT: '不称职' };
const RANK_ZH: Record<string, string> = { CLERK: '科员', DEPUTY_SECTION: '副科级', SECTION: '正科级', DEPUTY_COUNTY: '副处级', COUNTY: '正处级' };
const DIMENSIONS: [keyof FiveDimensionSummary, string][] = [['virtue', '德'], ['ability', '能'], ['diligence', '勤'], ['performance', '绩'], ['integrity', '廉']];
const AGE_BAND_ZH = (y: number): Record<string, string> => ({ YOUNG: `${y}岁以下`, B36_45: `${y + 1}-45岁`, B46_50: '46-50岁', B51_PLUS: '51岁以上' });
const EDU_ZH: Record<string, string> = { POSTGRADUATE: '研究生', BACHELOR: '大学本科', COLLEGE: '大学专科', SECONDARY: '中专及以下' };
const SPEC_ZH: Record<string, string> = { ECONOMY: '经济管理', LAW: '法律', ENGINEERING: '规划建设', AGRICULTURE: '农业', HUMANITIES: '党政文史', OTHER: '其他', UNKNOWN: '未登记' };
const TENURE_ZH: Record<string, string> = { UNDER_3: '不满3年', Y3_5: '3-5年', Y5_PLUS: '5年以上' };

const p = (text: string, opts: { bold?: boolean; size?: number; center?: boolean; indent?: boolean } = {}) =>
  new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
    indent: opts.indent ? { firstLine: 480 } : undefined,
    spacing: { after: 120, line: 360 },
    children: [new TextRun({ text, bold: opts.bold, size: opts.size ?? 24, font: FONT })],
  });
const heading = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 }, children: [new TextRun({ text, bold: true, size: 28, font: 'SimHei' })] });
const cell = (text: string | number, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: String(text), bold, size: 21, font: FONT })] })] });

function table(header: string[], rows: (string | number)[][]): Table {
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) }))] });
}

/** A chart PNG as a centred picture, at its nominal size (the PNG has twice the pixels, for print). */
function picture(chart: ChartPng, altText: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 120 },
    children: [new ImageRun({ type: 'png', data: chart.png, transformation: { width: chart.width, height: chart.height }, altText: { name: altText, title: altText, description: altText } })],
  });
}

function cst(iso: string | null): string {
  if (!iso) return '—';
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** 研判报告: basic data, posts, five dimensions (table + bar chart), evidence summary, judgment and rationale. */
export async function downloadJudgmentReport(ctx: ServiceCtx, id: string): Promise<{ fileName: string; asciiName: string; buffer: Buffer }> {
  const detail = await getJudgmentDetail(ctx, id);
  const j = detail.judgment;
  const basics = await repo.findCadreBasics(ctx.db, j.cadrePersonId);
  const posts = await repo.listPostHistory(ctx.db, j.cadrePersonId);
  const frontLine = await repo.listFrontLine(ctx.db, j.cadrePersonId);
  await inTransaction(ctx.db, async (trx) => {
    const row = await repo.findJudgment(trx, id);
    await appendLedgerEvent(trx, ledgerActor(ctx.actor), { action: 'judgment.report-downloaded', objectType: 'five_category_judgment', objectId: id, orgPath: row!.org_path, payload: { personId: j.cadrePersonId, format: 'docx' } }, ctx.clock.now());
  });
  const fd = detail.fiveDimension;
  const children: (Paragraph | Table)[] = [
    p('干部分析研判报告', { bold: true, size: 36, center: true }),
    p(`（${j.campaignName ?? ''}）`, { center: true, size: 21 }),
    p('机密 ★ 仅限组织部门内部使用', { center: true, size: 18 }),
    heading('一、基本情况'),
    table(
      ['项目', '内容', '项目', '内容'],
      [
        ['姓名', j.cadreName, '性别', j.gender === 'F' ? '女' : '男'],
        ['出生年月', j.birthDate.slice(0, 7), '年龄', `${j.age}岁${j.isYoung ? '（年轻干部）' : ''}`],
        ['现任职务', j.postTitle ?? '—', '所在单位', j.orgName ?? '—'],
        ['职级', basics?.rank_level ? (RANK_ZH[basics.rank_level] ?? basics.rank_level) : '—', '参加工作', basics?.work_start_date?.slice(0, 7) ?? '—'],
        ['学历', basics?.education_name ?? basics?.education_code ?? '—', '专业', basics?.specialty ?? '—'],
        ['政治面貌', basics?.is_party_member ? `中共党员（${basics.party_join_date?.slice(0, 7) ?? ''}入党）` : '群众', '一线经历', frontLine.length > 0 ? `${frontLine.length}段` : '无'],
      ],
    ),
    heading('二、任职经历'),
    posts.length ? table(['起止时间', '单位', '职务'], posts.map((x) => [`${x.start_date.slice(0, 7)} — ${x.end_date ? x.end_date.slice(0, 7) : '至今'}`, x.org_name ?? '—', x.title])) : p('无任职记录。'),
    ...(frontLine.length ? [p(''), table(['一线经历', '起止时间'], frontLine.map((f) => [f.description, `${f.start_date.slice(0, 7)} — ${f.end_date ? f.end_date.slice(0, 7) : '至今'}`]))] : []),
    heading('三、“五维”测评情况'),
    ...(fd
      ? [
          table(['维度', ...DIMENSIONS.map(([, zh]) => zh), '综合得分', '等次', '同类排位'], [['得分', ...DIMENSIONS.map(([k]) => (fd[k] === null ? '样本不足' : Number(fd[k]).toFixed(1))), fd.composite === null ? '—' : fd.composite.toFixed(1), fd.grade ? (GRADE_ZH[fd.grade] ?? fd.grade) : '—', fd.peerPercentile === null ? '—' : `前${Math.max(1, Math.round(100 - fd.peerPercentile))}%`]]),
          p(''),
          picture(renderRadarPng({ title: `${j.cadreName}“五维”测评雷达图`, indicators: DIMENSIONS.map(([, zh]) => ({ name: zh, max: 100 })), series: [{ name: j.cadreName, values: DIMENSIONS.map(([k]) => fd[k] as number | null) }], nullLabel: '样本不足' }), '五维测评雷达图'),
          p('（雷达图：德、能、勤、绩、廉五个维度得分，满分100分；样本不足的维度按0绘制。）', { size: 18, center: true }),
        ]
      : [p('暂无已结束的反向测评结果。', { indent: true })]),
    heading('四、证据材料摘要'),
    detail.evidence.length ? table(['日期', '来源', '性质', '摘要'], detail.evidence.map((e) => [e.date ?? '—', SOURCE_ZH[e.sourceType] ?? e.sourceType, POLARITY_ZH[e.polarity ?? ''] ?? '—', e.summary])) : p('无。'),
    heading('五、研判意见'),
    table(
      ['项目', '内容'],
      [
        ['研判类别', `${CATEGORY_ZH[j.category]}${j.destinationName ? `（交流至${j.destinationName}）` : ''}`],
        ['状态', STATUS_ZH[j.status]],
        ['提出', j.proposedAt ? `${j.proposedByName ?? ''} ${cst(j.proposedAt)}` : '—'],
        ['部务会审定', j.endorsedAt ? `${j.meetingDate ?? ''} ${j.meetingRef ?? ''}（${j.endorsedByName ?? ''}）` : '—'],
      ],
    ),
    p('研判理由：', { bold: true }),
    p(j.rationale, { indent: true }),
    ...(detail.promoteBars
      ? [heading('六、提拔限制条件核查'), ...(detail.promoteBars.ok ? [p('经核查，不存在影响提拔重用的限制情形。', { indent: true })] : detail.promoteBars.bars.map((b, i) => p(`${i + 1}. ${b.zh}`, { indent: true })))]
      : []),
    p(''),
    p(`本报告由系统按实时数据生成，生成时间 ${cst(ctx.clock.now().toISOString())}，生成人 ${ctx.actor.displayName}。`, { size: 18 }),
  ];
  const doc = new Document({ creator: 'Bellwether', title: `${j.cadreName}分析研判报告`, sections: [{ children }] });
  return { fileName: `${j.cadreName}-分析研判报告.docx`, asciiName: `judgment-report-${chinaDateText(ctx.clock.now())}.docx`, buffer: await Packer.toBuffer(doc) };
}

function structureTables(s: TeamStructure, youngMax: number): (Paragraph | Table)[] {
  const ages = AGE_BAND_ZH(youngMax);
  return [
    table(['年龄', ...s.ageBands.map((b) => ages[b.key] ?? b.key), '平均年龄'], [['人数', ...s.ageBands.map((b) => b.count), s.averageAge === null ? '—' : s.averageAge.toFixed(1)]]),
    p(''),
    table(['性别/学历', '男', '女', ...s.education.map((e) => EDU_ZH[e.key] ?? e.key)], [['人数', s.gender.find((g) => g.key === 'M')?.count ?? 0, s.gender.find((g) => g.key === 'F')?.count ?? 0, ...s.education.map((e) => e.count)]]),
    p(''),
    table(['专业', ...s.specialty.map((x) => SPEC_ZH[x.key] ?? x.key)], [['人数', ...s.specialty.map((x) => x.count)]]),
    p(''),
    table(['一线经历/任现职', '有一线经历', ...s.tenure.map((t) => TENURE_ZH[t.key] ?? t.key)], [['人数', s.frontLine, ...s.tenure.map((t) => t.count)]]),
  ];
}

/** Age, education and specialty as bar charts: one bar per band, before (and after the moves when there are any). */
function structureCharts(a: TeamAnalysis): Paragraph[] {
  const ages = AGE_BAND_ZH(a.youngMaxAge);
  const views = [{ name: '调整前', s: a.before.structure }, ...(a.after ? [{ name: '调整后', s: a.after.structure }] : [])];
  const dims: { title: string; pick: (s: TeamStructure) => { key: string; count: number }[]; label: (k: string) => string }[] = [
    { title: '年龄结构', pick: (s) => s.ageBands, label: (k) => ages[k] ?? k },
    { title: '学历结构', pick: (s) => s.education, label: (k) => EDU_ZH[k] ?? k },
    { title: '专业结构', pick: (s) => s.specialty, label: (k) => SPEC_ZH[k] ?? k },
  ];
  return dims.map((d) => {
    const keys = [...new Set(views.flatMap((v) => d.pick(v.s).map((x) => x.key)))];
    const chart = renderBarPng(
      { title: `${a.town.name}班子${d.title}（人）`, categories: keys.map(d.label), series: views.map((v) => ({ name: v.name, values: keys.map((k) => d.pick(v.s).find((x) => x.key === k)?.count ?? 0) })) },
      560,
      280,
    );
    return picture(chart, `${d.title}图`);
  });
}

function membersTable(v: TeamView): Table {
  return table(
    ['姓名', '职务', '性别', '年龄', '学历', '专业', '一线', '任现职（年）', '变动'],
    v.members.map((m) => [m.name, m.title, m.gender === 'F' ? '女' : '男', m.age, EDU_ZH[m.educationBand] ?? '', m.specialty ?? '—', m.frontLine ? '有' : '—', m.tenureYears.toFixed(1), m.change === 'STAYS' ? (m.move ? CATEGORY_ZH[m.move as JudgmentCategory] ?? '' : '') : m.change === 'ARRIVES' ? '交流调入' : `${CATEGORY_ZH[m.move as JudgmentCategory] ?? m.move ?? ''}${m.destinationName ? `→${m.destinationName}` : ''}`]),
  );
}

function checksTable(a: TeamAnalysis, v: TeamView): Table {
  return table(
    ['指标', '目标（可配置）', '实际', '是否达标'],
    v.checks.map((c) => [metricLabel(c.metric, a.youngMaxAge).zh, [c.minCount !== null ? `≥${c.minCount}名` : '', c.maxCount !== null ? `≤${c.maxCount}名` : '', c.minPercent !== null ? `≥${c.minPercent}%` : ''].filter(Boolean).join(' ') || '—', c.minPercent !== null && c.minCount === null && c.maxCount === null ? `${c.actual}%` : `${c.actual}名`, c.ok ? '达标' : '未达标']),
  );
}

/** The team analysis report: members, structure before (and after the moves), target checks, shortcomings. */
export async function downloadTeamReport(ctx: ServiceCtx, townId: string, query: TeamAnalysisQuery): Promise<{ fileName: string; asciiName: string; buffer: Buffer }> {
  const a = await getTeamAnalysis(ctx, townId, query);
  const town = await repo.findUnit(ctx.db, townId);
  await inTransaction(ctx.db, (trx) => appendLedgerEvent(trx, ledgerActor(ctx.actor), { action: 'judgment.team-report-downloaded', objectType: 'org_unit', objectId: townId, orgPath: town!.path, payload: { campaignId: a.campaignId, scenarioId: a.scenarioId, format: 'docx' } }, ctx.clock.now()));
  const children: (Paragraph | Table)[] = [
    p(`${a.town.name}领导班子分析报告`, { bold: true, size: 36, center: true }),
    p(`（统计时点 ${a.asOf}；${a.source === 'SCENARIO' ? '按模拟调整方案' : a.source === 'JUDGMENTS' ? '按部务会审定的研判意见' : '现状'}）`, { center: true, size: 21 }),
    heading('一、班子成员'),
    membersTable(a.before),
    heading('二、班子结构（调整前）'),
    ...structureTables(a.before.structure, a.youngMaxAge),
    ...structureCharts(a),
    ...(a.after ? [p('（图中“调整后”为按调整方案变动后的班子结构，详见第四部分。）', { size: 18, center: true })] : []),
    heading('三、与目标结构对比'),
    checksTable(a, a.before),
    p('存在的不足：', { bold: true }),
    ...(a.before.shortcomings.length ? a.before.shortcomings.map((s, i) => p(`${i + 1}. ${s.zh}`, { indent: true })) : [p('结构符合目标要求。', { indent: true })]),
    ...(a.after
      ? [
          heading('四、调整后班子结构'),
          membersTable(a.after),
          p(''),
          ...structureTables(a.after.structure, a.youngMaxAge),
          p(''),
          checksTable(a, a.after),
          p(`调整后空缺职位 ${a.vacancies} 个，需另行选配。`, { indent: true }),
          p('调整后仍存在的不足：', { bold: true }),
          ...(a.after.shortcomings.length ? a.after.shortcomings.map((s, i) => p(`${i + 1}. ${s.zh}`, { indent: true })) : [p('调整后结构符合目标要求。', { indent: true })]),
        ]
      : []),
    p(''),
    p(`本报告由系统按实时数据生成，生成时间 ${cst(ctx.clock.now().toISOString())}。目标结构为可配置的参考值。`, { size: 18 }),
  ];
  const doc = new Document({ creator: 'Bellwether', title: `${a.town.name}领导班子分析报告`, sections: [{ children }] });
  return { fileName: `${a.town.name}-班子分析报告.docx`, asciiName: `team-report-${chinaDateText(ctx.clock.now())}.docx`, buffer: await Packer.toBuffer(doc) };
}

const JUDGMENT_COLUMNS: XlsxColumn[] = [
  { key: 'name', header: '姓名' },
  { key: 'org', header: '单位' },
  { key: 'title', header: '现任职务' },
  { key: 'age', header: '年龄' },
  { key: 'young', header: '年轻干部' },
  { key: 'category', header: '研判类别' },
  { key: 'destination', header: '交流去向' },
  { key: 'status', header: '状态' },
  { key: 'meeting', header: '部务会' },
  { key: 'evidence', header: '关联证据（条）' },
  { key: 'rationale', header: '研判理由', width: 60 },
];

const EXPORT_CAP = 5000;

/** The judgment list with the same filters as .xlsx (up to 5,000 rows, refused beyond); one `judgment.exported` event. */
export async function exportJudgmentsXlsx(ctx: ServiceCtx, query: ListJudgmentsQuery): Promise<{ fileName: string; asciiName: string; buffer: Buffer; rowCount: number }> {
  // beyond the cap: a Chinese error naming the filters (never a silently cut file)
  const { page: _p, pageSize: _s, ...filters } = query;
  const items = await allPages((q) => listJudgments(ctx, q), filters, { what: '研判意见', narrowBy: '研判工作、乡镇、类别或状态', max: EXPORT_CAP });
  const rows: Record<string, string | number>[] = items.map((j) => ({ name: j.cadreName, org: j.orgName ?? '', title: j.postTitle ?? '', age: j.age, young: j.isYoung ? '是' : '', category: CATEGORY_ZH[j.category], destination: j.destinationName ?? '', status: STATUS_ZH[j.status], meeting: j.meetingDate ? `${j.meetingDate} ${j.meetingRef ?? ''}` : '', evidence: j.evidenceCount, rationale: j.rationale }));
  const root = ctx.actor.roots[0]?.path ?? '/';
  await inTransaction(ctx.db, (trx) => appendLedgerEvent(trx, ledgerActor(ctx.actor), { action: 'judgment.exported', objectType: 'five_category_judgment', objectId: 'list', orgPath: root, payload: { filters: { campaignId: query.campaignId ?? null, townId: query.townId ?? null, category: query.category ?? null, status: query.status ?? null }, rows: rows.length } }, ctx.clock.now()));
  const buffer = await writeXlsx('研判意见', JUDGMENT_COLUMNS, rows);
  return { fileName: `五类研判意见-${chinaDateText(ctx.clock.now())}.xlsx`, asciiName: `judgments-${chinaDateText(ctx.clock.now())}.xlsx`, buffer, rowCount: rows.length };
}

const OUTCOME_COLUMNS: XlsxColumn[] = [
  { key: 'town', header: '乡镇（街道）' },
  { key: 'promote', header: '提拔重用' },
  { key: 'exchange', header: '交流使用（调出）' },
  { key: 'arriving', header: '交流调入' },
  { key: 'retain', header: '保留稳定' },
  { key: 'develop', header: '培养储备' },
  { key: 'adjust', header: '调整/问责' },
  { key: 'beforeSize', header: '调整前人数' },
  { key: 'beforeYoung', header: '调整前年轻干部' },
  { key: 'beforeAge', header: '调整前平均年龄' },
  { key: 'beforeBachelor', header: '调整前本科及以上' },
  { key: 'afterSize', header: '调整后人数' },
  { key: 'afterYoung', header: '调整后年轻干部' },
  { key: 'afterAge', header: '调整后平均年龄' },
  { key: 'afterBachelor', header: '调整后本科及以上' },
];

/** The outcome board by town as .xlsx (a totals row first); one `judgment.outcome-exported` event. */
export async function exportOutcomeXlsx(ctx: ServiceCtx, campaignId: string | undefined): Promise<{ fileName: string; asciiName: string; buffer: Buffer }> {
  const b = await getOutcomeBoard(ctx, { campaignId });
  const c = b.counts;
  const rows: Record<string, string | number | null>[] = [
    { town: '合计', promote: c.PROMOTE, exchange: c.EXCHANGE, arriving: b.byTown.reduce((s, t) => s + t.arriving, 0), retain: c.RETAIN, develop: c.DEVELOP, adjust: c.ADJUST },
    ...b.byTown.map((t) => ({
      town: t.townName, promote: t.PROMOTE, exchange: t.EXCHANGE, arriving: t.arriving, retain: t.RETAIN, develop: t.DEVELOP, adjust: t.ADJUST,
      beforeSize: t.before.size, beforeYoung: t.before.young, beforeAge: t.before.averageAge, beforeBachelor: t.before.bachelorPlus,
      afterSize: t.after.size, afterYoung: t.after.young, afterAge: t.after.averageAge, afterBachelor: t.after.bachelorPlus,
    })),
  ];
  const campaign = await findCampaign(ctx.db, b.campaignId);
  await inTransaction(ctx.db, (trx) => appendLedgerEvent(trx, ledgerActor(ctx.actor), { action: 'judgment.outcome-exported', objectType: 'analysis_campaign', objectId: b.campaignId, orgPath: campaign?.orgPath ?? ctx.actor.roots[0]?.path ?? '/', payload: { format: 'xlsx', counts: c } }, ctx.clock.now()));
  const buffer = await writeXlsx('换届结果', OUTCOME_COLUMNS, rows);
  return { fileName: `${b.campaignName}-换届结果-${chinaDateText(ctx.clock.now())}.xlsx`, asciiName: `term-change-outcome-${chinaDateText(ctx.clock.now())}.xlsx`, buffer };
}
