/** The analysis module's only fetch file (M5 campaigns, evidence store, cadre profiles). */
import type {
  AddMember,
  CadreProfile,
  Campaign,
  CampaignStatistics,
  CreateCampaign,
  CreateDocumentReview,
  CreateEvidence,
  CreateLetter,
  CreateTalk,
  CreateTip,
  CreateVisit,
  DocumentReview,
  Evidence,
  Letter,
  ListEvidenceQuery,
  MemberCandidate,
  PublishNotice,
  ReplyLetter,
  Talk,
  TalkLevel,
  TalkNotes,
  Tip,
  TipContent,
  Visit,
} from '../../../contracts/analysis.ts';
import type { Page } from '../../../contracts/common.ts';
import { api, requestBlob, type DownloadedFile, type QueryValue } from '../../api/client.ts';

type Q = Record<string, QueryValue>;
const enc = encodeURIComponent;
const c = (id: string) => `/api/analysis/campaigns/${enc(id)}`;

export const listTalkLevels = () => api.get<TalkLevel[]>('/api/analysis/talk-levels');
export const listCampaigns = (q: Q) => api.get<Page<Campaign>>('/api/analysis/campaigns', q);
/** The list with its filters as .xlsx (no paging); fresh login; the server records one `campaign.exported` event. */
export const exportCampaigns = (q: Q): Promise<DownloadedFile> => requestBlob('/api/analysis/campaigns/export.xlsx', { query: { ...q, page: undefined, pageSize: undefined } });
export const getCampaign = (id: string) => api.get<Campaign>(c(id));
export const createCampaign = (body: CreateCampaign) => api.post<Campaign>('/api/analysis/campaigns', body);
export const publishNotice = (id: string, body: PublishNotice) => api.post<Campaign>(`${c(id)}/notice`, body);
export const transitionCampaign = (id: string, name: 'start' | 'analyse' | 'conclude', note?: string) => api.post<Campaign>(`${c(id)}/${name}`, note ? { note } : {});
export const removeMember = (id: string, memberId: string) => api.post<Campaign>(`${c(id)}/members/${enc(memberId)}/remove`);
export const addMember = (id: string, body: AddMember) => api.post<Campaign>(`${c(id)}/members`, body);
export const listMemberCandidates = (id: string, q?: string) => api.get<MemberCandidate[]>(`${c(id)}/member-candidates`, q ? { q } : {});
export const getStatistics = (id: string) => api.get<CampaignStatistics>(`${c(id)}/statistics`);
export const downloadStatistics = (id: string): Promise<DownloadedFile> => requestBlob(`${c(id)}/statistics.xlsx`);
export const downloadReport = (id: string): Promise<DownloadedFile> => requestBlob(`${c(id)}/report.docx`);

export const listLetters = (id: string, q: Q) => api.get<Page<Letter>>(`${c(id)}/letters`, q);
export const createLetter = (id: string, body: CreateLetter) => api.post<Letter>(`${c(id)}/letters`, body);
export const replyLetter = (letterId: string, body: ReplyLetter) => api.post<Letter>(`/api/analysis/letters/${enc(letterId)}/reply`, body);
export const markLetterOverdue = (letterId: string) => api.post<Letter>(`/api/analysis/letters/${enc(letterId)}/mark-overdue`);

export const listTalks = (id: string, q: Q) => api.get<Page<Talk>>(`${c(id)}/talks`, q);
export const createTalk = (id: string, body: CreateTalk) => api.post<Talk>(`${c(id)}/talks`, body);
export const readTalkNotes = (talkId: string) => api.get<TalkNotes>(`/api/analysis/talks/${enc(talkId)}/notes`);

export const listVisits = (id: string, q: Q) => api.get<Page<Visit>>(`${c(id)}/visits`, q);
export const createVisit = (id: string, body: CreateVisit) => api.post<Visit>(`${c(id)}/visits`, body);
export const listDocuments = (id: string, q: Q) => api.get<Page<DocumentReview>>(`${c(id)}/documents`, q);
export const createDocument = (id: string, body: CreateDocumentReview) => api.post<DocumentReview>(`${c(id)}/documents`, body);
export const listTips = (id: string, q: Q) => api.get<Page<Tip>>(`${c(id)}/tips`, q);
export const createTip = (id: string, body: CreateTip) => api.post<Tip>(`${c(id)}/tips`, body);
export const readTip = (tipId: string) => api.get<TipContent>(`/api/analysis/tips/${enc(tipId)}`);

export const listEvidence = (q: Partial<ListEvidenceQuery>) => api.get<Page<Evidence>>('/api/analysis/evidence', q);
export const createEvidence = (body: CreateEvidence) => api.post<Evidence>('/api/analysis/evidence', body);
export const exportEvidence = (q: Partial<ListEvidenceQuery>): Promise<DownloadedFile> => requestBlob('/api/analysis/evidence/export.xlsx', { query: { ...q, page: undefined, pageSize: undefined } });
export const getCadreProfile = (personId: string) => api.get<CadreProfile>(`/api/analysis/cadres/${enc(personId)}/profile`);

/** Pickers: people (name / pinyin search) and org units (towns, villages, departments). */
export async function searchPeople(q: string): Promise<{ value: string; label: string }[]> {
  const page = await api.get<Page<{ id: string; name: string; orgName: string }>>('/api/people', { q, pageSize: 20 });
  return page.items.map((p) => ({ value: p.id, label: `${p.name}（${p.orgName}）` }));
}

export async function searchUnits(q: string, type?: string): Promise<{ value: string; label: string }[]> {
  const res = await api.get<{ items: { id: string; name: string; ancestors: { name: string }[] }[] }>('/api/org-units', q ? { q, type } : { type });
  return res.items.map((u) => ({ value: u.id, label: u.ancestors.length > 1 ? `${u.ancestors[u.ancestors.length - 1]!.name} ${u.name}` : u.name }));
}
