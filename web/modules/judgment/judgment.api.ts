/** The judgment module's only fetch file (five-category judgments, team analysis, what-if, outcome board). */
import type { Page } from '../../../contracts/common.ts';
import type {
  CampaignOption,
  CreateJudgment,
  CreateWhatifScenario,
  EndorseJudgment,
  Judgment,
  JudgmentDetail,
  JudgmentEvidence,
  OutcomeBoard,
  PutWhatifMoves,
  TeamAnalysis,
  TeamTargets,
  TeamTownSummary,
  WhatifScenario,
} from '../../../contracts/judgment.ts';
import { api, requestBlob, type DownloadedFile, type QueryValue } from '../../api/client.ts';

type Q = Record<string, QueryValue>;
const enc = encodeURIComponent;

export const listJudgments = (q: Q) => api.get<Page<Judgment>>('/api/judgments', q);
export const exportJudgments = (q: Q): Promise<DownloadedFile> => requestBlob('/api/judgments/export.xlsx', { query: { ...q, page: undefined, pageSize: undefined } });
export const listCampaignOptions = () => api.get<{ items: CampaignOption[] }>('/api/judgments/campaigns');
export const listEvidenceOptions = (cadrePersonId: string, campaignId?: string) => api.get<{ items: JudgmentEvidence[] }>('/api/judgments/evidence-options', { cadrePersonId, campaignId });
export const createJudgment = (body: CreateJudgment) => api.post<Judgment>('/api/judgments', body);
export const getJudgment = (id: string) => api.get<JudgmentDetail>(`/api/judgments/${enc(id)}`);
export const proposeJudgment = (id: string) => api.post<Judgment>(`/api/judgments/${enc(id)}/propose`);
export const endorseJudgment = (id: string, body: EndorseJudgment) => api.post<Judgment>(`/api/judgments/${enc(id)}/endorse`, body);
export const returnJudgment = (id: string, note: string) => api.post<Judgment>(`/api/judgments/${enc(id)}/return`, { note });
export const downloadJudgmentReport = (id: string): Promise<DownloadedFile> => requestBlob(`/api/judgments/${enc(id)}/report.docx`);

export const getOutcome = (campaignId?: string) => api.get<OutcomeBoard>('/api/judgments/outcome', { campaignId });
export const exportOutcome = (campaignId?: string): Promise<DownloadedFile> => requestBlob('/api/judgments/outcome/export.xlsx', { query: { campaignId } });

export const listTeamTowns = (campaignId?: string) => api.get<{ asOf: string; items: TeamTownSummary[] }>('/api/team-analysis/towns', { campaignId });
export const getTeamAnalysis = (townId: string, q: { campaignId?: string; scenarioId?: string }) => api.get<TeamAnalysis>(`/api/team-analysis/towns/${enc(townId)}`, q);
export const downloadTeamReport = (townId: string, q: { campaignId?: string; scenarioId?: string }): Promise<DownloadedFile> => requestBlob(`/api/team-analysis/towns/${enc(townId)}/report.docx`, { query: q });
export const getTeamTargets = () => api.get<TeamTargets>('/api/team-targets');

export const listScenarios = () => api.get<{ items: WhatifScenario[] }>('/api/whatif-scenarios');
export const createScenario = (body: CreateWhatifScenario) => api.post<WhatifScenario>('/api/whatif-scenarios', body);
export const putScenarioMoves = (id: string, body: PutWhatifMoves) => api.put<WhatifScenario>(`/api/whatif-scenarios/${enc(id)}/moves`, body);

export async function searchCadres(q: string): Promise<{ value: string; label: string }[]> {
  const page = await api.get<Page<{ id: string; name: string; orgName: string }>>('/api/people', { q, pageSize: 20 });
  return page.items.map((p) => ({ value: p.id, label: `${p.name}（${p.orgName}）` }));
}
