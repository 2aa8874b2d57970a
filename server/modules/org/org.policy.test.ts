import { describe, expect, it } from 'vitest';
import { ORG_UNIT_TYPES, PARTY_ORG_TYPES } from '../../../contracts/enums.ts';
import {
  ALLOWED_PARENT_TYPES,
  ALLOWED_PARTY_CHILD_TYPES,
  canContainPartyOrg,
  canHaveParent,
  dateRuleOf,
  dayBefore,
  isMergeable,
  isPartyOrgActiveOn,
  isRealDate,
  isSelfOrDescendantPath,
  isUnitValidOn,
} from './org.policy.ts';

describe('org tree rules', () => {
  it('places villages under towns, groups under villages, towns under the county or a zone; the county only at the root', () => {
    expect(canHaveParent('VILLAGE', 'TOWN')).toBe(true);
    expect(canHaveParent('COMMUNITY', 'STREET')).toBe(true);
    expect(canHaveParent('VILLAGER_GROUP', 'COMMUNITY')).toBe(true);
    expect(canHaveParent('TOWN', 'DEV_ZONE')).toBe(true);
    expect(canHaveParent('TOWN', 'VILLAGE')).toBe(false);
    expect(canHaveParent('VILLAGE', 'COUNTY')).toBe(false);
    expect(canHaveParent('VILLAGE', 'COUNTY_DEPT')).toBe(false);
    expect(canHaveParent('COUNTY', 'COUNTY')).toBe(false);
    expect(canHaveParent('VILLAGE', 'NOT_A_TYPE')).toBe(false);
    // every type is in the table and only names known types
    expect(Object.keys(ALLOWED_PARENT_TYPES).sort()).toEqual([...ORG_UNIT_TYPES].sort());
    for (const parents of Object.values(ALLOWED_PARENT_TYPES)) for (const p of parents) expect(ORG_UNIT_TYPES).toContain(p);
    expect(Object.keys(ALLOWED_PARTY_CHILD_TYPES).sort()).toEqual([...PARTY_ORG_TYPES].sort());
  });

  it('lets only branches and groups sit at the bottom of the Party tree', () => {
    expect(canContainPartyOrg('PARTY_COMMITTEE', 'BRANCH')).toBe(true);
    expect(canContainPartyOrg('GENERAL_BRANCH', 'BRANCH')).toBe(true);
    expect(canContainPartyOrg('BRANCH', 'BRANCH')).toBe(false);
    expect(canContainPartyOrg('GENERAL_BRANCH', 'PARTY_COMMITTEE')).toBe(false);
  });

  it('merges only villages and communities', () => {
    expect(isMergeable('VILLAGE')).toBe(true);
    expect(isMergeable('COMMUNITY')).toBe(true);
    expect(isMergeable('TOWN')).toBe(false);
  });

  it('detects moves under oneself or a descendant by path prefix', () => {
    expect(isSelfOrDescendantPath('/a/b/', '/a/b/')).toBe(true);
    expect(isSelfOrDescendantPath('/a/b/', '/a/b/c/')).toBe(true);
    expect(isSelfOrDescendantPath('/a/b/', '/a/')).toBe(false);
    expect(isSelfOrDescendantPath('/a/b/', '/a/bc/')).toBe(false);
  });

  it('applies the as-of date rules: valid_to is the last day, dissolved_at the first day gone', () => {
    const unit = { valid_from: '2000-01-01', valid_to: '2016-06-30' };
    expect(isUnitValidOn(unit, '2016-06-30')).toBe(true);
    expect(isUnitValidOn(unit, '2016-07-01')).toBe(false);
    expect(isUnitValidOn(unit, '1999-12-31')).toBe(false);
    const org = { founded_at: '2000-01-01', dissolved_at: '2015-01-01' };
    expect(isPartyOrgActiveOn(org, '2014-12-31')).toBe(true);
    expect(isPartyOrgActiveOn(org, '2015-01-01')).toBe(false);
    expect(dateRuleOf({ asOf: '2016-06-30', includeClosed: true }, '2026-11-26')).toEqual({ kind: 'on', date: '2016-06-30' });
    expect(dateRuleOf({ includeClosed: true }, '2026-11-26')).toEqual({ kind: 'all' });
    expect(dateRuleOf({}, '2026-11-26')).toEqual({ kind: 'on', date: '2026-11-26' });
  });

  it('checks calendar dates and finds the day before across months and leap years', () => {
    expect(isRealDate('2016-02-29')).toBe(true);
    expect(isRealDate('2015-02-29')).toBe(false);
    expect(isRealDate('2016-13-01')).toBe(false);
    expect(dayBefore('2016-07-01')).toBe('2016-06-30');
    expect(dayBefore('2016-03-01')).toBe('2016-02-29');
    expect(dayBefore('2017-01-01')).toBe('2016-12-31');
  });
});
