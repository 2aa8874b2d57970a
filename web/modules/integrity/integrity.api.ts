import type { Page } from '../../../contracts/common.ts';
import type {
  CheckResult,
  CreateIntegrityConclusion,
  CreateIntegrityReview,
  CreatePetition,
  EditIntegrityConclusion,
  IntegrityConclusion,
  IntegrityConclusionItem,
  IntegrityOutcome,
  IntegrityReview,
  IntegrityReviewItem,
  IntegrityStats,
  IntegrityStatus,
  Petition,
  PetitionItem,
  PetitionStatus,
  PetitionSummary,
  ReviewCheckType,
  ReviewOverall,
  SignerRole,
} from '../../../contracts/integrity.ts';
import { api, requestBlob, type DownloadedFile } from '../../api/client.ts';

const enc = encodeURIComponent;

export type ConclusionListQuery = { page: number; pageSize: number; status?: IntegrityStatus; conclusion?: IntegrityOutcome; q?: string; toSign?: boolean };

export function listConclusions(query: ConclusionListQuery): Promise<Page<IntegrityConclusionItem>> {
  return api.get<Page<IntegrityConclusionItem>>('/api/integrity/conclusions', { ...query, toSign: query.toSign ? true : undefined });
}
/** The list as .xlsx with the list's filters (asks for the password first when the login is not fresh). */
export function exportConclusions(query: Omit<ConclusionListQuery, 'page' | 'pageSize'>): Promise<DownloadedFile> {
  return requestBlob('/api/integrity/conclusions/export.xlsx', { query: { status: query.status, conclusion: query.conclusion, q: query.q, toSign: query.toSign ? true : undefined } });
}
/** The 廉政意见 form (.docx) of a double-signed version. */
export function downloadOpinion(id: string): Promise<DownloadedFile> {
  return requestBlob(`/api/integrity/conclusions/${enc(id)}/opinion.docx`);
}
export function getConclusion(id: string): Promise<IntegrityConclusion> {
  return api.get<IntegrityConclusion>(`/api/integrity/conclusions/${enc(id)}`);
}
export function createConclusion(body: CreateIntegrityConclusion): Promise<IntegrityConclusion> {
  return api.post<IntegrityConclusion>('/api/integrity/conclusions', body);
}
export function editConclusion(id: string, body: EditIntegrityConclusion): Promise<IntegrityConclusion> {
  return api.put<IntegrityConclusion>(`/api/integrity/conclusions/${enc(id)}`, body);
}
/** A login older than 5 minutes answers 401 REAUTH_REQUIRED: the client asks for the password and retries. */
export function signConclusion(id: string, role: SignerRole, contentHash: string): Promise<IntegrityConclusion> {
  return api.post<IntegrityConclusion>(`/api/integrity/conclusions/${enc(id)}/sign`, { role, contentHash });
}
export function submitConclusion(id: string): Promise<IntegrityConclusion> {
  return api.post<IntegrityConclusion>(`/api/integrity/conclusions/${enc(id)}/submit`);
}
export function acceptConclusion(id: string): Promise<IntegrityConclusion> {
  return api.post<IntegrityConclusion>(`/api/integrity/conclusions/${enc(id)}/accept`);
}
export function returnConclusion(id: string, reason: string): Promise<IntegrityConclusion> {
  return api.post<IntegrityConclusion>(`/api/integrity/conclusions/${enc(id)}/return`, { reason });
}

export function listReviews(query: { page: number; pageSize: number; overall?: ReviewOverall; q?: string }): Promise<Page<IntegrityReviewItem>> {
  return api.get<Page<IntegrityReviewItem>>('/api/integrity/reviews', { ...query });
}
/** The reviews list with its filters as .xlsx (no paging); fresh login; one `integrity_review.exported` event. */
export function exportReviews(query: { overall?: ReviewOverall; q?: string }): Promise<DownloadedFile> {
  return requestBlob('/api/integrity/reviews/export.xlsx', { query: { overall: query.overall, q: query.q } });
}
export function getReview(id: string): Promise<IntegrityReview> {
  return api.get<IntegrityReview>(`/api/integrity/reviews/${enc(id)}`);
}
export function createReview(body: CreateIntegrityReview): Promise<IntegrityReview> {
  return api.post<IntegrityReview>('/api/integrity/reviews', body);
}
export function recordCheck(id: string, type: ReviewCheckType, body: { result: CheckResult; detail: string }): Promise<IntegrityReview> {
  return api.put<IntegrityReview>(`/api/integrity/reviews/${enc(id)}/checks/${type}`, body);
}

export function petitionSummary(): Promise<PetitionSummary> {
  return api.get<PetitionSummary>('/api/integrity/petitions/summary');
}
export function listPetitions(query: { page: number; pageSize: number; status?: PetitionStatus; openCheckable?: boolean }): Promise<Page<PetitionItem>> {
  return api.get<Page<PetitionItem>>('/api/integrity/petitions', { ...query, openCheckable: query.openCheckable ? true : undefined });
}
/** The petitions list with its filters as .xlsx (no paging, no content); fresh login; one `petition.exported` event. */
export function exportPetitions(query: { status?: PetitionStatus; openCheckable?: boolean }): Promise<DownloadedFile> {
  return requestBlob('/api/integrity/petitions/export.xlsx', { query: { status: query.status, openCheckable: query.openCheckable ? true : undefined } });
}
export function getPetition(id: string): Promise<Petition> {
  return api.get<Petition>(`/api/integrity/petitions/${enc(id)}`);
}
export function createPetition(body: CreatePetition): Promise<Petition> {
  return api.post<Petition>('/api/integrity/petitions', body);
}
export function movePetition(id: string, to: PetitionStatus, conclusion?: string): Promise<Petition> {
  return api.post<Petition>(`/api/integrity/petitions/${enc(id)}/move`, { to, ...(conclusion ? { conclusion } : {}) });
}

export function integrityStats(): Promise<IntegrityStats> {
  return api.get<IntegrityStats>('/api/integrity/stats');
}
