import type { Page } from '../../../contracts/common.ts';
import type {
  AddMember,
  CreateHousehold,
  CreateObjection,
  CreateTeam,
  CreateVisit,
  EndMember,
  ExportKind,
  HouseholdDetail,
  HouseholdSummary,
  HouseholdTransition,
  ListHouseholdsQuery,
  ListTeamsQuery,
  MemberType,
  PersonOption,
  PovertyReport,
  PutPlan,
  Reminders,
  ResolveObjection,
  TeamDetail,
  TeamSummary,
  TransitionInput,
  Visit,
} from '../../../contracts/poverty.ts';
import { ApiError, api, apiErrorFromBody, reportSessionLost, requestBlob, type DownloadedFile } from '../../api/client.ts';
import { getLocale } from '../../i18n/index.ts';

const enc = encodeURIComponent;

export const listTeams = (q: ListTeamsQuery) => api.get<Page<TeamSummary>>('/api/poverty/teams', { ...q });
export const getTeam = (id: string, month?: string) => api.get<TeamDetail>(`/api/poverty/teams/${enc(id)}`, { month });
export const createTeam = (body: CreateTeam) => api.post<TeamDetail>('/api/poverty/teams', body);
export const addMember = (id: string, body: AddMember) => api.post<TeamDetail>(`/api/poverty/teams/${enc(id)}/members`, body);
export const endMember = (id: string, memberId: string, body: EndMember) => api.post<TeamDetail>(`/api/poverty/teams/${enc(id)}/members/${enc(memberId)}/end`, body);
export const activateTeam = (id: string) => api.post<TeamDetail>(`/api/poverty/teams/${enc(id)}/activate`);
export const dissolveTeam = (id: string) => api.post<TeamDetail>(`/api/poverty/teams/${enc(id)}/dissolve`);

export const listHouseholds = (q: ListHouseholdsQuery) => api.get<Page<HouseholdSummary>>('/api/poverty/households', { ...q });
export const getHousehold = (id: string) => api.get<HouseholdDetail>(`/api/poverty/households/${enc(id)}`);
export const createHousehold = (body: CreateHousehold) => api.post<HouseholdDetail>('/api/poverty/households', body);
export const moveHousehold = (id: string, name: HouseholdTransition, body: TransitionInput) => api.post<HouseholdDetail>(`/api/poverty/households/${enc(id)}/transitions/${name}`, body);
export const createObjection = (id: string, body: CreateObjection) => api.post<HouseholdDetail>(`/api/poverty/households/${enc(id)}/objections`, body);
export const resolveObjection = (id: string, objectionId: string, body: ResolveObjection) => api.post<HouseholdDetail>(`/api/poverty/households/${enc(id)}/objections/${enc(objectionId)}/resolve`, body);
export const putPlan = (id: string, year: number, body: PutPlan) => api.put<HouseholdDetail>(`/api/poverty/households/${enc(id)}/plans/${year}`, body);
export const createVisit = (id: string, body: CreateVisit) => api.post<Visit>(`/api/poverty/households/${enc(id)}/visits`, body);

export const getReminders = (q: { month?: string; teamId?: string; orgUnitId?: string }) => api.get<Reminders>('/api/poverty/reminders', q);
export const getReport = (orgUnitId?: string) => api.get<PovertyReport>('/api/poverty/report', { orgUnitId });
export const listMemberTypes = () => api.get<MemberType[]>('/api/poverty/member-types');
export const searchPeople = (q: string) => api.get<PersonOption[]>('/api/poverty/people', { q });
export const exportFile = (kind: ExportKind): Promise<DownloadedFile> => requestBlob(`/api/poverty/export/${kind}`);
/** The teams list with its filters as .xlsx (no paging); one `poverty.exported` event. */
export const exportTeamList = (q: Omit<ListTeamsQuery, 'page' | 'pageSize'>): Promise<DownloadedFile> => requestBlob('/api/poverty/teams/export.xlsx', { query: { ...q } });
/** The households list with its filters and sort as .xlsx (no paging, ID numbers masked); one `poverty.exported` event. */
export const exportHouseholdList = (q: Omit<ListHouseholdsQuery, 'page' | 'pageSize'>): Promise<DownloadedFile> => requestBlob('/api/poverty/households/export.xlsx', { query: { ...q } });
export const photoUrl = (photoId: string) => `/api/poverty/photos/${enc(photoId)}`;

/** Uploads one photo (multipart `file`); the server checks type (magic bytes) and size (≤ 5 MB). */
export async function uploadPhoto(visitId: string, file: File): Promise<Visit> {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await fetch(`/api/poverty/visits/${enc(visitId)}/photos`, { method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/json', 'Accept-Language': getLocale() } });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) throw reportSessionLost(body ? apiErrorFromBody(res.status, body) : new ApiError(res.status, 'INTERNAL', text.slice(0, 200)));
  return body as Visit;
}
