export { o2oRoutes } from './o2o.routes.ts';
export { o2oPublicRoutes } from './o2o.public.routes.ts';
export { submitMatter, transitionMatter, listMatters, getMatter, type SubmitMatterInput, type SubmitMatterResult } from './o2o.service.ts';
export { runOverdueSweep, startO2oOverdueTimer, type O2oTimer, type SweepResult } from './o2o.overdue.ts';
export { MATTER_TRANSITIONS } from './o2o.policy.ts';
export { createOpen311Client } from './open311.service.ts';
