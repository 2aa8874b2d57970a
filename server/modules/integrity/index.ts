export { integrityRoutes } from './integrity.routes.ts';
export { integrityGate, type IntegrityGateResult, type IntegrityGateReason } from './integrity.gate.ts';
export { CONCLUSION_TRANSITIONS, PETITION_TRANSITIONS } from './integrity.policy.ts';
export { integrityDemoSeeder } from './integrity.demo.ts';
export { receiveRoutedReport, type RoutedReport } from './petition.service.ts';
