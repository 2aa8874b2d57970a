/** The M2 internal pages' only fetch file: matters, transitions, bulk, reveal, templates, dashboard, export. */
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
