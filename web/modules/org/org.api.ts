import type {
  CreateOrgUnitRequest,
  CreatePartyOrgRequest,
  MergeOrgUnitsRequest,
  OrgUnit,
  PartyOrg,
  UpdateOrgUnitRequest,
  UpdatePartyOrgRequest,
} from '../../../contracts/org.ts';
import { api, requestBlob, type DownloadedFile } from '../../api/client.ts';

export type TreeFilter = { asOf?: string; includeClosed?: boolean };
type Items<T> = { items: T[] };

function filterQuery(filter: TreeFilter) {
  return { asOf: filter.asOf, includeClosed: filter.includeClosed ? true : undefined };
}

/** parentId null → the roots of the caller's scope. */
export async function listOrgUnits(parentId: string | null, filter: TreeFilter = {}): Promise<OrgUnit[]> {
  const page = await api.get<Items<OrgUnit>>('/api/org-units', { parentId: parentId ?? undefined, ...filterQuery(filter) });
  return page.items;
}

/** name, pinyin or initials ("hh" finds 黄花镇) */
export async function searchOrgUnits(q: string, filter: TreeFilter = {}): Promise<OrgUnit[]> {
  const page = await api.get<Items<OrgUnit>>('/api/org-units', { q, ...filterQuery(filter) });
  return page.items;
}

export function getOrgUnit(id: string, asOf?: string): Promise<OrgUnit> {
  return api.get<OrgUnit>(`/api/org-units/${encodeURIComponent(id)}`, { asOf });
}

export function createOrgUnit(body: CreateOrgUnitRequest): Promise<OrgUnit> {
  return api.post<OrgUnit>('/api/org-units', body);
}

export function updateOrgUnit(id: string, body: UpdateOrgUnitRequest): Promise<OrgUnit> {
  return api.patch<OrgUnit>(`/api/org-units/${encodeURIComponent(id)}`, body);
}

export function moveOrgUnit(id: string, parentId: string): Promise<OrgUnit> {
  return api.post<OrgUnit>(`/api/org-units/${encodeURIComponent(id)}/move`, { parentId });
}

export function mergeOrgUnits(body: MergeOrgUnitsRequest): Promise<unknown> {
  return api.post<unknown>('/api/org-units/merge', body);
}

export async function listPartyOrgs(parentId: string | null, filter: TreeFilter = {}): Promise<PartyOrg[]> {
  const page = await api.get<Items<PartyOrg>>('/api/party-orgs', { parentId: parentId ?? undefined, ...filterQuery(filter) });
  return page.items;
}

export async function searchPartyOrgs(q: string, filter: TreeFilter = {}): Promise<PartyOrg[]> {
  const page = await api.get<Items<PartyOrg>>('/api/party-orgs', { q, ...filterQuery(filter) });
  return page.items;
}

export function getPartyOrg(id: string, asOf?: string): Promise<PartyOrg> {
  return api.get<PartyOrg>(`/api/party-orgs/${encodeURIComponent(id)}`, { asOf });
}

export function createPartyOrg(body: CreatePartyOrgRequest): Promise<PartyOrg> {
  return api.post<PartyOrg>('/api/party-orgs', body);
}

export function updatePartyOrg(id: string, body: UpdatePartyOrgRequest): Promise<PartyOrg> {
  return api.patch<PartyOrg>(`/api/party-orgs/${encodeURIComponent(id)}`, body);
}

export function movePartyOrg(id: string, parentId: string): Promise<PartyOrg> {
  return api.post<PartyOrg>(`/api/party-orgs/${encodeURIComponent(id)}/move`, { parentId });
}

/** The list on screen (search results, else the scope roots) as .xlsx; the server records one ledger event. */
export function exportOrgList(kind: 'org-units' | 'party-orgs', q: string | undefined, filter: TreeFilter = {}): Promise<DownloadedFile> {
  return requestBlob(`/api/${kind}/export.xlsx`, { query: { q, ...filterQuery(filter) } });
}
