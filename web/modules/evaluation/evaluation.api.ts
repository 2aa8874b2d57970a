import type { Page } from '../../../contracts/common.ts';
import type {
  CreateEvaluationRequest,
  Evaluation,
  EvaluationPurpose,
  EvaluationResults,
  EvaluationStatus,
  FreeText,
  IssuedTokens,
  IssueTokensRequest,
  UpdateEvaluationRequest,
} from '../../../contracts/evaluation.ts';
import { api, requestBlob, type DownloadedFile } from '../../api/client.ts';

export type EvaluationListQuery = { page: number; pageSize: number; status?: EvaluationStatus; purpose?: EvaluationPurpose; q?: string; sort?: string; order?: 'asc' | 'desc' };

const base = (id: string) => `/api/evaluations/${encodeURIComponent(id)}`;

export const listEvaluations = (query: EvaluationListQuery) => api.get<Page<Evaluation>>('/api/evaluations', { ...query });
/** The list with its filters and sort as .xlsx (no paging); fresh login; one `evaluation.exported` event. */
export const exportEvaluations = (query: Omit<EvaluationListQuery, 'page' | 'pageSize'>): Promise<DownloadedFile> => requestBlob('/api/evaluations/export.xlsx', { query: { ...query } });
export const getEvaluation = (id: string) => api.get<Evaluation>(base(id));
export const createEvaluation = (body: CreateEvaluationRequest) => api.post<Evaluation>('/api/evaluations', body);
export const updateEvaluation = (id: string, body: UpdateEvaluationRequest) => api.patch<Evaluation>(base(id), body);
export const openEvaluation = (id: string) => api.post<Evaluation>(`${base(id)}/open`);
export const closeEvaluation = (id: string) => api.post<Evaluation>(`${base(id)}/close`);
export const issueTokens = (id: string, body: IssueTokensRequest) => api.post<IssuedTokens>(`${base(id)}/tokens`, body);
export const getResults = (id: string, groups?: string[]) => api.get<EvaluationResults>(`${base(id)}/results`, groups?.length ? { groups: groups.join(',') } : undefined);
export const getFreeText = (id: string) => api.get<FreeText>(`${base(id)}/free-text`);
export const exportResults = (id: string): Promise<DownloadedFile> => requestBlob(`${base(id)}/results.xlsx`);
