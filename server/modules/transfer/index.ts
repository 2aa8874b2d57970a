export { transferRoutes } from './transfer.routes.ts';
export { importPeopleRoster, importPeopleFileAs, exportPeopleXlsx, buildRosterTemplate, listImportBatches, type ImportFile, type ImportOutcome } from './transfer.service.ts';
export { ROSTER_COLUMNS, templateHeader } from './roster-columns.ts';
export type { RowError } from './roster-validate.ts';
