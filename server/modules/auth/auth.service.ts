/**
 * Login, sessions and the actor (SECURITY.md §1 items 1-11, §2 thresholds).
 *
 * - Session tokens: 256-bit CSPRNG, sent only in an HttpOnly cookie; the database stores SHA-256(token).
 * - A new session on every login (no fixation); the previous session presented with the login is revoked.
 * - Idle and absolute timeouts are checked on the server against the injected clock.
 * - Lockout: N failures within the window lock the account for a period, even for the right password.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../../../contracts/enums.ts';
import type { Me } from '../../../contracts/auth.ts';
import { inTransaction } from '../../db/database.ts';
import type { AppUserRow } from '../../db/schema.ts';
import { isoDate } from '../../platform/clock.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { appendLedgerEvent } from '../../platform/ledger/index.ts';
import { checkPasswordPolicy, dummyPasswordHash, hashPassword, verifyPassword } from '../../platform/password.ts';
import { permissionsOf } from '../../platform/policy.ts';
import type { Actor, ScopeRoot } from '../../platform/scope.ts';
import { passwordProblemText } from './password-messages.ts';
import * as repo from './auth.repository.ts';

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const badCredentials = () => new AppError('BAD_CREDENTIALS', { zh: '用户名或密码错误', en: 'Wrong username or password' });
const locked = (until: string) =>
  new AppError('ACCOUNT_LOCKED', {
    zh: `连续登录失败次数过多，账户已锁定至 ${until.slice(11, 16)}（UTC），请稍后再试或联系系统管理员`,
    en: `Too many failed logins; the account is locked until ${until.slice(11, 16)} UTC`,
  });
export const sessionExpired = () => new AppError('SESSION_EXPIRED', { zh: '登录已过期，请重新登录', en: 'Your session has expired; please log in again' });
export const reauthRequired = () =>
  new AppError('REAUTH_REQUIRED', { zh: '此操作需要重新验证密码（5 分钟内登录过）', en: 'Please confirm your password to continue (login within 5 minutes)' });

export type LoginInput = { username: string; password: string; ip: string | null; userAgent: string | null; previousToken: string | null };

/** Checks the password, applies the lockout and opens a fresh session. Returns the cookie token. */
export async function login(deps: AppDeps, input: LoginInput): Promise<{ token: string; userId: string }> {
  const { db, clock } = deps;
  const now = clock.now();
  const nowIso = now.toISOString();
  const user = await repo.findUserByUsername(db, input.username);
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    throw badCredentials();
  }
  if (user.locked_until && user.locked_until > nowIso) throw locked(user.locked_until);
  const ok = !user.is_disabled && (await verifyPassword(user.password_hash, input.password));
  if (!ok) {
    await recordFailure(deps, user, now);
    throw badCredentials();
  }
  const token = randomBytes(32).toString('base64url');
  await inTransaction(db, async (trx) => {
    if (input.previousToken) await repo.revokeSession(trx, sessionIdOf(input.previousToken), nowIso);
    await repo.insertSession(trx, {
      id: sessionIdOf(token),
      user_id: user.id,
      created_at: nowIso,
      last_seen_at: nowIso,
      authenticated_at: nowIso,
      revoked_at: null,
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 200) ?? null,
    });
    await repo.updateUserLoginState(trx, user.id, { failed_login_count: 0, failed_window_started_at: null, locked_until: null, last_login_at: nowIso, updated_at: nowIso });
    await appendLedgerEvent(trx, { userId: user.id, role: null }, { action: 'auth.login', objectType: 'user', objectId: user.id, orgPath: '/' }, now);
  });
  return { token, userId: user.id };
}

async function recordFailure(deps: AppDeps, user: AppUserRow, now: Date): Promise<void> {
  const { config } = deps;
  const nowIso = now.toISOString();
  const windowStart = user.failed_window_started_at;
  const windowOpen = windowStart !== null && now.getTime() - new Date(windowStart).getTime() < config.loginFailureWindowMinutes * 60_000;
  const count = windowOpen ? user.failed_login_count + 1 : 1;
  await inTransaction(deps.db, async (trx) => {
    if (count >= config.loginMaxFailures) {
      const until = new Date(now.getTime() + config.loginLockMinutes * 60_000).toISOString();
      await repo.updateUserLoginState(trx, user.id, { failed_login_count: 0, failed_window_started_at: null, locked_until: until, updated_at: nowIso });
      await appendLedgerEvent(trx, { userId: null, role: null }, { action: 'auth.locked', objectType: 'user', objectId: user.id, orgPath: '/', payload: { until } }, now);
    } else {
      await repo.updateUserLoginState(trx, user.id, { failed_login_count: count, failed_window_started_at: windowOpen ? windowStart : nowIso, updated_at: nowIso });
    }
  });
}

export async function logout(deps: AppDeps, token: string): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.db, async (trx) => {
    const session = await repo.findSession(trx, sessionIdOf(token));
    if (!session || session.revoked_at) return;
    await repo.revokeSession(trx, session.id, now.toISOString());
    await appendLedgerEvent(trx, { userId: session.user_id, role: null }, { action: 'auth.logout', objectType: 'user', objectId: session.user_id, orgPath: '/' }, now);
  });
}

/** Session → actor, enforcing revocation, disabled accounts and both timeouts. Throws 401s. */
export async function authenticate(deps: AppDeps, token: string): Promise<Actor> {
  const { db, clock, config } = deps;
  const now = clock.now();
  const session = await repo.findSession(db, sessionIdOf(token));
  if (!session || session.revoked_at || session.is_disabled) throw sessionExpired();
  const idleMs = now.getTime() - new Date(session.last_seen_at).getTime();
  const ageMs = now.getTime() - new Date(session.created_at).getTime();
  if (idleMs > config.sessionIdleMinutes * 60_000 || ageMs > config.sessionAbsoluteHours * 3_600_000) {
    await repo.revokeSession(db, session.id, now.toISOString());
    throw sessionExpired();
  }
  // Throttle the idle-clock write to once per 20 s; the idle check stays accurate to that.
  if (idleMs > 20_000) await repo.touchSession(db, session.id, now.toISOString());
  const user = await repo.findUserById(db, session.user_id);
  if (!user) throw sessionExpired();
  return buildActor(deps, user, session.id, new Date(session.authenticated_at));
}

export async function buildActor(deps: AppDeps, user: AppUserRow, sessionId: string, authenticatedAt: Date): Promise<Actor> {
  const today = isoDate(deps.clock.now());
  const grants = await repo.listActiveGrants(deps.db, user.id, today);
  const postUnits = grants.some((g) => g.org_unit_id === null) && user.person_id ? await repo.listActivePostUnits(deps.db, user.person_id, today) : [];
  const roots: ScopeRoot[] = [];
  for (const g of grants) {
    const role = g.role as Role;
    if (g.org_unit_id && g.path && g.org_name) roots.push({ role, orgUnitId: g.org_unit_id, path: g.path, name: g.org_name });
    else if (!g.org_unit_id) for (const u of postUnits) roots.push({ role, orgUnitId: u.org_unit_id, path: u.path, name: u.name });
  }
  const roles = [...new Set(grants.map((g) => g.role as Role))];
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    personId: user.person_id,
    locale: user.locale,
    roles,
    roots,
    sessionId,
    authenticatedAt,
  };
}

/** Step-up check (SECURITY.md item 11): the session's last password entry must be fresh. */
export function requireFreshLogin(deps: AppDeps, actor: Actor): void {
  const ageMs = deps.clock.now().getTime() - actor.authenticatedAt.getTime();
  if (ageMs > deps.config.stepUpMinutes * 60_000) throw reauthRequired();
}

/** Re-enter the password: marks the session fresh. A wrong password counts towards the lockout. */
export async function reauthenticate(deps: AppDeps, actor: Actor, password: string): Promise<Actor> {
  const now = deps.clock.now();
  const user = await repo.findUserById(deps.db, actor.userId);
  if (!user) throw sessionExpired();
  if (user.locked_until && user.locked_until > now.toISOString()) throw locked(user.locked_until);
  if (!(await verifyPassword(user.password_hash, password))) {
    await recordFailure(deps, user, now);
    throw badCredentials();
  }
  await inTransaction(deps.db, async (trx) => {
    await repo.markSessionAuthenticated(trx, actor.sessionId, now.toISOString());
    await appendLedgerEvent(trx, { userId: user.id, role: null }, { action: 'auth.reauth', objectType: 'user', objectId: user.id, orgPath: '/' }, now);
  });
  return { ...actor, authenticatedAt: now };
}

export async function changePassword(deps: AppDeps, actor: Actor, currentPassword: string, newPassword: string, personalWords: string[]): Promise<void> {
  const now = deps.clock.now();
  const user = await repo.findUserById(deps.db, actor.userId);
  if (!user) throw sessionExpired();
  if (!(await verifyPassword(user.password_hash, currentPassword))) {
    await recordFailure(deps, user, now);
    throw new AppError('BAD_CREDENTIALS', { zh: '当前密码不正确', en: 'The current password is wrong' }, [
      { field: 'currentPassword', message: { zh: '当前密码不正确', en: 'The current password is wrong' } },
    ]);
  }
  const problem = checkPasswordPolicy(newPassword, [user.username, user.display_name, ...personalWords]);
  if (problem) {
    const text = passwordProblemText(problem);
    throw new AppError('WEAK_PASSWORD', text, [{ field: 'newPassword', message: text }]);
  }
  const hash = await hashPassword(newPassword);
  await inTransaction(deps.db, async (trx) => {
    await repo.updateUserLoginState(trx, user.id, { password_hash: hash, password_changed_at: now.toISOString(), updated_at: now.toISOString() });
    // Other sessions end; this one continues.
    await trx.updateTable('user_session').set({ revoked_at: now.toISOString() }).where('user_id', '=', user.id).where('id', '!=', actor.sessionId).where('revoked_at', 'is', null).execute();
    await appendLedgerEvent(trx, { userId: user.id, role: null }, { action: 'auth.password_changed', objectType: 'user', objectId: user.id, orgPath: '/' }, now);
  });
}

export async function setLocale(deps: AppDeps, actor: Actor, locale: string): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.db, async (trx) => {
    await repo.updateUserLoginState(trx, actor.userId, { locale, updated_at: now.toISOString() });
    await appendLedgerEvent(trx, { userId: actor.userId, role: null }, { action: 'user.locale_set', objectType: 'user', objectId: actor.userId, orgPath: '/', payload: { locale } }, now);
  });
}

export function presentMe(deps: AppDeps, actor: Actor): Me {
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    personId: actor.personId,
    locale: actor.locale,
    roles: actor.roles,
    permissions: permissionsOf(actor.roles),
    scope: actor.roots.map((r) => ({ orgUnitId: r.orgUnitId, name: r.name, role: r.role })),
    authenticatedAt: actor.authenticatedAt.toISOString(),
    freshUntil: new Date(actor.authenticatedAt.getTime() + deps.config.stepUpMinutes * 60_000).toISOString(),
    idleTimeoutMinutes: deps.config.sessionIdleMinutes,
  };
}
