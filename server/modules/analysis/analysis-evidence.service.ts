/**
 * The evidence store and the cadre profile (SPEC M5, issue 4 deliverable 1).
 *
 * Visibility (SPEC §4): evidence.read within its scope; CONFIDENTIAL items of some source types need one more grant
 * (analysis.policy.ts CONFIDENTIAL_EXTRA); never about the caller or a registered relative, not even as counts (the
 * filter is in the query, so totals exclude them). A page that shows confidential items, every profile view and
 * every export append a ledger event in the same transaction.
 */
import { uuidv7 } from 'uuidv7';
import type { AnnualGrade, CadreProfile, CreateEvidence, Evidence, EvidenceSourceType, ListEvidenceQuery, Polarity, TimelineEntry } from '../../../contracts/analysis.ts';
import { EVIDENCE_SOURCE_TYPES } from '../../../contracts/analysis.ts';
import type { Page } from '../../../contracts/common.ts';
import { LIMITS } from '../../../contracts/limits.ts';
import { inTransaction, type DbOrTrx } from '../../db/database.ts';
import { ledgerActor, type ServiceCtx } from '../../platform/deps.ts';
import { AppError, fieldError, forbidden, notFound } from '../../platform/errors.ts';
import { chinaDateText } from '../../platform/export-file.ts';
import { writeXlsx, type XlsxColumn } from '../../platform/excel/index.ts';
import { appendLedgerEvent } from '../../platform/ledger/index.ts';
import { hasPermission, isPathInScope, scopePaths } from '../../platform/scope.ts';
import { CONFLICT_TEXT, hiddenConfidentialTypes } from './analysis.policy.ts';
import { parseIds, presentEvidence } from './analysis.presenter.ts';
import * as repo from './analysis.repository.ts';
import { conflictIds, roleFor, todayCst } from './analysis.service.ts';
import { EVIDENCE_TYPE_ZH, GRADE_ZH, POLARITY_ZH } from './analysis-labels.ts';

const PERSON = { zh: '干部', en: 'cadre' };
export const EVIDENCE_EXPORT_MAX = 20_000;

async function filterFor(ctx: ServiceCtx, db: DbOrTrx, query: Omit<ListEvidenceQuery, 'page' | 'pageSize' | 'sort' | 'order'>): Promise<repo.EvidenceFilter> {
  return {
    paths: scopePaths(ctx.actor, 'evidence.read'),
    exclude: await conflictIds(db, ctx.actor),
    hiddenConfidentialTypes: hiddenConfidentialTypes(ctx.actor),
    cadreId: query.cadreId,
    teamOrgUnitId: query.teamOrgUnitId,
    campaignId: query.campaignId,
    sourceType: query.sourceType,
    polarity: query.polarity,
    classification: query.classification,
    from: query.from,
    to: query.to,
    q: query.q,
  };
}

/** A page of evidence; when it shows confidential items, one `evidence.viewed` event names them (ids only). */
export async function listEvidence(ctx: ServiceCtx, query: ListEvidenceQuery): Promise<Page<Evidence>> {
  if (!hasPermission(ctx.actor, 'evidence.read')) throw forbidden();
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? LIMITS.pageSizeDefault;
  return inTransaction(ctx.db, async (trx) => {
    const { rows, total } = await repo.listEvidence(trx, { ...(await filterFor(ctx, trx, query)), page, pageSize, sort: query.sort, order: query.order });
    const confidential = rows.filter((r) => r.classification === 'CONFIDENTIAL').map((r) => r.id);
    if (confidential.length > 0) {
      await appendLedgerEvent(
        trx,
        ledgerActor(ctx.actor, roleFor(ctx.actor, 'evidence.read')),
        { action: 'evidence.viewed', objectType: 'evidence', objectId: confidential[0]!, orgPath: scopePaths(ctx.actor, 'evidence.read')[0] ?? '/', payload: { confidentialIds: confidential, cadreId: query.cadreId ?? null } },
        ctx.clock.now(),
      );
    }
    return { items: rows.map(presentEvidence), total, page, pageSize };
  });
}

/** Adds an evidence item about a cadre (in scope, not self or a relative) or a town team. */
export async function createEvidence(ctx: ServiceCtx, input: CreateEvidence): Promise<Evidence> {
  if (!hasPermission(ctx.actor, 'evidence.write')) throw forbidden();
  if (!input.cadrePersonId === !input.teamOrgUnitId) throw fieldError('cadrePersonId', '请选择证据所涉及的干部或班子（二选一）', 'Choose either the cadre or the team the evidence is about');
  if (input.sourceType === 'PERFORMANCE_ASSESSMENT' && !input.grade) throw fieldError('grade', '年度考核结果须填写等次', 'An annual assessment needs its grade');
  if (input.sourceType !== 'PERFORMANCE_ASSESSMENT' && input.grade) throw fieldError('grade', '只有年度考核结果才填写等次', 'Only annual assessments carry a grade');
  if (input.sourceType === 'ACCOUNTABILITY' && !input.effectUntil) throw fieldError('effectUntil', '问责材料须填写影响期截止日期', 'Accountability needs the date its effect ends');
  if (input.sourceType !== 'ACCOUNTABILITY' && input.effectUntil) throw fieldError('effectUntil', '只有问责材料才填写影响期', 'Only accountability items carry an effect period');
  if (input.effectUntil && input.effectUntil < input.date) throw fieldError('effectUntil', '影响期截止日期不能早于问责日期', 'The effect may not end before the accountability date');
  const scope = scopePaths(ctx.actor, 'evidence.write');
  return inTransaction(ctx.db, async (trx) => {
    let orgPath: string;
    if (input.cadrePersonId) {
      const person = await repo.findProfilePerson(trx, input.cadrePersonId);
      if (!person || !isPathInScope(person.org_path, scope)) throw notFound(PERSON);
      const conflicts = await conflictIds(trx, ctx.actor);
      if (conflicts.includes(person.id)) throw new AppError('FORBIDDEN', ctx.actor.personId === person.id ? CONFLICT_TEXT.self : CONFLICT_TEXT.relative);
      orgPath = person.org_path;
    } else {
      const [unit] = await repo.findUnits(trx, [input.teamOrgUnitId!]);
      if (!unit || !isPathInScope(unit.path, scope)) throw notFound({ zh: '班子所在单位', en: 'team unit' });
      orgPath = unit.path;
    }
    if (input.campaignId) {
      const c = await repo.findCampaign(trx, input.campaignId);
      if (!c || !isPathInScope(c.org_path, scopePaths(ctx.actor, 'campaign.read'))) throw notFound({ zh: '研判活动', en: 'analysis campaign' });
    }
    if (input.sourceUnitId && (await repo.findUnits(trx, [input.sourceUnitId])).length === 0) throw fieldError('sourceUnitId', '未找到材料来源单位', 'The source unit was not found');
    const id = uuidv7();
    const now = ctx.clock.now().toISOString();
    const hashes = [...new Set(input.attachmentHashes ?? [])];
    await repo.insertEvidence(trx, {
      id, cadre_person_id: input.cadrePersonId ?? null, team_org_unit_id: input.teamOrgUnitId ?? null, campaign_id: input.campaignId ?? null, source_type: input.sourceType,
      source_ref_id: input.sourceRefId ?? null, date: input.date, summary: input.summary.trim(), polarity: input.polarity, classification: input.classification,
      attachment_hashes: JSON.stringify(hashes), source_unit_id: input.sourceUnitId ?? null, grade: input.grade ?? null, effect_until: input.effectUntil ?? null, org_path: orgPath,
      created_by: ctx.actor.userId, created_at: now, updated_at: now,
    });
    await appendLedgerEvent(
      trx,
      ledgerActor(ctx.actor, roleFor(ctx.actor, 'evidence.write')),
      { action: 'evidence.created', objectType: 'evidence', objectId: id, orgPath, payload: { cadreId: input.cadrePersonId ?? null, teamOrgUnitId: input.teamOrgUnitId ?? null, sourceType: input.sourceType, classification: input.classification, polarity: input.polarity, attachments: hashes } },
      ctx.clock.now(),
    );
    const row = await repo.findEvidenceWithNames(trx, id);
    return presentEvidence(row!);
  });
}

const EXPORT_COLUMNS: XlsxColumn[] = [
  { key: 'date', header: '日期', width: 12 },
  { key: 'cadre', header: '干部' },
  { key: 'team', header: '班子' },
  { key: 'sourceType', header: '来源类型' },
  { key: 'summary', header: '摘要', width: 60 },
  { key: 'polarity', header: '倾向' },
  { key: 'classification', header: '密级' },
  { key: 'grade', header: '考核等次' },
  { key: 'effectUntil', header: '影响期至' },
  { key: 'sourceUnit', header: '来源单位' },
  { key: 'attachments', header: '附件 SHA-256', width: 70 },
];

/** The filtered evidence list as .xlsx (at most EVIDENCE_EXPORT_MAX rows): one `evidence.exported` event. */
export async function exportEvidenceXlsx(ctx: ServiceCtx, query: ListEvidenceQuery): Promise<{ fileName: string; buffer: Buffer; rowCount: number }> {
  if (!hasPermission(ctx.actor, 'evidence.read')) throw forbidden();
  const rows = await inTransaction(ctx.db, async (trx) => {
    const out = await repo.listAllEvidence(trx, await filterFor(ctx, trx, query), EVIDENCE_EXPORT_MAX + 1);
    if (out.length > EVIDENCE_EXPORT_MAX) throw new AppError('PAYLOAD_TOO_LARGE', { zh: `导出超过 ${EVIDENCE_EXPORT_MAX} 条，请缩小筛选范围`, en: `More than ${EVIDENCE_EXPORT_MAX} rows; narrow the filters` });
    await appendLedgerEvent(
      trx,
      ledgerActor(ctx.actor, roleFor(ctx.actor, 'evidence.read')),
      { action: 'evidence.exported', objectType: 'export', objectId: uuidv7(), orgPath: scopePaths(ctx.actor, 'evidence.read')[0] ?? '/', payload: { rowCount: out.length, confidential: out.filter((r) => r.classification === 'CONFIDENTIAL').length, filters: { ...query, page: undefined, pageSize: undefined } } },
      ctx.clock.now(),
    );
    return out;
  });
  const buffer = await writeXlsx(
    '证据库',
    EXPORT_COLUMNS,
    rows.map((r) => ({
      date: r.date,
      cadre: r.cadre_name ?? '',
      team: r.team_name ?? '',
      sourceType: EVIDENCE_TYPE_ZH[r.source_type as EvidenceSourceType] ?? r.source_type,
      summary: r.summary,
      polarity: POLARITY_ZH[r.polarity as Polarity] ?? r.polarity,
      classification: r.classification === 'CONFIDENTIAL' ? '机密' : '一般',
      grade: r.grade ? GRADE_ZH[r.grade as AnnualGrade] : '',
      effectUntil: r.effect_until ?? '',
      sourceUnit: r.source_unit_name ?? '',
      attachments: parseIds(r.attachment_hashes).join(' '),
    })),
  );
  return { fileName: `证据库-${chinaDateText(ctx.clock.now())}.xlsx`, buffer, rowCount: rows.length };
}

/**
 * The cadre profile (干部画像): posts, front-line experience, annual grades, evidence by source type, accountability in
 * force, petition counts by status (never content), talk counts and a timeline. evidence.read in scope (404 outside);
 * never the caller's own or a relative's (403 with the reason); one `evidence.profile_viewed` event per view.
 */
export async function getCadreProfile(ctx: ServiceCtx, personId: string): Promise<CadreProfile> {
  if (!hasPermission(ctx.actor, 'evidence.read')) throw forbidden();
  return inTransaction(ctx.db, async (trx) => {
    const person = await repo.findProfilePerson(trx, personId);
    if (!person || !isPathInScope(person.org_path, scopePaths(ctx.actor, 'evidence.read'))) throw notFound(PERSON);
    if (ctx.actor.personId === person.id) throw new AppError('FORBIDDEN', CONFLICT_TEXT.self);
    if ((await conflictIds(trx, ctx.actor)).includes(person.id)) throw new AppError('FORBIDDEN', CONFLICT_TEXT.relative);

    const posts = await repo.listPostsOf(trx, person.id);
    const frontLine = await repo.listFrontLineOf(trx, person.id);
    const evidence = await repo.listAllEvidence(trx, { paths: scopePaths(ctx.actor, 'evidence.read'), exclude: [], hiddenConfidentialTypes: hiddenConfidentialTypes(ctx.actor), cadreId: person.id }, 5_000);
    const items = evidence.map(presentEvidence);
    const today = todayCst(ctx);
    const petitionRows = await repo.petitionCountsOf(trx, person.id);
    const talks = await repo.talkCountsOf(trx, person.id);

    const evidenceByType = EVIDENCE_SOURCE_TYPES.map((t) => ({ sourceType: t, items: items.filter((e) => e.sourceType === t) })).filter((g) => g.items.length > 0);
    const assessments = items
      .filter((e) => e.sourceType === 'PERFORMANCE_ASSESSMENT' && e.grade !== null)
      .map((e) => ({ year: e.date.slice(0, 4), grade: e.grade!, evidenceId: e.id }))
      .sort((a, b) => (a.year < b.year ? 1 : -1));
    const accountabilityInForce = items.filter((e) => e.sourceType === 'ACCOUNTABILITY' && e.effectUntil !== null && e.effectUntil >= today).map((e) => ({ evidenceId: e.id, effectUntil: e.effectUntil!, summary: e.summary }));

    const timeline: TimelineEntry[] = [];
    for (const p of posts) {
      timeline.push({ date: p.start_date, kind: 'POST_START', title: `任${p.org_name}${p.title}`, detail: null, sourceType: null, polarity: null });
      if (p.end_date) timeline.push({ date: p.end_date, kind: 'POST_END', title: `免${p.org_name}${p.title}`, detail: null, sourceType: null, polarity: null });
    }
    for (const f of frontLine) timeline.push({ date: f.start_date, kind: 'FRONT_LINE', title: f.description, detail: f.end_date ? `至 ${f.end_date}` : '至今', sourceType: null, polarity: null });
    for (const e of items) timeline.push({ date: e.date, kind: 'EVIDENCE', title: e.summary, detail: e.grade ? GRADE_ZH[e.grade] : e.effectUntil ? `影响期至 ${e.effectUntil}` : null, sourceType: e.sourceType, polarity: e.polarity });
    timeline.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));

    await appendLedgerEvent(
      trx,
      ledgerActor(ctx.actor, roleFor(ctx.actor, 'evidence.read')),
      { action: 'evidence.profile_viewed', objectType: 'person', objectId: person.id, orgPath: person.org_path, payload: { evidence: items.length, confidential: items.filter((e) => e.classification === 'CONFIDENTIAL').length } },
      ctx.clock.now(),
    );
    return {
      person: { id: person.id, name: person.name, gender: person.gender, birthDate: person.birth_date, orgName: person.org_name, rankLevel: person.rank_level, educationCode: person.education_code, specialty: person.specialty },
      posts: posts.map((p) => ({ orgName: p.org_name, title: p.title, isLeadership: Number(p.is_leadership) === 1, isPrincipal: Number(p.is_principal) === 1, startDate: p.start_date, endDate: p.end_date })),
      frontLine: frontLine.map((f) => ({ kind: f.kind, description: f.description, startDate: f.start_date, endDate: f.end_date })),
      assessments,
      evidenceByType,
      accountabilityInForce,
      petitions: { source: 'petition_report', byStatus: petitionRows.map((r) => ({ status: r.status, count: Number(r.n) })), total: petitionRows.reduce((s, r) => s + Number(r.n), 0) },
      talks,
      timeline,
    };
  });
}
