import type { Page } from '../../../contracts/common.ts';
import type { CodeCatalog, Gender, PersonSortField, RankLevel, RevealField, SortOrder } from '../../../contracts/enums.ts';
import type {
  CodeItem,
  CreateKinshipRequest,
  CreatePersonRequest,
  CreatePostRequest,
  PersonDossier,
  PersonListItem,
  RevealResponse,
  UpdatePersonRequest,
} from '../../../contracts/people.ts';
import { api } from '../../api/client.ts';

export type PeopleQuery = {
  page: number;
  pageSize: number;
  q?: string;
  orgUnitId?: string;
  rankLevel?: RankLevel;
  gender?: Gender;
  isCadre?: boolean;
  isPartyMember?: boolean;
  sort?: PersonSortField;
  order?: SortOrder;
};

/** Server-side paging, sorting and filtering (the server applies the caller's scope). */
export function listPeople(query: PeopleQuery): Promise<Page<PersonListItem>> {
  return api.get<Page<PersonListItem>>('/api/people', { ...query });
}

/** A 404 means unknown or out of scope; the page says so without telling which. */
export function getPerson(id: string): Promise<PersonDossier> {
  return api.get<PersonDossier>(`/api/people/${encodeURIComponent(id)}`);
}

export function getSelfDossier(): Promise<PersonDossier> {
  return api.get<PersonDossier>('/api/people/self');
}

export function createPerson(body: CreatePersonRequest): Promise<{ id: string }> {
  return api.post<{ id: string }>('/api/people', body);
}

export function updatePerson(id: string, body: UpdatePersonRequest): Promise<unknown> {
  return api.patch<unknown>(`/api/people/${encodeURIComponent(id)}`, body);
}

/** Full ID number / phone; needs a reason and a fresh login (401 REAUTH_REQUIRED opens the password modal). */
export function revealField(id: string, field: RevealField, reason: string): Promise<RevealResponse> {
  return api.post<RevealResponse>(`/api/people/${encodeURIComponent(id)}/reveal`, { field, reason });
}

export function addPost(id: string, body: CreatePostRequest): Promise<unknown> {
  return api.post<unknown>(`/api/people/${encodeURIComponent(id)}/posts`, body);
}

export function endPost(id: string, postId: string, endDate: string): Promise<unknown> {
  return api.post<unknown>(`/api/people/${encodeURIComponent(id)}/posts/${encodeURIComponent(postId)}/end`, { endDate });
}

export function addKinship(id: string, body: CreateKinshipRequest): Promise<unknown> {
  return api.post<unknown>(`/api/people/${encodeURIComponent(id)}/kinship`, body);
}

export async function listCodes(catalog: CodeCatalog): Promise<CodeItem[]> {
  const page = await api.get<{ items: CodeItem[] }>(`/api/codes/${catalog}`);
  return page.items;
}
