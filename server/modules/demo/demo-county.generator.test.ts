import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../contracts/enums.ts';
import { validateIdNumber } from '../../platform/id-number.ts';
import { relationClassOf } from './catalogs.ts';
import divisions from './data/changsha-county-divisions.json' with { type: 'json' };
import { DEMO_REFERENCE_DATE, DEV_ZONE_KEY, ROOT_KEY, generateDemoCounty, type DemoPerson } from './demo-county.generator.ts';

const county = generateDemoCounty();
const units = new Map(county.orgUnits.map((u) => [u.key, u]));
const parties = new Map(county.partyOrgs.map((o) => [o.key, o]));
const people = new Map(county.people.map((p) => [p.key, p]));

function ageAt(p: DemoPerson, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(p.birthDate.slice(0, 4));
  return p.birthDate.slice(5) > date.slice(5) ? years - 1 : years;
}

function isAncestorOrSelf(ancestor: string, key: string): boolean {
  for (let k: string | null = key; k !== null; k = units.get(k)?.parentKey ?? null) if (k === ancestor) return true;
  return false;
}

const current = (p: DemoPerson) => p.posts.filter((x) => x.endDate === null);

describe('generateDemoCounty', () => {
  it('is deterministic and depends on the seed', () => {
    // compared as JSON: a deep toEqual over ~6,000 people is slow
    expect(JSON.stringify(generateDemoCounty())).toBe(JSON.stringify(county));
    const other = generateDemoCounty(7);
    expect(JSON.stringify(generateDemoCounty(7))).toBe(JSON.stringify(other));
    expect(other.people.map((p) => p.idNumber)).not.toEqual(county.people.map((p) => p.idNumber));
  });

  it('generates in reasonable time', () => {
    const t0 = performance.now();
    generateDemoCounty(42);
    expect(performance.now() - t0).toBeLessThan(3000);
  });

  it('has the real administrative divisions', () => {
    const byType = (t: string) => county.orgUnits.filter((u) => u.type === t);
    expect(byType('COUNTY').map((u) => [u.key, u.code, u.name])).toEqual([[ROOT_KEY, '430121', '长沙县']]);
    expect(byType('DEV_ZONE')).toHaveLength(1);
    expect(byType('TOWN')).toHaveLength(13);
    expect(byType('STREET')).toHaveLength(5);
    expect(byType('PARK')).toHaveLength(8);
    expect(byType('PARK').map((u) => u.name)).toEqual(expect.arrayContaining(['星沙产业基地', '黄花综合保税区']));
    expect(byType('COUNTY_DEPT').length).toBeGreaterThanOrEqual(64);
    const live = county.orgUnits.filter((u) => u.validTo === null);
    expect(live.filter((u) => u.type === 'VILLAGE')).toHaveLength(114);
    expect(live.filter((u) => u.type === 'COMMUNITY')).toHaveLength(83);
    for (const t of divisions.towns) expect(units.get(`ou:${t.code}`)?.name).toBe(t.name);
    for (const v of divisions.villages) expect(units.get(`ou:${v.code}`)).toMatchObject({ code: v.code, name: v.name, parentKey: `ou:${v.town}` });
    expect(byType('VILLAGER_GROUP').length).toBeGreaterThan(50);
    expect(county.orgUnits.length).toBeLessThan(600);
  });

  it('keeps merged villages as history', () => {
    const merged = county.orgUnits.filter((u) => u.mergedIntoKey !== null);
    expect(merged.length).toBe(12);
    for (const u of merged) {
      expect(u).toMatchObject({ type: 'VILLAGE', validTo: '2016-06-30', validFrom: '1990-01-01' });
      const kept = units.get(u.mergedIntoKey!)!;
      expect(kept.validTo).toBeNull();
      expect(kept.parentKey).toBe(u.parentKey);
    }
  });

  it('references only existing keys, with unique keys per collection', () => {
    for (const coll of [county.orgUnits, county.partyOrgs, county.people]) expect(new Set(coll.map((x) => x.key)).size).toBe(coll.length);
    for (const u of county.orgUnits) {
      if (u.parentKey !== null) expect(units.has(u.parentKey)).toBe(true);
      expect(u.validFrom <= (u.validTo ?? '9999')).toBe(true);
    }
    for (const o of county.partyOrgs) {
      if (o.parentKey !== null) expect(parties.has(o.parentKey), o.key).toBe(true);
      expect(units.has(o.orgUnitKey)).toBe(true);
      if (o.secretaryPersonKey !== null) expect(people.get(o.secretaryPersonKey)?.isPartyMember, o.key).toBe(true);
    }
    for (const p of county.people) {
      expect(units.has(p.orgUnitKey)).toBe(true);
      if (p.hometownOrgUnitKey !== null) expect(units.has(p.hometownOrgUnitKey)).toBe(true);
      if (p.partyOrgKey !== null) expect(parties.has(p.partyOrgKey)).toBe(true);
      if (p.cadre) expect(units.has(p.cadre.managementAuthorityOrgKey)).toBe(true);
      for (const post of p.posts) {
        const u = units.get(post.orgUnitKey)!;
        expect(u, post.orgUnitKey).toBeDefined();
        expect(post.startDate >= u.validFrom, `${p.key} ${post.title}`).toBe(true);
        if (post.endDate !== null) expect(post.startDate <= post.endDate).toBe(true);
        if (u.validTo !== null) expect(post.endDate !== null && post.endDate <= u.validTo).toBe(true);
        if (p.cadre) expect(post.startDate >= p.cadre.workStartDate, p.key).toBe(true);
      }
      for (const f of p.frontLine) if (f.orgUnitKey !== null) expect(units.has(f.orgUnitKey)).toBe(true);
    }
    for (const k of county.kinship) {
      expect(people.has(k.personKey) && people.has(k.relativeKey)).toBe(true);
      expect(k.personKey).not.toBe(k.relativeKey);
      expect(relationClassOf(k.relationCode)).toBe(k.relation);
    }
    expect(new Set(county.kinship.map((k) => `${k.personKey}/${k.relativeKey}`)).size).toBe(county.kinship.length);
  });

  it('puts Party members in a Party organisation of their own unit or one above it', () => {
    const members = county.people.filter((p) => p.isPartyMember && p.orgUnitKey !== ROOT_KEY);
    expect(members.length).toBeGreaterThan(4000);
    for (const p of members) {
      const org = parties.get(p.partyOrgKey!)!;
      expect(org, p.key).toBeDefined();
      expect(org.dissolvedAt).toBeNull();
      expect(isAncestorOrSelf(org.orgUnitKey, p.orgUnitKey), `${p.key} in ${org.key}`).toBe(true);
      expect(p.partyJoinDate! > p.birthDate && p.partyJoinDate! <= DEMO_REFERENCE_DATE).toBe(true);
    }
  });

  it('has about 900 section-level leaders, ~500 young cadres and plausible people', () => {
    expect(county.people.length).toBeGreaterThanOrEqual(5500);
    expect(county.people.length).toBeLessThanOrEqual(6500);
    const cadres = county.people.filter((p) => p.cadre !== null);
    const section = cadres.filter((p) => p.cadre!.isSectionLevel);
    expect(Math.abs(section.length - 900)).toBeLessThanOrEqual(60);
    for (const p of section) expect(p.cadre!.managementAuthorityOrgKey).toBe(ROOT_KEY);
    const young = cadres.filter((p) => ageAt(p, DEMO_REFERENCE_DATE) < 30);
    expect(young.length).toBeGreaterThan(400);
    expect(young.length).toBeLessThan(600);
    for (const p of cadres) {
      expect(ageAt(p, DEMO_REFERENCE_DATE)).toBeGreaterThanOrEqual(22);
      expect(ageAt(p, DEMO_REFERENCE_DATE)).toBeLessThanOrEqual(59);
    }
    const female = cadres.filter((p) => p.gender === 'F').length / cadres.length;
    expect(female).toBeGreaterThan(0.22);
    expect(female).toBeLessThan(0.38);
    expect(county.people.filter((p) => p.ethnicityCode !== '01').length).toBeGreaterThan(10);
    expect(county.people.filter((p) => current(p).length >= 2).length).toBeGreaterThan(50);
    expect(county.people.filter((p) => p.posts.some((x) => x.endDate !== null)).length).toBeGreaterThan(500);
    expect(county.people.filter((p) => p.frontLine.length > 0).length).toBeGreaterThan(50);
    expect(county.partyOrgs.filter((o) => o.type === 'TEMPORARY_BRANCH' && o.hostKind === 'PROJECT')).toHaveLength(22);
    expect(county.kinship.length).toBeGreaterThanOrEqual(150);
    for (const p of county.people) expect(p.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
  });

  it('gives everyone a valid, unique ID number matching birth date and gender, and unique phones', () => {
    const ids = new Set<string>();
    for (const p of county.people) {
      const r = validateIdNumber(p.idNumber, DEMO_REFERENCE_DATE);
      expect(r, p.idNumber).toMatchObject({ ok: true, birthDate: p.birthDate, gender: p.gender });
      ids.add(p.idNumber);
    }
    expect(ids.size).toBe(county.people.length);
    const phones = county.people.flatMap((p) => (p.phone ? [p.phone] : []));
    for (const phone of phones) expect(phone).toMatch(/^1[3-9]\d{9}$/);
    expect(new Set(phones).size).toBe(phones.length);
  });

  it('has one demo account per role, bound to people holding the matching posts', () => {
    expect(county.accounts.map((a) => a.role).sort()).toEqual([...ROLES].sort());
    expect(new Set(county.accounts.map((a) => a.username)).size).toBe(ROLES.length);
    const acc = (role: string) => county.accounts.find((a) => a.role === role)!;
    for (const a of county.accounts) {
      expect(a.username).toMatch(/^[a-z][a-z.]*$/);
      if (a.personKey !== null) expect(people.has(a.personKey)).toBe(true);
      if (a.scopeOrgUnitKey !== null) expect(units.has(a.scopeOrgUnitKey)).toBe(true);
    }
    // SYS_ADMIN manages the structure county-wide but has no person and no people permission (policy.ts).
    expect(acc('SYS_ADMIN')).toMatchObject({ personKey: null, scopeOrgUnitKey: 'ou:430121' });
    expect(acc('AUDITOR')).toMatchObject({ personKey: null, scopeOrgUnitKey: ROOT_KEY });
    const holds = (role: string, unitKey: string, title: string) =>
      expect(current(people.get(acc(role).personKey!)!).some((x) => x.orgUnitKey === unitKey && x.title === title), role).toBe(true);
    holds('COUNTY_SECRETARY', ROOT_KEY, '县委书记');
    holds('COUNTY_SECRETARY', DEV_ZONE_KEY, '党工委书记');
    const orgDept = county.orgUnits.find((u) => u.shortName === '县委组织部')!.key;
    holds('ORG_HEAD', orgDept, '部长');
    holds('ORG_CADRE_SECTION', orgDept, '干部科科长');
    holds('ORG_SUPERVISION_SECTION', orgDept, '干部监督科科长');
    holds('ORG_GRASSROOTS_SECTION', orgDept, '组织科科长');
    holds('DISCIPLINE_COMMISSION', county.orgUnits.find((u) => u.shortName === '县纪委')!.key, '副书记');
    holds('TOWN_SECRETARY', 'ou:430121105', '党委书记');
    expect(acc('TOWN_SECRETARY').scopeOrgUnitKey).toBeNull();
    holds('TOWN_ORG_MEMBER', 'ou:430121104', '组织委员');
    expect(acc('TOWN_ORG_MEMBER').scopeOrgUnitKey).toBe('ou:430121104');
    const village = people.get(acc('VILLAGE_SECRETARY').personKey!)!;
    expect(units.get(village.orgUnitKey)!.parentKey).toBe('ou:430121105');
    expect(current(village).some((x) => x.isPrincipal && x.title.includes('书记'))).toBe(true);
    const self = people.get(acc('CADRE_SELF').personKey!)!;
    expect(self.cadre).toMatchObject({ isSectionLevel: false });
    expect(acc('CADRE_SELF').scopeOrgUnitKey).toBeNull();
    for (const role of ['ORG_HEAD', 'ORG_CADRE_SECTION', 'ORG_SUPERVISION_SECTION', 'ORG_GRASSROOTS_SECTION', 'DISCIPLINE_COMMISSION', 'COUNTY_SECRETARY']) {
      expect(acc(role).scopeOrgUnitKey).toBe(ROOT_KEY);
    }
  });
});
