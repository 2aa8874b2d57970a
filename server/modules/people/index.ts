export { peopleRoutes } from './people.routes.ts';
export { listPeopleForExport, findRegisteredIdNumberIndexes, insertPeopleRows, type ExportFilters, type NewPersonBundle } from './people.bulk.ts';
