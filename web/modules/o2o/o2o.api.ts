/** The M2 internal pages' only fetch file: matters, transitions, bulk, reveal, templates, SLA rules, Open311 keys, routed reports, dashboard, export. */
import type { Page } from '../../../contracts/common.ts';
import type {
  BulkTransitionRequest,
  DashboardQuery,
  DashboardSummary,
  DashboardTrend,
  ListMattersQuery,
  Matter,
  MatterDetail,
  ReplyTemplate,
  SlaRule,
  TransitionRequest,
} from '../../../contracts/o2o.ts';
import type { OrgUnit } from '../../../contracts/org.ts';
import { api, requestBlob, type DownloadedFile, type QueryValue } from '../../api/client.ts';

const enc = encodeURIComponent;

export type BulkResult = { done: string[]; failed: { id: string; code: string; message: string }[] };

/** PagedTable sends `sort` (column key) + `order`; the O2O list takes `sort` = `dueAt` | `-dueAt` | `receivedAt` | `-receivedAt`. */
export function listMatters(q: Record<string, QueryValue>): Promise<Page<Matter>> {
  const { sort, order, ...rest } = q;
  const sortParam = sort === 'dueAt' || sort === 'receivedAt' ? `${order === 'desc' ? '-' : ''}${sort}` : undefined;
  return api.get<Page<Matter>>('/api/o2o/matters', { ...rest, sort: sortParam });
}
export const getMatter = (id: string) => api.get<MatterDetail>(`/api/o2o/matters/${enc(id)}`);
export const transitionMatter = (id: string, body: TransitionRequest) => api.post<Matter>(`/api/o2o/matters/${enc(id)}/transitions`, body);
export const bulkTransition = (body: BulkTransitionRequest) => api.post<BulkResult>('/api/o2o/matters/bulk', body);
export const revealRequester = (id: string) => api.post<{ name: string | null; phone: string | null }>(`/api/o2o/matters/${enc(id)}/requester`);
export const photoUrl = (id: string, photoId: string) => `/api/o2o/matters/${enc(id)}/photos/${enc(photoId)}`;
export const listTemplates = () => api.get<{ items: ReplyTemplate[] }>('/api/o2o/templates').then((r) => r.items);

export const getDashboardSummary = (q: DashboardQuery) => api.get<DashboardSummary>('/api/o2o/dashboard/summary', { ...q });
export const getDashboardTrend = (q: DashboardQuery) => api.get<DashboardTrend>('/api/o2o/dashboard/trend', { ...q });
export const exportMatters = (q: Pick<ListMattersQuery, 'box' | 'from' | 'to' | 'category' | 'status'>): Promise<DownloadedFile> => requestBlob('/api/o2o/export', { query: { ...q } });

/** Dispatch targets: the roots of the caller's scope and their children, or a search (name, pinyin, initials). */
export async function listDispatchUnits(q: string): Promise<OrgUnit[]> {
  if (q.trim()) return (await api.get<{ items: OrgUnit[] }>('/api/org-units', { q: q.trim() })).items;
  const roots = (await api.get<{ items: OrgUnit[] }>('/api/org-units')).items;
  const children = await Promise.all(roots.map((r) => api.get<{ items: OrgUnit[] }>('/api/org-units', { parentId: r.id }).then((x) => x.items)));
  return [...roots, ...children.flat()];
}

// ---- admin: SLA rules, reply templates, Open311 keys; routed reports ----

export type SlaRules = { items: SlaRule[]; canEdit: boolean };
export type ReplyTemplates = { items: ReplyTemplate[]; canEdit: boolean };
export type Open311Client = { id: string; name: string; keyPrefix: string; createdAt: string; revokedAt: string | null };
export const listSlaRules = () => api.get<SlaRules>('/api/o2o/sla-rules');
export const putSlaRule = (id: string, body: Pick<SlaRule, 'respondHours' | 'handleWorkingDays' | 'extensionWorkingDays'>) => api.put<{ items: SlaRule[] }>(`/api/o2o/sla-rules/${enc(id)}`, body);
export const listAllTemplates = () => api.get<ReplyTemplates>('/api/o2o/templates', { all: true });
export const putTemplate = (/** a template id, or 'new' */ id: string, body: Omit<ReplyTemplate, 'id'>) => api.put<ReplyTemplate>(`/api/o2o/templates/${enc(id)}`, body);
export const listOpen311Clients = () => api.get<{ items: Open311Client[] }>('/api/open311/clients').then((r) => r.items);
export const createOpen311Client = (name: string) => api.post<{ client: Open311Client; apiKey: string }>('/api/open311/clients', { name });
export const revokeOpen311Client = (id: string) => api.post<Open311Client>(`/api/open311/clients/${enc(id)}/revoke`);
/** The routed list with its filters as .xlsx (no paging); fresh login; one `o2o.exported` event. */
export const exportRouted = (q: Record<string, QueryValue> = {}): Promise<DownloadedFile> => requestBlob('/api/o2o/routed/export.xlsx', { query: { ...q, page: undefined, pageSize: undefined } });
export function listRouted(q: Record<string, QueryValue>): Promise<Page<Matter>> {
  const { sort: _sort, order: _order, ...rest } = q;
  return api.get<Page<Matter>>('/api/o2o/routed', { ...rest, sort: '-receivedAt' });
}
export const takeInRouted = (id: string) => api.post<Matter>(`/api/o2o/routed/${enc(id)}/petition`);
