import type { AuditActorOption, AuditEvent, CheckpointSummary, DossierViews, PersonHistory, VerifyVerdict } from '../../../contracts/audit.ts';
import type { Page } from '../../../contracts/common.ts';
import { api, requestBlob, type DownloadedFile } from '../../api/client.ts';

export type AuditQuery = {
  page: number;
  pageSize: number;
  actorUserId?: string;
  objectType?: string;
  objectId?: string;
  action?: string;
  /** YYYY-MM-DD (China time), inclusive */
  from?: string;
  to?: string;
};

/** The ledger, newest first; the server scopes it (AUDITOR: all; ORG_HEAD: their county) and records the read. */
export function listAuditEvents(query: AuditQuery): Promise<Page<AuditEvent>> {
  return api.get<Page<AuditEvent>>('/api/audit/events', { ...query });
}

/** The filtered list as .xlsx (no paging: every matching event); the server records one `audit.exported` event. */
export function exportAuditEvents(query: AuditQuery): Promise<DownloadedFile> {
  const { actorUserId, objectType, objectId, action, from, to } = query;
  return requestBlob('/api/audit/events/export.xlsx', { query: { actorUserId, objectType, objectId, action, from, to } });
}

export async function searchAuditActors(q: string): Promise<AuditActorOption[]> {
  return (await api.get<{ items: AuditActorOption[] }>('/api/audit/actors', { q })).items;
}

export function getPersonHistory(personId: string, page: number, pageSize: number): Promise<PersonHistory> {
  return api.get<PersonHistory>(`/api/audit/people/${encodeURIComponent(personId)}/history`, { page, pageSize });
}

export function getPersonViews(personId: string, page: number, pageSize: number): Promise<DossierViews> {
  return api.get<DossierViews>(`/api/audit/people/${encodeURIComponent(personId)}/views`, { page, pageSize });
}

/** Runs the ledger verifier on the server now. */
export function verifyLedger(): Promise<VerifyVerdict> {
  return api.post<VerifyVerdict>('/api/audit/verify');
}

/** The checkpoint list as .xlsx (newest first, no paging); fresh login; the server records one `audit.exported` event. */
export function exportCheckpoints(): Promise<DownloadedFile> {
  return requestBlob('/api/audit/checkpoints/export.xlsx');
}
export function listCheckpoints(page: number, pageSize: number): Promise<Page<CheckpointSummary>> {
  return api.get<Page<CheckpointSummary>>('/api/audit/checkpoints', { page, pageSize });
}

/** A plain link (same-origin cookie): the server answers with a JSON attachment. */
export function checkpointDownloadUrl(treeSize: number): string {
  return `/api/audit/checkpoints/${treeSize}`;
}
