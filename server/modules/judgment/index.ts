export { judgmentRoutes } from './judgment.routes.ts';
export { promoteBarsFor } from './judgment.service.ts';
export { getOutcomeBoard } from './team-analysis.service.ts';
export { JUDGMENT_TRANSITIONS } from './judgment.policy.ts';
export { judgmentDemoSeeder } from './judgment.demo.ts';
