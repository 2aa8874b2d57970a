import type { Page } from '../../../contracts/common.ts';
import type { CreateUserRequest, GrantRoleRequest, User } from '../../../contracts/users.ts';
import { api, requestBlob, type DownloadedFile } from '../../api/client.ts';

export function listUsers(query: { page: number; pageSize: number; q?: string }): Promise<Page<User>> {
  return api.get<Page<User>>('/api/users', query);
}

/** The searched list as .xlsx (no paging); the server records one `users.exported` event. */
export function exportUsers(q?: string): Promise<DownloadedFile> {
  return requestBlob('/api/users/export.xlsx', { query: { q } });
}

export function createUser(body: CreateUserRequest): Promise<User> {
  return api.post<User>('/api/users', body);
}

/** Role changes need a fresh login: 401 REAUTH_REQUIRED opens the password modal, then this is retried. */
export function grantRole(userId: string, body: GrantRoleRequest): Promise<User> {
  return api.post<User>(`/api/users/${encodeURIComponent(userId)}/grants`, body);
}

export function revokeGrant(userId: string, grantId: string): Promise<User> {
  return api.post<User>(`/api/users/${encodeURIComponent(userId)}/grants/${encodeURIComponent(grantId)}/revoke`, {});
}

export function setUserDisabled(userId: string, disabled: boolean): Promise<User> {
  return api.post<User>(`/api/users/${encodeURIComponent(userId)}/disabled`, { disabled });
}

export function revokeSessions(userId: string): Promise<{ ok: boolean }> {
  return api.post<{ ok: boolean }>(`/api/users/${encodeURIComponent(userId)}/sessions/revoke`, {});
}
