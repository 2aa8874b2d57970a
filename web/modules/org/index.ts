/** What other web modules may use from org (selects only; pages are loaded by the router). */
export { OrgUnitSelect, OrgUnitMultiSelect, PartyOrgSelect } from './components/OrgSelects.tsx';
