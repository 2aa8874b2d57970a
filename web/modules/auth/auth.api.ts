import type { ChangePasswordRequest, LoginRequest, Me } from '../../../contracts/auth.ts';
import { api } from '../../api/client.ts';
import type { Locale } from '../../i18n/index.ts';

/** GET /api/auth/me; a visitor without a session is sent to /login without the "expired" message. */
export function fetchMe(): Promise<Me> {
  return api.get<Me>('/api/auth/me', undefined, { silentAuthRedirect: true });
}

/** Answers the new session's Me. */
export function login(body: LoginRequest): Promise<Me> {
  return api.post<Me>('/api/auth/login', body, { noAuthRedirect: true, noReauth: true });
}

export function logout(): Promise<unknown> {
  return api.post<unknown>('/api/auth/logout', {}, { noAuthRedirect: true, noReauth: true });
}

/** Step-up authentication before reveals, exports and role changes. */
export function reauth(password: string): Promise<unknown> {
  return api.post<unknown>('/api/auth/reauth', { password }, { noReauth: true });
}

export function changePassword(body: ChangePasswordRequest): Promise<unknown> {
  return api.post<unknown>('/api/auth/password', body);
}

export function saveLocale(locale: Locale): Promise<unknown> {
  return api.put<unknown>('/api/auth/locale', { locale }, { noAuthRedirect: true, noReauth: true });
}
