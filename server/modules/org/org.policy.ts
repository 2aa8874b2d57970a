/**
 * Pure rules of the organisation trees (SPEC §2.1): which unit type may sit under which, which units may be
 * merged (并村), which Party organisation may contain which, and the date rules of "as of" queries.
 * Data, not switch statements: change a table here and every check follows.
 */
import type { OrgUnitType, PartyOrgType } from '../../../contracts/enums.ts';
import { ORG_UNIT_TYPES, PARTY_ORG_TYPES } from '../../../contracts/enums.ts';
import type { Text } from '../../platform/errors.ts';

/** Allowed parent types of each administrative unit type. COUNTY is the root and has no parent. */
export const ALLOWED_PARENT_TYPES: Record<OrgUnitType, readonly OrgUnitType[]> = {
  COUNTY: [],
  DEV_ZONE: ['COUNTY'],
  COUNTY_DEPT: ['COUNTY', 'DEV_ZONE'],
  TOWN: ['COUNTY', 'DEV_ZONE'],
  STREET: ['COUNTY', 'DEV_ZONE'],
  PARK: ['COUNTY', 'DEV_ZONE', 'TOWN', 'STREET'],
  VILLAGE: ['TOWN', 'STREET'],
  COMMUNITY: ['TOWN', 'STREET'],
  VILLAGER_GROUP: ['VILLAGE', 'COMMUNITY'],
};

export const ORG_UNIT_TYPE_LABELS: Record<OrgUnitType, Text> = {
  COUNTY: { zh: '县', en: 'county' },
  DEV_ZONE: { zh: '经开区', en: 'development zone' },
  COUNTY_DEPT: { zh: '县直单位', en: 'county department' },
  TOWN: { zh: '镇', en: 'town' },
  STREET: { zh: '街道', en: 'sub-district' },
  VILLAGE: { zh: '村', en: 'village' },
  COMMUNITY: { zh: '社区', en: 'community' },
  VILLAGER_GROUP: { zh: '村民小组', en: 'villager group' },
  PARK: { zh: '园区', en: 'park' },
};

/** 并村: only villages and communities are merged. */
export const MERGEABLE_TYPES: readonly OrgUnitType[] = ['VILLAGE', 'COMMUNITY'];

/**
 * Allowed child types of each Party organisation type. 党章 art. 30: the branch (支部) is the basic
 * organisation, so branches, temporary branches and Party groups (党组) have no sub-organisations here.
 */
export const ALLOWED_PARTY_CHILD_TYPES: Record<PartyOrgType, readonly PartyOrgType[]> = {
  PARTY_COMMITTEE: ['PARTY_COMMITTEE', 'WORKING_COMMITTEE', 'GENERAL_BRANCH', 'BRANCH', 'TEMPORARY_BRANCH', 'PARTY_GROUP'],
  WORKING_COMMITTEE: ['PARTY_COMMITTEE', 'GENERAL_BRANCH', 'BRANCH', 'TEMPORARY_BRANCH'],
  GENERAL_BRANCH: ['BRANCH', 'TEMPORARY_BRANCH'],
  BRANCH: [],
  TEMPORARY_BRANCH: [],
  PARTY_GROUP: [],
};

export const PARTY_ORG_TYPE_LABELS: Record<PartyOrgType, Text> = {
  PARTY_COMMITTEE: { zh: '党委', en: 'Party committee' },
  WORKING_COMMITTEE: { zh: '工委', en: 'working committee' },
  GENERAL_BRANCH: { zh: '党总支', en: 'general branch' },
  BRANCH: { zh: '党支部', en: 'branch' },
  TEMPORARY_BRANCH: { zh: '临时党支部', en: 'temporary branch' },
  PARTY_GROUP: { zh: '党组', en: 'Party group' },
};

export function isOrgUnitType(value: string): value is OrgUnitType {
  return (ORG_UNIT_TYPES as readonly string[]).includes(value);
}

export function isPartyOrgType(value: string): value is PartyOrgType {
  return (PARTY_ORG_TYPES as readonly string[]).includes(value);
}

export function canHaveParent(childType: OrgUnitType, parentType: string): boolean {
  return isOrgUnitType(parentType) && ALLOWED_PARENT_TYPES[childType].includes(parentType);
}

export function canContainPartyOrg(parentType: string, childType: PartyOrgType): boolean {
  return isPartyOrgType(parentType) && ALLOWED_PARTY_CHILD_TYPES[parentType].includes(childType);
}

export function isMergeable(type: string): boolean {
  return isOrgUnitType(type) && MERGEABLE_TYPES.includes(type);
}

/** Moving `path` under `newParentPath` would put it under itself or one of its own descendants. */
export function isSelfOrDescendantPath(path: string, newParentPath: string): boolean {
  return newParentPath.startsWith(path);
}

/** Which rows a tree listing shows: those valid on a date, or all (history included). */
export type DateRule = { kind: 'on'; date: string } | { kind: 'all' };

/** asOf wins; without it, today unless includeClosed asks for everything. */
export function dateRuleOf(query: { asOf?: string | undefined; includeClosed?: boolean | undefined }, today: string): DateRule {
  if (query.asOf) return { kind: 'on', date: query.asOf };
  return query.includeClosed ? { kind: 'all' } : { kind: 'on', date: today };
}

/** An org unit is valid on `date` when valid_from <= date <= valid_to (valid_to is its last day; null = open). */
export function isUnitValidOn(unit: { valid_from: string; valid_to: string | null }, date: string): boolean {
  return unit.valid_from <= date && (unit.valid_to === null || unit.valid_to >= date);
}

/** A Party organisation exists on `date` when founded_at <= date < dissolved_at (the dissolution day is its first day gone). */
export function isPartyOrgActiveOn(org: { founded_at: string; dissolved_at: string | null }, date: string): boolean {
  return org.founded_at <= date && (org.dissolved_at === null || org.dissolved_at > date);
}

/** A real calendar date in YYYY-MM-DD (the schema only checks the shape; 2016-02-30 is refused here). */
export function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The day before a YYYY-MM-DD date (a merged unit's last day is the day before the merger takes effect). */
export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
