import type { Page } from '../../../contracts/common.ts';
import type {
  AddGroupMember,
  CoverageReport,
  CreateGroup,
  GroupDetail,
  GroupLevel,
  GroupLevelConfig,
  GroupMember,
  GroupPersonOption,
  GroupSummary,
  ImportMembersResult,
  ListGroupsQuery,
  ListMembersQuery,
  PutGroupLevel,
  PutGroupStaff,
} from '../../../contracts/groups.ts';
import { ApiError, api, apiErrorFromBody, reportSessionLost, requestBlob, type DownloadedFile } from '../../api/client.ts';
import { getLocale } from '../../i18n/index.ts';

const enc = encodeURIComponent;

export const listLevels = () => api.get<GroupLevelConfig[]>('/api/groups/levels');
export const putLevel = (level: GroupLevel, body: PutGroupLevel) => api.put<GroupLevelConfig>(`/api/groups/levels/${level}`, body);
export const listGroups = (q: ListGroupsQuery) => api.get<Page<GroupSummary>>('/api/groups', { ...q });
/** The list with its filters as .xlsx (no paging, counts only); one `groups.exported` event. */
export const exportGroups = (q: Omit<ListGroupsQuery, 'page' | 'pageSize'>): Promise<DownloadedFile> => requestBlob('/api/groups/export.xlsx', { query: { ...q } });
export const createGroup = (body: CreateGroup) => api.post<GroupDetail>('/api/groups', body);
export const getGroup = (id: string) => api.get<GroupDetail>(`/api/groups/${enc(id)}`);
export const listMembers = (id: string, q: ListMembersQuery) => api.get<Page<GroupMember>>(`/api/groups/${enc(id)}/members`, { ...q });
export const archiveGroup = (id: string) => api.post<GroupDetail>(`/api/groups/${enc(id)}/archive`);
export const putStaff = (id: string, body: PutGroupStaff) => api.put<GroupDetail>(`/api/groups/${enc(id)}/staff`, body);
export const addMember = (id: string, body: AddGroupMember) => api.post<GroupMember>(`/api/groups/${enc(id)}/members`, body);
export const removeMember = (id: string, memberId: string) => api.post<GroupMember>(`/api/groups/${enc(id)}/members/${enc(memberId)}/remove`);
export const searchPeople = (q: string) => api.get<GroupPersonOption[]>('/api/groups/people', { q });
export const getCoverage = (orgUnitId?: string) => api.get<CoverageReport>('/api/groups/coverage', { orgUnitId });
export const exportCoverage = (orgUnitId?: string): Promise<DownloadedFile> => requestBlob('/api/groups/coverage/export', { query: { orgUnitId } });

/** Uploads a member roster (.xlsx: 微信号 | 是否党员 | 入群日期); the server hashes the ids as it reads them. */
export async function importMembers(id: string, file: File): Promise<ImportMembersResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await fetch(`/api/groups/${enc(id)}/members/import`, { method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/json', 'Accept-Language': getLocale() } });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) throw reportSessionLost(body ? apiErrorFromBody(res.status, body) : new ApiError(res.status, 'INTERNAL', text.slice(0, 200)));
  return body as ImportMembersResult;
}
