/**
 * Integrity conclusions (廉政结论双签, SPEC M6, SECURITY.md §5.6 and §9 cases 24–26).
 *
 * - One row per version; a signature binds (conclusion row, version, role, person) to the content hash of that
 *   version. Editing after any signature makes version n+1 (signatures of version n no longer count).
 * - Every transition runs in ONE transaction: row lock (no-op UPDATE; SQLite holds the write lock from BEGIN
 *   IMMEDIATE), read, checks (scope → 404, conflict/role → 403, state → 409, fresh login → 401), writes with a
 *   status compare-and-set, and its ledger event. The UNIQUE constraints on integrity_signature are the last line:
 *   two signatures for one role, or one person in both roles, cannot be committed whatever the application does.
 * - Conclusion text is an AES-256-GCM envelope; ledger payloads carry ids, versions, hashes and states only.
 */
import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { Page } from '../../../contracts/common.ts';
import type {
  CreateIntegrityConclusion,
  EditIntegrityConclusion,
  IntegrityBasis,
  IntegrityConclusion,
  IntegrityConclusionItem,
  IntegrityOutcome,
  IntegrityStatus,
  ListIntegrityConclusionsQuery,
  ReturnIntegrityConclusion,
  SignIntegrityConclusion,
  SignerRole,
} from '../../../contracts/integrity.ts';
import { LIMITS } from '../../../contracts/limits.ts';
import type { Permission } from '../../../contracts/permissions.ts';
import { inTransaction, type DbOrTrx, type Trx } from '../../db/database.ts';
import type { IntegrityConclusionRow } from '../../db/schema.ts';
import { ledgerActor, type ServiceCtx } from '../../platform/deps.ts';
import { AppError, forbidden, notFound, type Text } from '../../platform/errors.ts';
import { appendLedgerEvent, canonicalJson } from '../../platform/ledger/index.ts';
import { roleHasPermission } from '../../platform/policy.ts';
import { hasPermission, isPathInScope, minimalRoots, scopePaths, type Actor } from '../../platform/scope.ts';
import { requireFreshLogin } from '../auth/auth.service.ts';
import { listRegisteredRelativeIds } from '../people/index.ts';
import { illegalTransitionText, statusAfterSignature, transitionNamed, type ConclusionTransitionName } from './integrity.policy.ts';
import { presentConclusion, presentConclusionItem } from './integrity.presenter.ts';
import * as repo from './integrity.repository.ts';
import { planSignatureSlots, type SlotPlan } from './integrity.signers.ts';

const CONCLUSION: Text = { zh: '廉政结论', en: 'integrity conclusion' };
const PERSON: Text = { zh: '人员', en: 'person' };

export const forbiddenBecause = (text: Text) => new AppError('FORBIDDEN', text);
const illegal = (text: Text) => new AppError('ILLEGAL_TRANSITION', text);

/** Today in China Standard Time (UTC+8). */
export function todayCst(ctx: Pick<ServiceCtx, 'clock'>): string {
  return new Date(ctx.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function roleFor(actor: Actor, permission: Permission): string | undefined {
  return actor.roles.find((r) => roleHasPermission(r, permission));
}

/** Units whose conclusions the caller may see: read, sign (escalated signers such as the county secretary) or accept. */
export function conclusionReadPaths(actor: Actor): string[] {
  return minimalRoots([...scopePaths(actor, 'integrity.read'), ...scopePaths(actor, 'integrity.sign'), ...scopePaths(actor, 'integrity.accept')]);
}

/** The caller's own person and registered relatives: never shown their integrity records (SPEC §4 conflict filter). */
export async function conflictSet(db: DbOrTrx, actor: Actor): Promise<Set<string>> {
  if (!actor.personId) return new Set();
  const s = await listRegisteredRelativeIds(db, actor.personId);
  s.add(actor.personId);
  return s;
}

export function isUniqueViolation(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || /UNIQUE constraint failed/.test(e.message);
}

/** SHA-256 over the canonical content of one version; what a signature is bound to. */
export function conclusionContentHash(c: { lineageId: string; version: number; subjectPersonId: string; unitOrgId: string; conclusion: IntegrityOutcome; text: string; basis: readonly IntegrityBasis[] }): string {
  return createHash('sha256')
    .update(canonicalJson({ lineageId: c.lineageId, version: c.version, subjectPersonId: c.subjectPersonId, unitOrgId: c.unitOrgId, conclusion: c.conclusion, text: c.text, basis: [...c.basis].sort() }))
    .digest('hex');
}

function parseBasis(json: string): IntegrityBasis[] {
  return JSON.parse(json) as IntegrityBasis[];
}

function normaliseText(text: string): string {
  return text.replace(/\r\n/g, '\n').trim();
}

// ---- reading ----

type Allowed = IntegrityConclusion['can'];

function allowedFor(ctx: ServiceCtx, row: IntegrityConclusionRow, slots: SlotPlan[], signedRoles: Set<SignerRole>, signerPersons: Set<string>): Allowed {
  const a = ctx.actor;
  const current = row.superseded_by_id === null;
  const status = row.status as IntegrityStatus;
  const inDraftScope = isPathInScope(row.org_path, scopePaths(a, 'integrity.draft'));
  const sign: SignerRole[] = [];
  if (current && hasPermission(a, 'integrity.sign') && a.personId && !signerPersons.has(a.personId) && ['DRAFT', 'SIGNED_BY_SECRETARY', 'SIGNED_BY_DISCIPLINE'].includes(status)) {
    for (const s of slots) if (!signedRoles.has(s.role) && mayTakeSlot(a, s, row.org_path)) sign.push(s.role);
  }
  return {
    edit: current && inDraftScope && transitionNamed('edit').from.includes(status),
    sign,
    submit: current && inDraftScope && status === 'DOUBLE_SIGNED',
    accept: current && isPathInScope(row.org_path, scopePaths(a, 'integrity.accept')) && status === 'SUBMITTED',
    return: current && isPathInScope(row.org_path, scopePaths(a, 'integrity.accept')) && status === 'SUBMITTED',
  };
}

/** The caller's person is eligible for the slot; the escalated discipline slot also needs the commission role over the unit. */
function mayTakeSlot(actor: Actor, slot: SlotPlan, orgPath: string): boolean {
  if (!actor.personId || !slot.eligible.some((e) => e.personId === actor.personId)) return false;
  if (slot.role === 'DISCIPLINE' && slot.escalated) {
    return actor.roles.includes('DISCIPLINE_COMMISSION') && isPathInScope(orgPath, minimalRoots(actor.roots.filter((r) => r.role === 'DISCIPLINE_COMMISSION').map((r) => r.path)));
  }
  return true;
}

export async function loadVisible(db: DbOrTrx, ctx: ServiceCtx, id: string): Promise<repo.ConclusionRowWithNames> {
  const row = await repo.findConclusionWithNames(db, id);
  if (!row || !isPathInScope(row.org_path, conclusionReadPaths(ctx.actor))) throw notFound(CONCLUSION);
  if ((await conflictSet(db, ctx.actor)).has(row.subject_person_id)) throw notFound(CONCLUSION);
  return row;
}

async function present(db: DbOrTrx, ctx: ServiceCtx, row: repo.ConclusionRowWithNames): Promise<IntegrityConclusion> {
  const lineage = await repo.listLineage(db, row.lineage_id);
  const signatures = await repo.listSignatures(
    db,
    lineage.map((l) => l.id),
  );
  const mine = signatures.filter((s) => s.conclusion_id === row.id && s.version === row.version);
  const slots = await planSignatureSlots(db, row, todayCst(ctx));
  const allowed = allowedFor(ctx, row, slots, new Set(mine.map((s) => s.signer_role as SignerRole)), new Set(mine.map((s) => s.signer_person_id)));
  return presentConclusion(row, ctx.cipher.decrypt(row.text_enc), lineage, signatures, slots, allowed);
}

/** One conclusion (any version) with its slots, signatures and history; a confidential read, so one ledger event. */
export async function getConclusion(ctx: ServiceCtx, id: string): Promise<IntegrityConclusion> {
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadVisible(trx, ctx, id);
    await appendLedgerEvent(
      trx,
      ledgerActor(ctx.actor, roleFor(ctx.actor, 'integrity.read') ?? roleFor(ctx.actor, 'integrity.sign')),
      { action: 'integrity.viewed', objectType: 'integrity_conclusion', objectId: row.id, orgPath: row.org_path, payload: { personId: row.subject_person_id, version: row.version } },
      ctx.clock.now(),
    );
    return present(trx, ctx, row);
  });
}

const SIGNABLE: IntegrityStatus[] = ['DRAFT', 'SIGNED_BY_SECRETARY', 'SIGNED_BY_DISCIPLINE'];

/** Current versions in the caller's scope; `toSign` narrows to those still waiting for a signature in the caller's signing scope. */
export async function listConclusions(ctx: ServiceCtx, q: ListIntegrityConclusionsQuery): Promise<Page<IntegrityConclusionItem>> {
  if (!hasPermission(ctx.actor, 'integrity.read') && !hasPermission(ctx.actor, 'integrity.sign') && !hasPermission(ctx.actor, 'integrity.accept')) throw forbidden();
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? LIMITS.pageSizeDefault;
  const paths = q.toSign ? scopePaths(ctx.actor, 'integrity.sign') : conclusionReadPaths(ctx.actor);
  const { rows, total } = await repo.listConclusions(
    ctx.db,
    {
      paths,
      excludePersonIds: [...(await conflictSet(ctx.db, ctx.actor))],
      status: q.status,
      conclusion: q.conclusion,
      subjectPersonId: q.subjectPersonId,
      q: q.q?.trim() || undefined,
      ...(q.toSign ? { statuses: q.status ? SIGNABLE.filter((s) => s === q.status) : SIGNABLE, notSignedBy: ctx.actor.personId ?? undefined } : {}),
    },
    page,
    pageSize,
  );
  const sigs = await repo.listSignatures(
    ctx.db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => presentConclusionItem(r, sigs.filter((s) => s.conclusion_id === r.id && s.version === r.version).map((s) => s.signer_role as SignerRole))), total, page, pageSize };
}

// ---- writing ----

/** Drafts a conclusion about a person of a unit in the caller's draft scope (the unit's Party organisation office). */
export async function createConclusion(ctx: ServiceCtx, input: CreateIntegrityConclusion): Promise<IntegrityConclusion> {
  const text = normaliseText(input.text);
  return inTransaction(ctx.db, async (trx) => {
    const subject = await repo.findPersonName(trx, input.subjectPersonId);
    if (!subject || !isPathInScope(subject.org_path, scopePaths(ctx.actor, 'integrity.draft'))) throw notFound(PERSON);
    if ((await conflictSet(trx, ctx.actor)).has(subject.id)) throw forbiddenBecause({ zh: '不能为本人或近亲属起草廉政结论', en: 'You may not draft a conclusion about yourself or a relative' });
    const open = await repo.listConclusions(trx, { paths: ['/'], excludePersonIds: [], subjectPersonId: subject.id, statuses: ['DRAFT', 'SIGNED_BY_SECRETARY', 'SIGNED_BY_DISCIPLINE', 'DOUBLE_SIGNED', 'SUBMITTED'] }, 1, 1);
    if (open.total > 0) throw new AppError('CONFLICT', { zh: `${subject.name}已有一份尚未办结的廉政结论，请在原结论上修改`, en: 'This person already has an integrity conclusion in progress; edit that one' });
    const party = await repo.findUnitPartyOrg(trx, subject.org_unit_id);
    const id = uuidv7();
    const now = ctx.clock.now().toISOString();
    const contentHash = conclusionContentHash({ lineageId: id, version: 1, subjectPersonId: subject.id, unitOrgId: subject.org_unit_id, conclusion: input.conclusion, text, basis: input.basis });
    await repo.insertConclusion(trx, {
      id, lineage_id: id, version: 1, previous_version_id: null, superseded_by_id: null, subject_person_id: subject.id, unit_org_id: subject.org_unit_id,
      unit_party_org_id: party?.id ?? null, org_path: subject.org_path, conclusion: input.conclusion, text_enc: ctx.cipher.encrypt(text), basis: JSON.stringify([...input.basis].sort()),
      status: 'DRAFT', content_hash: contentHash, return_reason: null, created_by_user_id: ctx.actor.userId, submitted_at: null, decided_at: null, decided_by_user_id: null, created_at: now, updated_at: now,
    });
    await appendLedgerEvent(
      trx,
      ledgerActor(ctx.actor, roleFor(ctx.actor, 'integrity.draft')),
      { action: 'integrity.created', objectType: 'integrity_conclusion', objectId: id, orgPath: subject.org_path, payload: { personId: subject.id, version: 1, conclusion: input.conclusion, contentHash } },
      ctx.clock.now(),
    );
    return present(trx, ctx, (await repo.findConclusionWithNames(trx, id))!);
  });
}

/** Locks, loads and checks visibility, currency and the transition's from-state. */
async function lockForTransition(trx: Trx, ctx: ServiceCtx, id: string, name: ConclusionTransitionName): Promise<repo.ConclusionRowWithNames> {
  await repo.lockConclusion(trx, id);
  const row = await loadVisible(trx, ctx, id);
  if (row.superseded_by_id !== null) throw illegal({ zh: `这是第 ${row.version} 版，已有更新的版本，请在最新版本上操作`, en: `This is version ${row.version}; a newer version exists` });
  const status = row.status as IntegrityStatus;
  if (!transitionNamed(name).from.includes(status)) throw illegal(illegalTransitionText(name, status));
  return row;
}

function staleHash(): AppError {
  return illegal({ zh: '结论内容已被修改，请刷新页面核对最新版本后再操作', en: 'The conclusion changed since you loaded it; reload and check the latest version' });
}

/** Inserts version n+1 (DRAFT) from `row` with new content and marks `row` superseded, in the caller's transaction. */
async function insertNextVersion(trx: Trx, ctx: ServiceCtx, row: IntegrityConclusionRow, content: { conclusion: IntegrityOutcome; text: string; basis: IntegrityBasis[] }, oldValues: { status: IntegrityStatus; return_reason?: string; decided_at?: string; decided_by_user_id?: string }): Promise<{ id: string; contentHash: string }> {
  const id = uuidv7();
  const now = ctx.clock.now().toISOString();
  const version = row.version + 1;
  const contentHash = conclusionContentHash({ lineageId: row.lineage_id, version, subjectPersonId: row.subject_person_id, unitOrgId: row.unit_org_id, ...content });
  try {
    await repo.insertConclusion(trx, {
      id, lineage_id: row.lineage_id, version, previous_version_id: row.id, superseded_by_id: null, subject_person_id: row.subject_person_id, unit_org_id: row.unit_org_id,
      unit_party_org_id: row.unit_party_org_id, org_path: row.org_path, conclusion: content.conclusion, text_enc: ctx.cipher.encrypt(content.text), basis: JSON.stringify([...content.basis].sort()),
      status: 'DRAFT', content_hash: contentHash, return_reason: null, created_by_user_id: ctx.actor.userId, submitted_at: null, decided_at: null, decided_by_user_id: null, created_at: now, updated_at: now,
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw illegal({ zh: '他人刚刚生成了新版本，请刷新后再操作', en: 'Someone else just created a new version; reload' });
    throw e;
  }
  const changed = await repo.updateConclusionState(trx, row.id, row.status as IntegrityStatus, { ...oldValues, superseded_by_id: id, updated_at: now });
  if (changed !== 1) throw illegal({ zh: '该结论刚被他人处理，请刷新后再操作', en: 'Someone else just acted on this conclusion; reload' });
  return { id, contentHash };
}

/**
 * Edits the content. An unsigned DRAFT changes in place (new content hash); once any signature exists the edit
 * makes version n+1 as a DRAFT, and the earlier signatures no longer count (SPEC M6 Immutability).
 */
export async function editConclusion(ctx: ServiceCtx, id: string, input: EditIntegrityConclusion): Promise<IntegrityConclusion> {
  const text = normaliseText(input.text);
  return inTransaction(ctx.db, async (trx) => {
    const row = await lockForTransition(trx, ctx, id, 'edit');
    if (!isPathInScope(row.org_path, scopePaths(ctx.actor, 'integrity.draft'))) throw forbidden();
    if (input.contentHash !== row.content_hash) throw staleHash();
    const status = row.status as IntegrityStatus;
    const content = { conclusion: input.conclusion, text, basis: [...input.basis].sort() };
    let targetId = row.id;
    let contentHash: string;
    let voided = 0;
    if (status === 'DRAFT') {
      contentHash = conclusionContentHash({ lineageId: row.lineage_id, version: row.version, subjectPersonId: row.subject_person_id, unitOrgId: row.unit_org_id, ...content });
      const changed = await repo.updateConclusionState(trx, row.id, 'DRAFT', { conclusion: content.conclusion, text_enc: ctx.cipher.encrypt(text), basis: JSON.stringify(content.basis), content_hash: contentHash, updated_at: ctx.clock.now().toISOString() });
      if (changed !== 1) throw staleHash();
    } else {
      voided = (await repo.listSignatures(trx, [row.id])).filter((s) => s.version === row.version).length;
      const next = await insertNextVersion(trx, ctx, row, content, { status });
      targetId = next.id;
      contentHash = next.contentHash;
    }
    await appendLedgerEvent(
      trx,
      ledgerActor(ctx.actor, roleFor(ctx.actor, 'integrity.draft')),
      {
        action: 'integrity.edited',
        objectType: 'integrity_conclusion',
        objectId: targetId,
        orgPath: row.org_path,
        payload: { personId: row.subject_person_id, lineageId: row.lineage_id, fromVersion: row.version, version: targetId === row.id ? row.version : row.version + 1, contentHash, previousHash: row.content_hash, voidedSignatures: voided },
      },
      ctx.clock.now(),
    );
    return present(trx, ctx, (await repo.findConclusionWithNames(trx, targetId))!);
  });
}

/**
 * Signs the exact version on screen (its content hash) in one slot. Either order; the second signature makes it
 * DOUBLE_SIGNED. The caller must hold the slot's post now (or its escalation), may not be the subject or a
 * relative, may not sign both slots, and must have logged in within the step-up window.
 */
export async function signConclusion(ctx: ServiceCtx, id: string, input: SignIntegrityConclusion): Promise<IntegrityConclusion> {
  return inTransaction(ctx.db, async (trx) => {
    const row = await lockForTransition(trx, ctx, id, 'sign');
    const actor = ctx.actor;
    if (!actor.personId) throw forbiddenBecause({ zh: '您的账号未关联人员信息，不能以本人名义签字', en: 'Your account is not linked to a person and cannot sign' });
    if (actor.personId === row.subject_person_id) throw forbiddenBecause({ zh: '不能为关于本人的廉政结论签字', en: 'You may not sign a conclusion about yourself' });
    if ((await listRegisteredRelativeIds(trx, actor.personId)).has(row.subject_person_id)) throw forbiddenBecause({ zh: '不能为关于近亲属的廉政结论签字，请回避', en: 'You may not sign a conclusion about a registered relative' });
    if (input.contentHash !== row.content_hash) throw staleHash();
    const status = row.status as IntegrityStatus;
    const next = statusAfterSignature(status, input.role);
    if (!next) throw illegal({ zh: input.role === 'SECRETARY' ? '书记已在本版本上签字' : '纪委书记已在本版本上签字', en: `The ${input.role} slot of this version is already signed` });
    const slots = await planSignatureSlots(trx, row, todayCst(ctx));
    const slot = slots.find((s) => s.role === input.role)!;
    if (!mayTakeSlot(actor, slot, row.org_path)) {
      const who = slot.eligible.map((e) => `${e.name}（${e.title}）`).join('、') || (input.role === 'SECRETARY' ? '该单位党组织书记' : '该单位纪委书记');
      throw forbiddenBecause({
        zh: `您不是该单位现任${input.role === 'SECRETARY' ? '党组织书记' : '纪委书记（纪检组组长）'}${slot.escalated ? '的上一级签字人' : ''}，应由${who}签字`,
        en: `You do not currently hold the ${input.role === 'SECRETARY' ? 'Party secretary' : 'discipline secretary'} post for this unit${slot.escalated ? ' (escalated)' : ''}`,
      });
    }
    const existing = (await repo.listSignatures(trx, [row.id])).filter((s) => s.version === row.version);
    if (existing.some((s) => s.signer_person_id === actor.personId)) throw illegal({ zh: '同一人不能同时以书记和纪委书记身份签字', en: 'One person cannot sign in both roles' });
    requireFreshLogin(ctx, actor);
    const now = ctx.clock.now();
    try {
      await repo.insertSignature(trx, {
        id: uuidv7(), conclusion_id: row.id, version: row.version, signer_role: input.role, signer_person_id: actor.personId, signer_user_id: actor.userId,
        basis: slot.escalated ? 'ESCALATED' : 'DIRECT', content_hash: row.content_hash, signed_at: now.toISOString(),
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw illegal({ zh: '该签字位置刚被他人签字，或您已在另一位置签字，请刷新', en: 'That slot was just signed, or you already signed the other slot; reload' });
      throw e;
    }
    const changed = await repo.updateConclusionState(trx, row.id, status, { status: next, updated_at: now.toISOString() });
    if (changed !== 1) throw illegal({ zh: '该结论刚被他人处理，请刷新后再签字', en: 'Someone else just acted on this conclusion; reload' });
    await appendLedgerEvent(
      trx,
      ledgerActor(actor, roleFor(actor, 'integrity.sign')),
      {
        action: 'integrity.signed',
        objectType: 'integrity_conclusion',
        objectId: row.id,
        orgPath: row.org_path,
        payload: { personId: row.subject_person_id, version: row.version, role: input.role, basis: slot.escalated ? 'ESCALATED' : 'DIRECT', signerPersonId: actor.personId, contentHash: row.content_hash, from: status, to: next },
      },
      now,
    );
    return present(trx, ctx, (await repo.findConclusionWithNames(trx, row.id))!);
  });
}

/** Both signatures of the row's version, bound to its current hash (checked again before submit and accept). */
async function assertDoubleSigned(trx: Trx, row: IntegrityConclusionRow): Promise<void> {
  const sigs = (await repo.listSignatures(trx, [row.id])).filter((s) => s.version === row.version && s.content_hash === row.content_hash);
  const roles = new Set(sigs.map((s) => s.signer_role));
  const persons = new Set(sigs.map((s) => s.signer_person_id));
  if (!roles.has('SECRETARY') || !roles.has('DISCIPLINE') || persons.size !== 2) {
    throw illegal({ zh: '该版本缺少有效的双签字，不能继续', en: 'This version lacks two valid signatures' });
  }
}

async function simpleTransition(ctx: ServiceCtx, id: string, name: 'submit' | 'accept', permissionCheck: (row: IntegrityConclusionRow) => void): Promise<IntegrityConclusion> {
  const t = transitionNamed(name);
  return inTransaction(ctx.db, async (trx) => {
    const row = await lockForTransition(trx, ctx, id, name);
    permissionCheck(row);
    await assertDoubleSigned(trx, row);
    const now = ctx.clock.now().toISOString();
    const to = t.to as IntegrityStatus;
    const values = name === 'submit' ? { status: to, submitted_at: now, updated_at: now } : { status: to, decided_at: now, decided_by_user_id: ctx.actor.userId, updated_at: now };
    const changed = await repo.updateConclusionState(trx, row.id, row.status as IntegrityStatus, values);
    if (changed !== 1) throw illegal({ zh: '该结论刚被他人处理，请刷新', en: 'Someone else just acted on this conclusion; reload' });
    await appendLedgerEvent(
      trx,
      ledgerActor(ctx.actor, roleFor(ctx.actor, name === 'accept' ? 'integrity.accept' : 'integrity.draft') ?? roleFor(ctx.actor, 'integrity.sign')),
      { action: t.action, objectType: 'integrity_conclusion', objectId: row.id, orgPath: row.org_path, payload: { personId: row.subject_person_id, version: row.version, contentHash: row.content_hash, from: row.status, to, conclusion: row.conclusion } },
      ctx.clock.now(),
    );
    return present(trx, ctx, (await repo.findConclusionWithNames(trx, row.id))!);
  });
}

/** DOUBLE_SIGNED → SUBMITTED: the unit sends it to the organisation department. */
export function submitConclusion(ctx: ServiceCtx, id: string): Promise<IntegrityConclusion> {
  return simpleTransition(ctx, id, 'submit', (row) => {
    if (!isPathInScope(row.org_path, scopePaths(ctx.actor, 'integrity.draft'))) throw forbidden();
  });
}

/** SUBMITTED → ACCEPTED by the cadre supervision section. */
export function acceptConclusion(ctx: ServiceCtx, id: string): Promise<IntegrityConclusion> {
  return simpleTransition(ctx, id, 'accept', (row) => {
    if (!isPathInScope(row.org_path, scopePaths(ctx.actor, 'integrity.accept'))) throw forbidden();
  });
}

/** SUBMITTED → RETURNED with a reason; the same content becomes version n+1 as a DRAFT to be corrected and signed again. */
export async function returnConclusion(ctx: ServiceCtx, id: string, input: ReturnIntegrityConclusion): Promise<IntegrityConclusion> {
  const reason = input.reason.trim();
  if ([...reason].length < LIMITS.reasonMin) throw new AppError('VALIDATION', { zh: `请填写退回理由（至少 ${LIMITS.reasonMin} 个字）`, en: `Give a reason of at least ${LIMITS.reasonMin} characters` }, [{ field: 'reason', message: { zh: `请填写退回理由（至少 ${LIMITS.reasonMin} 个字）`, en: `Give a reason of at least ${LIMITS.reasonMin} characters` } }]);
  return inTransaction(ctx.db, async (trx) => {
    const row = await lockForTransition(trx, ctx, id, 'return');
    if (!isPathInScope(row.org_path, scopePaths(ctx.actor, 'integrity.accept'))) throw forbidden();
    const now = ctx.clock.now().toISOString();
    const next = await insertNextVersion(
      trx,
      ctx,
      row,
      { conclusion: row.conclusion as IntegrityOutcome, text: ctx.cipher.decrypt(row.text_enc), basis: parseBasis(row.basis) },
      { status: 'RETURNED', return_reason: reason, decided_at: now, decided_by_user_id: ctx.actor.userId },
    );
    await appendLedgerEvent(
      trx,
      ledgerActor(ctx.actor, roleFor(ctx.actor, 'integrity.accept')),
      { action: 'integrity.returned', objectType: 'integrity_conclusion', objectId: row.id, orgPath: row.org_path, payload: { personId: row.subject_person_id, version: row.version, from: 'SUBMITTED', to: 'RETURNED', reason, newVersionId: next.id, newVersion: row.version + 1 } },
      ctx.clock.now(),
    );
    return present(trx, ctx, (await repo.findConclusionWithNames(trx, next.id))!);
  });
}
