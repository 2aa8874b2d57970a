export { povertyRoutes } from './poverty.routes.ts';
export { TRANSITIONS as POVERTY_TRANSITIONS, compositionProblems, reminderPeriod } from './poverty.policy.ts';
export { povertyDemo } from './poverty.demo.ts';
