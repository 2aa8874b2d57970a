export { orgRoutes } from './org.routes.ts';
export { getOrgUnitInScope, findOrgUnitRef, listAncestorNames, type OrgUnitRef } from './org-lookup.ts';
export { listOrgUnits, getOrgUnit, createOrgUnit, updateOrgUnit, moveOrgUnit, mergeOrgUnits } from './org.service.ts';
export { listPartyOrgs, getPartyOrg, createPartyOrg, updatePartyOrg, movePartyOrg } from './party-org.service.ts';
export { ALLOWED_PARENT_TYPES, ORG_UNIT_TYPE_LABELS, PARTY_ORG_TYPE_LABELS, isUnitValidOn, isPartyOrgActiveOn, type DateRule } from './org.policy.ts';
