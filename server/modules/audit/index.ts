export { auditRoutes } from './audit.routes.ts';
export { listAuditEvents, getPersonHistory, listPersonViews, verifyLedgerNow, listLedgerCheckpoints, exportLedgerCheckpoint } from './audit.service.ts';
