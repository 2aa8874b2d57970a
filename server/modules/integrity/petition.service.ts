/**
 * 信访举报 intake (SPEC M6 PetitionReport, shared with M10). The discipline commission (petition.write) takes
 * petitions in, sees their content and moves them through RECEIVED → PRELIM_CHECK → VERIFIED_TRUE / PARTLY_TRUE /
 * UNFOUNDED (or TRANSFERRED); the reporter's identity is shown to the handler only (SPEC M10). Everyone else with
 * petition.read sees counts by status. Content, identity and conclusion are AES-256-GCM envelopes; every intake,
 * move and full read is a ledger event without any of that text.
 */
import { uuidv7 } from 'uuidv7';
import type { Page } from '../../../contracts/common.ts';
import { PETITION_STATUSES, type CreatePetition, type ListPetitionsQuery, type MovePetition, type Petition, type PetitionItem, type PetitionStatus, type PetitionSummary } from '../../../contracts/integrity.ts';
import { PETITION_OPEN_STATUSES } from '../../../contracts/integrity.ts';
import { LIMITS } from '../../../contracts/limits.ts';
import { inTransaction, type DbOrTrx } from '../../db/database.ts';
import { ledgerActor, type ServiceCtx } from '../../platform/deps.ts';
import { AppError, fieldError, forbidden, notFound, type Text } from '../../platform/errors.ts';
import { appendLedgerEvent } from '../../platform/ledger/index.ts';
import { hasPermission, isPathInScope, minimalRoots, scopePaths } from '../../platform/scope.ts';
import { PETITION_CONCLUDED, PETITION_TRANSITIONS } from './integrity.policy.ts';
import { presentPetitionItem } from './integrity.presenter.ts';
import * as repo from './integrity.repository.ts';
import { roleFor, todayCst } from './integrity.service.ts';

const PETITION: Text = { zh: '信访举报件', en: 'petition' };

/** The deepest path that is a prefix of every path (lowest common unit). */
export function commonPath(paths: string[]): string {
  const split = paths.map((p) => p.split('/').filter(Boolean));
  const out: string[] = [];
  for (let i = 0; ; i++) {
    const seg = split[0]?.[i];
    if (seg === undefined || split.some((s) => s[i] !== seg)) break;
    out.push(seg);
  }
  return out.length ? `/${out.join('/')}/` : '/';
}

async function withSubjects(db: DbOrTrx, rows: repo.PetitionRowWithNames[]): Promise<PetitionItem[]> {
  const subjects = await repo.listPetitionSubjects(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) =>
    presentPetitionItem(
      r,
      subjects.filter((s) => s.petition_id === r.id),
    ),
  );
}

async function presentFull(db: DbOrTrx, ctx: ServiceCtx, row: repo.PetitionRowWithNames): Promise<Petition> {
  const [item] = await withSubjects(db, [row]);
  const isHandler = row.handler_user_id === ctx.actor.userId;
  return {
    ...item!,
    content: ctx.cipher.decrypt(row.content_enc),
    conclusion: row.conclusion_enc ? ctx.cipher.decrypt(row.conclusion_enc) : null,
    reporterIdentity: isHandler && row.reporter_identity_enc ? ctx.cipher.decrypt(row.reporter_identity_enc) : null,
    isHandler,
    next: [...PETITION_TRANSITIONS[row.status as PetitionStatus]],
  };
}

async function loadVisible(db: DbOrTrx, ctx: ServiceCtx, id: string): Promise<repo.PetitionRowWithNames> {
  const row = await repo.findPetition(db, id);
  if (!row || !isPathInScope(row.org_path, scopePaths(ctx.actor, 'petition.write'))) throw notFound(PETITION);
  return row;
}

/** Takes a petition in; the caller becomes its handler. Every named cadre must be in the caller's scope. */
export async function createPetition(ctx: ServiceCtx, input: CreatePetition): Promise<Petition> {
  const identity = input.reporterIdentity?.trim() ?? '';
  if (input.realName && !identity) throw fieldError('reporterIdentity', '实名举报请填写举报人身份信息', 'Give the reporter identity for a real-name petition');
  if (input.receivedAt > todayCst(ctx)) throw fieldError('receivedAt', '收件日期不能晚于今天', 'The date received cannot be in the future');
  return inTransaction(ctx.db, async (trx) => {
    const paths = scopePaths(ctx.actor, 'petition.write');
    const subjects = [];
    for (const pid of input.subjectPersonIds) {
      const p = await repo.findPersonName(trx, pid);
      if (!p || !isPathInScope(p.org_path, paths)) throw notFound({ zh: '被反映人', en: 'person named' });
      subjects.push(p);
    }
    const id = uuidv7();
    const now = ctx.clock.now().toISOString();
    const orgPath = commonPath(subjects.map((s) => s.org_path));
    await trx
      .insertInto('petition_report')
      .values({
        id, received_at: input.receivedAt, channel: input.channel, real_name: input.realName ? 1 : 0, reporter_identity_enc: input.realName ? ctx.cipher.encrypt(identity) : null,
        content_enc: ctx.cipher.encrypt(input.content.trim()), specific_and_checkable: input.specificAndCheckable ? 1 : 0, status: 'RECEIVED', conclusion_enc: null,
        org_path: orgPath, handler_user_id: ctx.actor.userId, created_at: now, updated_at: now,
      })
      .execute();
    await trx
      .insertInto('petition_subject')
      .values(subjects.map((s) => ({ petition_id: id, person_id: s.id })))
      .execute();
    await appendLedgerEvent(
      trx,
      ledgerActor(ctx.actor, roleFor(ctx.actor, 'petition.write')),
      { action: 'petition.received', objectType: 'petition_report', objectId: id, orgPath, payload: { channel: input.channel, realName: input.realName, specificAndCheckable: input.specificAndCheckable, subjectPersonIds: subjects.map((s) => s.id) } },
      ctx.clock.now(),
    );
    return presentFull(trx, ctx, (await repo.findPetition(trx, id))!);
  });
}

/** The full list (discipline commission only; others use the summary). */
export async function listPetitions(ctx: ServiceCtx, q: ListPetitionsQuery): Promise<Page<PetitionItem>> {
  if (!hasPermission(ctx.actor, 'petition.write')) throw forbidden();
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? LIMITS.pageSizeDefault;
  const { rows, total } = await repo.listPetitions(
    ctx.db,
    { paths: scopePaths(ctx.actor, 'petition.write'), status: q.status, subjectPersonId: q.subjectPersonId, ...(q.openCheckable ? { openStatuses: PETITION_OPEN_STATUSES } : {}) },
    page,
    pageSize,
  );
  return { items: await withSubjects(ctx.db, rows), total, page, pageSize };
}

/** One petition with its content (and the reporter identity for its handler): a confidential read, ledgered. */
export async function getPetition(ctx: ServiceCtx, id: string): Promise<Petition> {
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadVisible(trx, ctx, id);
    const isHandler = row.handler_user_id === ctx.actor.userId;
    await appendLedgerEvent(
      trx,
      ledgerActor(ctx.actor, roleFor(ctx.actor, 'petition.write')),
      { action: 'petition.viewed', objectType: 'petition_report', objectId: id, orgPath: row.org_path, payload: { identityShown: isHandler && row.reporter_identity_enc !== null } },
      ctx.clock.now(),
    );
    return presentFull(trx, ctx, row);
  });
}

/** Moves a petition along PETITION_TRANSITIONS; a concluding status needs the written conclusion. */
export async function movePetition(ctx: ServiceCtx, id: string, input: MovePetition): Promise<Petition> {
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadVisible(trx, ctx, id);
    const from = row.status as PetitionStatus;
    if (!PETITION_TRANSITIONS[from].includes(input.to)) throw new AppError('ILLEGAL_TRANSITION', { zh: `信访件不能从“${from}”转为“${input.to}”`, en: `A petition cannot move from ${from} to ${input.to}` });
    const conclusion = input.conclusion?.trim() ?? '';
    if (PETITION_CONCLUDED.includes(input.to) && [...conclusion].length < LIMITS.reasonMin) throw fieldError('conclusion', '办结时请填写核查结论', 'Write the conclusion when closing the petition');
    const now = ctx.clock.now().toISOString();
    const r = await trx
      .updateTable('petition_report')
      .set({ status: input.to, ...(conclusion ? { conclusion_enc: ctx.cipher.encrypt(conclusion) } : {}), updated_at: now })
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('ILLEGAL_TRANSITION', { zh: '该信访件刚被他人处理，请刷新', en: 'Someone else just moved this petition; reload' });
    await appendLedgerEvent(
      trx,
      ledgerActor(ctx.actor, roleFor(ctx.actor, 'petition.write')),
      { action: 'petition.moved', objectType: 'petition_report', objectId: id, orgPath: row.org_path, payload: { from, to: input.to, concluded: PETITION_CONCLUDED.includes(input.to) } },
      ctx.clock.now(),
    );
    return presentFull(trx, ctx, (await repo.findPetition(trx, id))!);
  });
}

/** Counts by status in the caller's scope: the only petition view for roles without petition.write. */
export async function petitionSummary(ctx: ServiceCtx): Promise<PetitionSummary> {
  if (!hasPermission(ctx.actor, 'petition.read') && !hasPermission(ctx.actor, 'petition.write')) throw forbidden();
  const paths = minimalRoots([...scopePaths(ctx.actor, 'petition.read'), ...scopePaths(ctx.actor, 'petition.write')]);
  const rows = await repo.countPetitionsByStatus(ctx.db, paths);
  const count = (pred: (r: (typeof rows)[number]) => boolean) => rows.filter(pred).reduce((n, r) => n + r.n, 0);
  return {
    total: count(() => true),
    byStatus: PETITION_STATUSES.map((status) => ({ status, count: count((r) => r.status === status) })),
    openCheckable: count((r) => r.checkable === 1 && PETITION_OPEN_STATUSES.includes(r.status as PetitionStatus)),
    realName: count((r) => r.real_name === 1),
  };
}

/** A citizen's misconduct report routed out of the O2O flow (SPEC M2 → M6/M10), as the discipline commission takes it in. */
export type RoutedReport = {
  /** the O2O matter code (CSX-YYYY-NNNNNN), written into the content so the petition names its source */
  code: string;
  title: string;
  description: string;
  /** the village or town the report is about: the petition's scope */
  locationPath: string;
  anonymous: boolean;
  requesterName: string | null;
  requesterPhone: string | null;
};

/**
 * The discipline-commission account that receives routed reports for a place: an enabled user with a current
 * DISCIPLINE_COMMISSION grant on the closest unit above it (ties: the oldest grant). Null when there is none.
 */
async function routedReportHandler(trx: DbOrTrx, locationPath: string, today: string): Promise<string | null> {
  const rows = await trx
    .selectFrom('role_grant as g')
    .innerJoin('org_unit as u', 'u.id', 'g.org_unit_id')
    .innerJoin('app_user as a', 'a.id', 'g.user_id')
    .select(['g.user_id', 'u.path', 'g.created_at'])
    .where('g.role', '=', 'DISCIPLINE_COMMISSION')
    .where('a.is_disabled', '=', 0)
    .where('g.valid_from', '<=', today)
    .where((eb) => eb.or([eb('g.valid_to', 'is', null), eb('g.valid_to', '>', today)]))
    .execute();
  const fit = rows.filter((r) => isPathInScope(locationPath, [r.path])).sort((a, b) => b.path.length - a.path.length || a.created_at.localeCompare(b.created_at) || a.user_id.localeCompare(b.user_id));
  return fit[0]?.user_id ?? null;
}

/**
 * Takes a routed O2O report in as a petition (channel ONLINE, status RECEIVED, no named subject yet: the citizen's
 * text names the cadre; the handler links persons when checking it), in the caller's transaction. The handler is
 * `by` when a discipline-commission user takes it in by hand, else the account found by `routedReportHandler`;
 * with neither, nothing is written and null is returned (the report waits in the routed list to be taken in).
 * Content and identity are encrypted; the ledger event carries neither.
 */
export async function receiveRoutedReport(trx: DbOrTrx, deps: Pick<ServiceCtx, 'cipher' | 'clock'>, report: RoutedReport, by: ServiceCtx['actor'] | null = null): Promise<string | null> {
  const today = todayCst(deps);
  const handler = by?.userId ?? (await routedReportHandler(trx, report.locationPath, today));
  if (!handler) return null;
  const id = uuidv7();
  const now = deps.clock.now().toISOString();
  const identity = report.anonymous ? '' : [report.requesterName, report.requesterPhone].filter(Boolean).join(' ');
  // the title is often the first characters of the description: do not repeat it
  const text = report.description.startsWith(report.title) ? report.description : `${report.title}\n${report.description}`;
  const content = `【群众事项 ${report.code} 转来】${text}`;
  await trx
    .insertInto('petition_report')
    .values({
      id, received_at: today, channel: 'ONLINE', real_name: identity ? 1 : 0, reporter_identity_enc: identity ? deps.cipher.encrypt(identity) : null,
      content_enc: deps.cipher.encrypt(content), specific_and_checkable: 0, status: 'RECEIVED', conclusion_enc: null,
      org_path: report.locationPath, handler_user_id: handler, created_at: now, updated_at: now,
    })
    .execute();
  await appendLedgerEvent(
    trx,
    by ? ledgerActor(by, roleFor(by, 'petition.write')) : { userId: null, role: 'SYSTEM' },
    { action: 'petition.received', objectType: 'petition_report', objectId: id, orgPath: report.locationPath, payload: { channel: 'ONLINE', realName: identity !== '', specificAndCheckable: false, subjectPersonIds: [], fromMatter: report.code, handlerUserId: handler } },
    deps.clock.now(),
  );
  return id;
}
