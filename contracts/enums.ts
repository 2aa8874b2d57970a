/**
 * Closed value lists shared by server and web. Plain `as const` arrays (no runtime dependency), so the web
 * bundle can import them; TypeBox unions are built from them in contracts/schema-kit.ts.
 */
export const ROLES = [
  'SYS_ADMIN',
  'COUNTY_SECRETARY',
  'ORG_HEAD',
  'ORG_CADRE_SECTION',
  'ORG_SUPERVISION_SECTION',
  'ORG_GRASSROOTS_SECTION',
  'DISCIPLINE_COMMISSION',
  'TOWN_SECRETARY',
  'TOWN_ORG_MEMBER',
  'VILLAGE_SECRETARY',
  'AUDITOR',
  'CADRE_SELF',
  /** 镇纪委书记: co-signs integrity conclusions, town petitions as handler (SPEC §4) */
  'TOWN_DISCIPLINE_SECRETARY',
  /** head of a county department: signs integrity conclusions as its secretary, handles dispatched matters */
  'COUNTY_DEPT_LEADER',
  /** 派驻纪检组组长 / unit discipline secretary: co-signs integrity conclusions of the unit */
  'UNIT_DISCIPLINE_SECRETARY',
  /** town/county O2O office: accept, dispatch, close review, revisit (M2) */
  'O2O_DISPATCHER',
  /** cadre in a handling unit: sign, handle, extension, reply (M2) */
  'HANDLER',
  /** member of the two village committees: accept matters, household data (M2, M3) */
  'VILLAGE_CADRE',
  /** member of a 1+(3+X) service team: visits and plans of the own team's households (M3) */
  'SERVICE_TEAM_MEMBER',
] as const;
export type Role = (typeof ROLES)[number];

export const ORG_UNIT_TYPES = ['COUNTY', 'DEV_ZONE', 'COUNTY_DEPT', 'TOWN', 'STREET', 'VILLAGE', 'COMMUNITY', 'VILLAGER_GROUP', 'PARK'] as const;
export type OrgUnitType = (typeof ORG_UNIT_TYPES)[number];

export const PARTY_ORG_TYPES = ['PARTY_COMMITTEE', 'WORKING_COMMITTEE', 'GENERAL_BRANCH', 'BRANCH', 'TEMPORARY_BRANCH', 'PARTY_GROUP'] as const;
export type PartyOrgType = (typeof PARTY_ORG_TYPES)[number];

export const PARTY_HOST_KINDS = ['ORG_UNIT', 'ENTERPRISE', 'PROJECT', 'PARK'] as const;
export type PartyHostKind = (typeof PARTY_HOST_KINDS)[number];

export const GENDERS = ['M', 'F'] as const;
export type Gender = (typeof GENDERS)[number];

export const RANK_LEVELS = ['CLERK', 'DEPUTY_SECTION', 'SECTION', 'DEPUTY_COUNTY', 'COUNTY'] as const;
export type RankLevel = (typeof RANK_LEVELS)[number];

export const KINSHIP_RELATIONS = ['SPOUSE', 'LINEAL_BLOOD', 'COLLATERAL_3', 'NEAR_IN_LAW'] as const;
export type KinshipRelation = (typeof KINSHIP_RELATIONS)[number];

export const FRONT_LINE_KINDS = ['ECONOMY', 'PROJECT', 'LAND_DEMOLITION', 'STABILITY'] as const;
export type FrontLineKind = (typeof FRONT_LINE_KINDS)[number];

/** Reference catalogues stored in `code_item` (GB/T 4658 education, GB/T 3304 ethnicity, GB/T 4761 kinship). */
export const CODE_CATALOGS = ['EDUCATION', 'DEGREE', 'ETHNICITY', 'KINSHIP'] as const;
export type CodeCatalog = (typeof CODE_CATALOGS)[number];

export const REVEAL_FIELDS = ['idNumber', 'phone'] as const;
export type RevealField = (typeof REVEAL_FIELDS)[number];

export const PERSON_SORT_FIELDS = ['name', 'birthDate', 'orgName', 'rankLevel'] as const;
export type PersonSortField = (typeof PERSON_SORT_FIELDS)[number];

export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];
