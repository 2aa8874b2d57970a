export { peopleRoutes } from './people.routes.ts';
export { listPeopleForExport, findRegisteredIdNumberIndexes, insertPeopleRows, type ExportFilters, type NewPersonBundle } from './people.bulk.ts';
export { getDossierForArchive, findArchiveSubject, archiveConflict, listRegisteredRelativeIds, type ArchiveSubject, type ArchiveFile } from './people.archive.ts';
