/** The evaluation module's public surface (routes for app.ts, functions for judgment and reports). */
export { evaluationRoutes, evaluationPublicRoutes } from './evaluation.routes.ts';
export { getFiveDimensionResult, latestFiveDimensionByPerson, hashToken } from './evaluation.service.ts';
export { DEFAULT_GROUP_WEIGHTS, DEFAULT_QUESTIONNAIRE, DEFAULT_SETTINGS } from './evaluation.defaults.ts';
export { EVALUATION_TRANSITIONS } from './evaluation.policy.ts';
export { evaluationDemoSeeder } from './evaluation.demo.ts';
