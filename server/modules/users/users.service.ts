/**
 * Accounts and role grants (SYS_ADMIN). Role changes need a fresh login (SECURITY.md item 11); every change is a
 * ledger event; disabling an account ends its sessions at once (item 9).
 */
import { uuidv7 } from 'uuidv7';
import type { Page } from '../../../contracts/common.ts';
import type { Role } from '../../../contracts/enums.ts';
import { IMPORT_LIMITS } from '../../../contracts/transfer.ts';
import type { CreateUserRequest, ExportUsersQuery, GrantRoleRequest, ListUsersQuery, User } from '../../../contracts/users.ts';
import { inTransaction, type DbOrTrx } from '../../db/database.ts';
import type { AppUserRow } from '../../db/schema.ts';
import { isoDate } from '../../platform/clock.ts';
import { ledgerActor, type AppDeps, type ServiceCtx } from '../../platform/deps.ts';
import { AppError, conflict, fieldError, notFound } from '../../platform/errors.ts';
import { writeXlsx, type XlsxColumn } from '../../platform/excel/index.ts';
import { chinaDateText, chinaDateTimeText, roleNameZh } from '../../platform/export-file.ts';
import { appendLedgerEvent } from '../../platform/ledger/index.ts';
import { checkPasswordPolicy, hashPassword } from '../../platform/password.ts';
import { requireFreshLogin } from '../auth/auth.service.ts';
import { revokeUserSessions } from '../auth/auth.repository.ts';
import { passwordProblemText } from '../auth/password-messages.ts';
import { findOrgUnitRef } from '../org/index.ts';
import * as repo from './users.repository.ts';

const USER = { zh: '用户', en: 'user' };

async function present(db: DbOrTrx, rows: AppUserRow[]): Promise<User[]> {
  const grants = await repo.listGrants(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    personId: u.person_id,
    isDisabled: u.is_disabled === 1,
    lockedUntil: u.locked_until,
    lastLoginAt: u.last_login_at,
    grants: grants
      .filter((g) => g.user_id === u.id)
      .map((g) => ({ id: g.id, role: g.role as Role, orgUnitId: g.org_unit_id, orgName: g.org_name, validFrom: g.valid_from, validTo: g.valid_to })),
  }));
}

async function getUser(db: DbOrTrx, id: string): Promise<AppUserRow> {
  const user = await repo.findUser(db, id);
  if (!user) throw notFound(USER);
  return user;
}

export async function listUsers(ctx: ServiceCtx, query: ListUsersQuery): Promise<Page<User>> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const { rows, total } = await repo.listUsers(ctx.db, query.q, page, pageSize);
  return { items: await present(ctx.db, rows), total, page, pageSize };
}

const EXPORT_COLUMNS: XlsxColumn[] = [
  { key: 'username', header: '用户名' },
  { key: 'displayName', header: '姓名' },
  { key: 'status', header: '状态' },
  { key: 'grants', header: '角色与范围', width: 60 },
  { key: 'lastLogin', header: '最近登录' },
];

/**
 * The account list (same search as GET /api/users, every page) as .xlsx, after a fresh login. One
 * `users.exported` event is appended in the transaction of the read; the search text is kept only as a keyed hash.
 */
export async function exportUsersXlsx(ctx: ServiceCtx, query: ExportUsersQuery): Promise<{ fileName: string; buffer: Buffer; rowCount: number }> {
  requireFreshLogin(ctx, ctx.actor);
  const maxRows = IMPORT_LIMITS.exportMaxRows;
  const now = ctx.clock.now();
  const users = await inTransaction(ctx.db, async (trx) => {
    const { rows, total } = await repo.listUsers(trx, query.q, 1, maxRows);
    if (total > maxRows) throw new AppError('PAYLOAD_TOO_LARGE', { zh: `符合条件的用户超过单次导出 ${maxRows} 个的上限；请输入搜索条件分批导出`, en: `More than ${maxRows} accounts match; narrow the search` });
    const out: User[] = [];
    for (let i = 0; i < rows.length; i += 1000) out.push(...(await present(trx, rows.slice(i, i + 1000))));
    const filters: Record<string, unknown> = {};
    if (query.q !== undefined) filters.qHash = ctx.cipher.blindIndex('ledger-search', query.q.trim());
    await appendLedgerEvent(trx, ledgerActor(ctx.actor, 'SYS_ADMIN'), { action: 'users.exported', objectType: 'export', objectId: uuidv7(), orgPath: '/', payload: { filters, rowCount: out.length, format: 'xlsx' } }, now);
    return out;
  });
  const nowIso = now.toISOString();
  const buffer = await writeXlsx(
    '用户与角色',
    EXPORT_COLUMNS,
    users.map((u) => ({
      username: u.username,
      displayName: u.displayName,
      status: u.isDisabled ? '已停用' : u.lockedUntil && u.lockedUntil > nowIso ? `锁定至 ${chinaDateTimeText(u.lockedUntil)}` : '正常',
      grants: u.grants.map((g) => `${roleNameZh(g.role)} · ${g.orgName ?? '—'}（${g.validFrom} 至 ${g.validTo ?? '今'}）`).join('；'),
      lastLogin: u.lastLoginAt ? chinaDateTimeText(u.lastLoginAt) : '从未登录',
    })),
  );
  return { fileName: `用户与角色-${chinaDateText(now)}.xlsx`, buffer, rowCount: users.length };
}

/** Creates an account. Used by the admin page and by `bellwether admin create` (actor null). */
export async function createUser(deps: AppDeps, actor: ServiceCtx['actor'] | null, input: CreateUserRequest, grants: { role: Role; orgUnitId: string | null }[] = []): Promise<User> {
  const problem = checkPasswordPolicy(input.password, [input.username, input.displayName]);
  if (problem) {
    const text = passwordProblemText(problem);
    throw new AppError('WEAK_PASSWORD', { zh: text.zh.replace('新密码', '密码'), en: text.en.replace('The new password', 'The password') }, [{ field: 'password', message: text }]);
  }
  const hash = await hashPassword(input.password);
  const now = deps.clock.now();
  const id = uuidv7();
  return inTransaction(deps.db, async (trx) => {
    if (await repo.findUserByUsername(trx, input.username)) throw conflict({ zh: `用户名 ${input.username} 已被使用，请换一个`, en: `The username ${input.username} is taken` });
    if (input.personId && !(await trx.selectFrom('person').select('id').where('id', '=', input.personId).executeTakeFirst())) throw fieldError('personId', '关联的人员不存在', 'Unknown person');
    await repo.insertUser(trx, {
      id,
      username: input.username,
      password_hash: hash,
      person_id: input.personId ?? null,
      display_name: input.displayName,
      locale: 'zh-CN',
      is_disabled: 0,
      failed_login_count: 0,
      failed_window_started_at: null,
      locked_until: null,
      password_changed_at: now.toISOString(),
      last_login_at: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    for (const g of grants) {
      await repo.insertGrant(trx, { id: uuidv7(), user_id: id, role: g.role, org_unit_id: g.orgUnitId, valid_from: isoDate(now), valid_to: null, granted_by: actor?.userId ?? null, created_at: now.toISOString() });
    }
    await appendLedgerEvent(
      trx,
      actor ? ledgerActor(actor, 'SYS_ADMIN') : { userId: null, role: 'CLI' },
      { action: 'user.created', objectType: 'user', objectId: id, orgPath: '/', payload: { username: input.username, roles: grants.map((g) => g.role) } },
      now,
    );
    return (await present(trx, [(await repo.findUser(trx, id))!]))[0]!;
  });
}

export async function grantRole(ctx: ServiceCtx, userId: string, input: GrantRoleRequest): Promise<User> {
  requireFreshLogin(ctx, ctx.actor);
  if (input.validTo && input.validTo < input.validFrom) throw fieldError('validTo', '失效日期不能早于生效日期', 'Valid-to precedes valid-from');
  return inTransaction(ctx.db, async (trx) => {
    const user = await getUser(trx, userId);
    if (input.orgUnitId && !(await findOrgUnitRef(trx, input.orgUnitId))) throw fieldError('orgUnitId', '授权范围单位不存在', 'Unknown unit');
    if (!input.orgUnitId && !user.person_id) throw fieldError('orgUnitId', '该账户未关联人员，不能按任职确定范围；请指定授权范围单位', 'This account has no person; give a unit');
    const id = uuidv7();
    const now = ctx.clock.now();
    await repo.insertGrant(trx, { id, user_id: user.id, role: input.role, org_unit_id: input.orgUnitId ?? null, valid_from: input.validFrom, valid_to: input.validTo ?? null, granted_by: ctx.actor.userId, created_at: now.toISOString() });
    await appendLedgerEvent(trx, ledgerActor(ctx.actor, 'SYS_ADMIN'), { action: 'role.granted', objectType: 'user', objectId: user.id, orgPath: '/', payload: { grantId: id, ...input } }, now);
    return (await present(trx, [user]))[0]!;
  });
}

export async function revokeGrant(ctx: ServiceCtx, userId: string, grantId: string): Promise<User> {
  requireFreshLogin(ctx, ctx.actor);
  return inTransaction(ctx.db, async (trx) => {
    const user = await getUser(trx, userId);
    const grant = await repo.findGrant(trx, user.id, grantId);
    if (!grant) throw notFound({ zh: '授权', en: 'grant' });
    const now = ctx.clock.now();
    const yesterday = isoDate(new Date(now.getTime() - 86_400_000));
    if (grant.valid_to !== null && grant.valid_to <= yesterday) throw new AppError('ILLEGAL_TRANSITION', { zh: '该授权已失效', en: 'This grant has already ended' });
    if (grant.role === 'SYS_ADMIN' && (await repo.countActiveAdmins(trx, isoDate(now))) <= 1) throw conflict({ zh: '不能撤销最后一名系统管理员的授权', en: 'The last administrator cannot be removed' });
    await repo.closeGrant(trx, grant.id, yesterday < grant.valid_from ? grant.valid_from : yesterday);
    await appendLedgerEvent(trx, ledgerActor(ctx.actor, 'SYS_ADMIN'), { action: 'role.revoked', objectType: 'user', objectId: user.id, orgPath: '/', payload: { grantId, role: grant.role } }, now);
    return (await present(trx, [user]))[0]!;
  });
}

export async function setDisabled(ctx: ServiceCtx, userId: string, disabled: boolean): Promise<User> {
  return inTransaction(ctx.db, async (trx) => {
    const user = await getUser(trx, userId);
    if (user.id === ctx.actor.userId && disabled) throw conflict({ zh: '不能停用自己的账户', en: 'You cannot disable your own account' });
    const now = ctx.clock.now();
    await repo.setDisabled(trx, user.id, disabled, now.toISOString());
    if (disabled) await revokeUserSessions(trx, user.id, now.toISOString());
    await appendLedgerEvent(trx, ledgerActor(ctx.actor, 'SYS_ADMIN'), { action: disabled ? 'user.disabled' : 'user.enabled', objectType: 'user', objectId: user.id, orgPath: '/' }, now);
    return (await present(trx, [{ ...user, is_disabled: disabled ? 1 : 0 }]))[0]!;
  });
}

export async function revokeSessions(ctx: ServiceCtx, userId: string): Promise<number> {
  return inTransaction(ctx.db, async (trx) => {
    const user = await getUser(trx, userId);
    const now = ctx.clock.now();
    const n = await revokeUserSessions(trx, user.id, now.toISOString());
    await appendLedgerEvent(trx, ledgerActor(ctx.actor, 'SYS_ADMIN'), { action: 'user.sessions_revoked', objectType: 'user', objectId: user.id, orgPath: '/', payload: { sessions: n } }, now);
    return n;
  });
}

export async function countAdministrators(deps: AppDeps): Promise<number> {
  return repo.countActiveAdmins(deps.db, isoDate(deps.clock.now()));
}
