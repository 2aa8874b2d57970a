export { analysisRoutes } from './analysis.routes.ts';
export { listCampaignCadreIds, loadCampaign, transitionCampaign } from './analysis.service.ts';
export { computeStatistics, coveragePopulations } from './analysis-statistics.ts';
export { listEvidence, getCadreProfile } from './analysis-evidence.service.ts';
export { CAMPAIGN_TRANSITION_TABLE } from './analysis.policy.ts';
export { analysisDemoSeeder } from './analysis.demo.ts';
