import type {
  ApproveArchiveRequest,
  ArchiveBox,
  ArchiveDossier,
  ArchiveRequest,
  ArchiveStatus,
  CreateArchiveRequest,
  RejectArchiveRequest,
  RevokeArchiveRequest,
} from '../../../contracts/archive.ts';
import type { Page } from '../../../contracts/common.ts';
import { api, requestBlob, type DownloadedFile } from '../../api/client.ts';

export type ArchiveListQuery = { box: ArchiveBox; page: number; pageSize: number; status?: ArchiveStatus };

export function listArchiveRequests(query: ArchiveListQuery): Promise<Page<ArchiveRequest>> {
  return api.get<Page<ArchiveRequest>>('/api/archive/requests', { ...query });
}

/** The box with its status filter as .xlsx (no paging); fresh login; the server records one ledger event. */
export function exportArchiveRequests(box: ArchiveBox, status?: ArchiveStatus): Promise<DownloadedFile> {
  return requestBlob('/api/archive/requests/export.xlsx', { query: { box, status } });
}

export function createArchiveRequest(body: CreateArchiveRequest): Promise<ArchiveRequest> {
  return api.post<ArchiveRequest>('/api/archive/requests', body);
}

export function approveArchiveRequest(id: string, body: ApproveArchiveRequest): Promise<ArchiveRequest> {
  return api.post<ArchiveRequest>(`/api/archive/requests/${encodeURIComponent(id)}/approve`, body);
}

export function rejectArchiveRequest(id: string, body: RejectArchiveRequest): Promise<ArchiveRequest> {
  return api.post<ArchiveRequest>(`/api/archive/requests/${encodeURIComponent(id)}/reject`, body);
}

export function revokeArchiveRequest(id: string, body: RevokeArchiveRequest = {}): Promise<ArchiveRequest> {
  return api.post<ArchiveRequest>(`/api/archive/requests/${encodeURIComponent(id)}/revoke`, body);
}

/** The full file; a login older than 5 minutes answers 401 REAUTH_REQUIRED and the client asks for the password first. */
export function getArchiveDossier(id: string): Promise<ArchiveDossier> {
  return api.get<ArchiveDossier>(`/api/archive/requests/${encodeURIComponent(id)}/dossier`);
}
