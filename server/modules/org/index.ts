export { orgRoutes } from './org.routes.ts';
export { getOrgUnitInScope, findOrgUnitRef, listAncestorNames, type OrgUnitRef } from './org-lookup.ts';
