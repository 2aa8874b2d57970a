/**
 * Deterministic generator of the demo county (SPEC §5, Changsha County on the 2016 timeline) as plain objects.
 * No database access, no Math.random, no clock: the same seed gives identical output.
 *
 * Scale (a sample, not the real county): ~400 org units, ~545 Party organisations (the real county has 1,031:
 * the demo targets a few hundred, enough for every tree level), ~5,600 people: 12 county leaders, ~890
 * section-level leaders, ~1,060 town organ and organisation-department staff, ~900 village cadres (not cadres in
 * the civil-service sense: `cadre` is null) and ~2,800 ordinary Party members in villages and communities.
 * Ages, "young" (< 30) and current posts refer to DEMO_REFERENCE_DATE.
 * Real: the county, the 18 towns/streets and 197 villages/communities (GB/T 2260 + statistical codes),
 * 星沙产业基地 and 黄花综合保税区. Fictional: every person, the other parks, project sites and merged villages.
 */
import type { FrontLineKind, KinshipRelation, OrgUnitType, PartyHostKind, PartyOrgType, RankLevel, Role } from '../../../contracts/enums.ts';
import { makeIdNumber } from '../../platform/id-number.ts';
import { relationClassOf } from './catalogs.ts';
import divisions from './data/changsha-county-divisions.json' with { type: 'json' };
import {
  COUNTY_LEADERS, DEPARTMENTS, DEV_ZONE_TEAM, GIVEN_FEMALE, GIVEN_MALE, GIVEN_NEUTRAL, HUNAN_REGIONS, MERGED_VILLAGES, MINORITY_REGIONS,
  ORDINALS, ORG_DEPT_STAFF, PARKS, PHONE_PREFIXES, PROJECT_SITES, SPECIALTIES, SURNAMES, TOWN_STAFF_TITLES, TOWN_TEAM,
} from './demo-county.data.ts';

export type DemoOrgUnit = { key: string; parentKey: string | null; code: string | null; name: string; shortName: string | null; type: OrgUnitType; validFrom: string; validTo: string | null; mergedIntoKey: string | null; sortOrder: number };
export type DemoPartyOrg = { key: string; parentKey: string | null; name: string; type: PartyOrgType; hostKind: PartyHostKind; orgUnitKey: string; secretaryPersonKey: string | null; foundedAt: string; dissolvedAt: string | null };
export type DemoPost = { orgUnitKey: string; title: string; rankLevel: RankLevel | null; isLeadership: boolean; isPrincipal: boolean; startDate: string; endDate: string | null };
export type DemoCadre = { rankLevel: RankLevel; managementAuthorityOrgKey: string; workStartDate: string; educationCode: string; degreeCode: string | null; specialty: string | null; isSectionLevel: boolean };
/** `orgUnitKey` (where the front-line work happened) is an addition to the brief's shape; it may be null. */
export type DemoFrontLine = { kind: FrontLineKind; description: string; orgUnitKey: string | null; startDate: string; endDate: string | null };
export type DemoPerson = {
  key: string; name: string; gender: 'M' | 'F'; birthDate: string; ethnicityCode: string; idNumber: string; phone: string | null; orgUnitKey: string;
  hometownOrgUnitKey: string | null; isPartyMember: boolean; partyJoinDate: string | null; partyOrgKey: string | null;
  cadre: DemoCadre | null; posts: DemoPost[]; frontLine: DemoFrontLine[];
};
export type DemoKinship = { personKey: string; relativeKey: string; relation: KinshipRelation; relationCode: string };
export type DemoAccount = { role: Role; username: string; displayName: string; personKey: string | null; scopeOrgUnitKey: string | null };
export type DemoCounty = { orgUnits: DemoOrgUnit[]; partyOrgs: DemoPartyOrg[]; people: DemoPerson[]; kinship: DemoKinship[]; accounts: DemoAccount[] };

/** Ages, "current" posts and the young-cadre count refer to this date (the 2016 term-change campaign). */
export const DEMO_REFERENCE_DATE = '2016-06-30';
export const DEFAULT_DEMO_SEED = 20161031;
export const ROOT_KEY = 'ou:430121';
export const DEV_ZONE_KEY = 'ou:devzone';

type Divisions = { county: { code: string; name: string }; towns: { code: string; name: string }[]; villages: { code: string; name: string; town: string; kind: string }[] };
const DIV = divisions as Divisions;
const REF = DEMO_REFERENCE_DATE;
const FOUNDED = '1990-01-01';

// ---------- seeded randomness and dates ----------

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY_MS = 86_400_000;
const toDays = (date: string): number => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
const fromDays = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);
const addDays = (date: string, n: number): string => fromDays(toDays(date) + n);
function addYears(date: string, n: number): string {
  const y = String(Number(date.slice(0, 4)) + n).padStart(4, '0');
  return date.slice(5) === '02-29' ? `${y}-02-28` : `${y}${date.slice(4)}`;
}
const maxDate = (a: string, b: string): string => (a > b ? a : b);

/** Seeded random choices for the demo county (and the bench's scale data): same seed, same data. */
export class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let r = this.next() * items.reduce((s, [, w]) => s + w, 0);
    for (const [v, w] of items) if ((r -= w) < 0) return v;
    return items[items.length - 1]![0];
  }
  shuffle<T>(items: readonly T[]): T[] {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  }
  date(from: string, to: string): string {
    return fromDays(this.int(toDays(from), toDays(to)));
  }
}

// ---------- builder ----------

type Village = { key: string; code: string; name: string; kind: 'VILLAGE' | 'COMMUNITY'; townKey: string; partyKey: string; leafKeys: string[]; groupKeys: string[]; general: boolean; old: { key: string; partyKey: string } | null };
type Town = { key: string; code: string; name: string; short: string; street: boolean; partyKey: string; organKeys: string[]; villages: Village[]; team: Map<string, string> };
type Dept = { key: string; name: string; shortName: string; head: string; deputy: string; branchKey: string; groupKey: string | null; leaders: string[] };
type NewPerson = { orgUnitKey: string; ageMin: number; ageMax: number; female: number; native?: number; hometownKey?: string | null; phone?: number; party?: number; partyOrgKey?: string | null };

const EDU_LEADER: [string, number][] = [['21', 55], ['14', 28], ['31', 14], ['11', 3]];
const EDU_STAFF: [string, number][] = [['21', 58], ['31', 28], ['14', 9], ['41', 5]];
const DEGREE_OF: Record<string, string> = { '11': '2', '14': '3', '21': '4' };
const STUDY_YEARS: Record<string, number> = { '11': 28, '14': 25, '21': 22, '31': 21, '41': 19 };

class CountyBuilder {
  readonly rng: Rng;
  readonly orgUnits: DemoOrgUnit[] = [];
  readonly partyOrgs: DemoPartyOrg[] = [];
  readonly people: DemoPerson[] = [];
  readonly kinship: DemoKinship[] = [];
  readonly towns: Town[] = [];
  readonly depts: Dept[] = [];
  readonly parks: { key: string; name: string; partyKey: string; organKey: string }[] = [];
  readonly surname = new Map<string, string>();
  readonly byKey = new Map<string, DemoPerson>();
  readonly partyOrgByKey = new Map<string, DemoPartyOrg>();
  readonly ids = new Set<string>();
  readonly phones = new Set<string>();
  readonly named = new Map<string, string>(); // account anchors
  countyOrganBranch = '';

  constructor(seed: number) {
    this.rng = new Rng(seed);
  }

  unit(u: Omit<DemoOrgUnit, 'validTo' | 'mergedIntoKey' | 'sortOrder' | 'validFrom'> & Partial<DemoOrgUnit>): string {
    this.orgUnits.push({ validFrom: FOUNDED, validTo: null, mergedIntoKey: null, sortOrder: this.orgUnits.length * 10, ...u });
    return u.key;
  }

  party(p: Omit<DemoPartyOrg, 'secretaryPersonKey' | 'dissolvedAt' | 'foundedAt'> & Partial<DemoPartyOrg>): string {
    const org: DemoPartyOrg = { secretaryPersonKey: null, dissolvedAt: null, foundedAt: FOUNDED, ...p };
    this.partyOrgs.push(org);
    this.partyOrgByKey.set(org.key, org);
    return p.key;
  }

  secretary(partyKey: string | null, personKey: string): void {
    const org = partyKey ? this.partyOrgByKey.get(partyKey) : undefined;
    if (org && org.secretaryPersonKey === null && this.byKey.get(personKey)?.isPartyMember) org.secretaryPersonKey = personKey;
  }

  // ----- administrative and Party trees -----

  buildTrees(): void {
    const { rng } = this;
    this.unit({ key: ROOT_KEY, parentKey: null, code: DIV.county.code, name: DIV.county.name, shortName: null, type: 'COUNTY' });
    this.unit({ key: DEV_ZONE_KEY, parentKey: ROOT_KEY, code: null, name: '长沙经济技术开发区', shortName: '经开区', type: 'DEV_ZONE', validFrom: '1992-08-01' });
    this.party({ key: 'po:county', parentKey: null, name: '中共长沙县委员会', type: 'PARTY_COMMITTEE', hostKind: 'ORG_UNIT', orgUnitKey: ROOT_KEY, foundedAt: '1949-10-01' });
    this.party({ key: 'po:devzone', parentKey: 'po:county', name: '中共长沙经济技术开发区工作委员会', type: 'WORKING_COMMITTEE', hostKind: 'ORG_UNIT', orgUnitKey: DEV_ZONE_KEY, foundedAt: '1992-08-01' });
    this.party({ key: 'po:devzone:organ', parentKey: 'po:devzone', name: '中共长沙经济技术开发区机关支部委员会', type: 'BRANCH', hostKind: 'ORG_UNIT', orgUnitKey: DEV_ZONE_KEY, foundedAt: '1992-10-01' });

    DEPARTMENTS.forEach((d, i) => {
      const n = String(i + 1).padStart(2, '0');
      const key = this.unit({ key: `ou:dept:${n}`, parentKey: ROOT_KEY, code: null, name: d.name, shortName: d.shortName, type: 'COUNTY_DEPT' });
      this.depts.push({ key, name: d.name, shortName: d.shortName, head: d.head, deputy: d.deputy, branchKey: `po:dept:${n}:branch`, groupKey: d.partyGroup ? `po:dept:${n}:group` : null, leaders: [] });
    });
    const organsDept = this.depts[DEPARTMENTS.findIndex((d) => d.shortName === '县直机关工委')]!;
    this.party({ key: 'po:organs', parentKey: 'po:county', name: '中共长沙县直属机关工作委员会', type: 'WORKING_COMMITTEE', hostKind: 'ORG_UNIT', orgUnitKey: organsDept.key, foundedAt: '1984-05-01' });
    for (const d of this.depts) {
      if (d.groupKey) this.party({ key: d.groupKey, parentKey: 'po:county', name: `中共${d.name}党组`, type: 'PARTY_GROUP', hostKind: 'ORG_UNIT', orgUnitKey: d.key });
      this.party({ key: d.branchKey, parentKey: 'po:organs', name: `中共${d.name.replace(/^中共/, '')}机关支部委员会`, type: 'BRANCH', hostKind: 'ORG_UNIT', orgUnitKey: d.key });
    }
    this.countyOrganBranch = this.depts[0]!.branchKey;

    PARKS.forEach(([name, shortName, inZone, validFrom], i) => {
      const key = this.unit({ key: `ou:park:${i + 1}`, parentKey: inZone ? DEV_ZONE_KEY : ROOT_KEY, code: null, name, shortName, type: 'PARK', validFrom });
      const partyKey = this.party({ key: `po:park:${i + 1}`, parentKey: inZone ? 'po:devzone' : 'po:county', name: `中共${name}工作委员会`, type: 'WORKING_COMMITTEE', hostKind: 'PARK', orgUnitKey: key, foundedAt: validFrom });
      const organKey = this.party({ key: `po:park:${i + 1}:organ`, parentKey: partyKey, name: `中共${name}机关支部委员会`, type: 'BRANCH', hostKind: 'PARK', orgUnitKey: key, foundedAt: validFrom });
      this.parks.push({ key, name, partyKey, organKey });
    });

    const mergedKept = new Set(MERGED_VILLAGES.map(([t, kept]) => `${t}/${kept}`));
    for (const t of DIV.towns) {
      const street = t.name.endsWith('街道');
      const key = this.unit({ key: `ou:${t.code}`, parentKey: ROOT_KEY, code: t.code, name: t.name, shortName: t.name.replace(/(镇|街道)$/, ''), type: street ? 'STREET' : 'TOWN' });
      const partyKey = this.party({
        key: `po:${t.code}`, parentKey: 'po:county', name: `中共长沙县${t.name}${street ? '工作委员会' : '委员会'}`,
        type: street ? 'WORKING_COMMITTEE' : 'PARTY_COMMITTEE', hostKind: 'ORG_UNIT', orgUnitKey: key,
      });
      const organKeys = [1, 2].map((k) => this.party({ key: `po:${t.code}:organ${k}`, parentKey: partyKey, name: `中共长沙县${t.name}机关第${ORDINALS[k - 1]}支部委员会`, type: 'BRANCH', hostKind: 'ORG_UNIT', orgUnitKey: key }));
      this.towns.push({ key, code: t.code, name: t.name, short: t.name.replace(/(镇|街道)$/, ''), street, partyKey, organKeys, villages: [], team: new Map() });
    }
    const townByCode = new Map(this.towns.map((t) => [t.code, t]));
    const generalPool = rng.shuffle(DIV.villages.filter((v) => !mergedKept.has(`${v.town}/${v.name}`))).slice(0, 40);
    const general = new Set([...generalPool.map((v) => v.code), ...DIV.villages.filter((v) => mergedKept.has(`${v.town}/${v.name}`)).map((v) => v.code)]);
    for (const v of DIV.villages) {
      const town = townByCode.get(v.town)!;
      const kind = v.kind === 'COMMUNITY' ? 'COMMUNITY' : 'VILLAGE';
      const key = this.unit({ key: `ou:${v.code}`, parentKey: town.key, code: v.code, name: v.name, shortName: null, type: kind });
      const base = `中共${town.name}${v.name.replace(/(居民)?委员会$/, '')}`;
      const isGeneral = general.has(v.code);
      const partyKey = this.party({ key: `po:${v.code}`, parentKey: town.partyKey, name: `${base}${isGeneral ? '总支部委员会' : '支部委员会'}`, type: isGeneral ? 'GENERAL_BRANCH' : 'BRANCH', hostKind: 'ORG_UNIT', orgUnitKey: key });
      const leafKeys = isGeneral
        ? Array.from({ length: rng.int(2, 3) }, (_, k) => this.party({ key: `po:${v.code}:b${k + 1}`, parentKey: partyKey, name: `${base}第${ORDINALS[k]}支部委员会`, type: 'BRANCH', hostKind: 'ORG_UNIT', orgUnitKey: key }))
        : [partyKey];
      town.villages.push({ key, code: v.code, name: v.name, kind, townKey: town.key, partyKey, leafKeys, groupKeys: [], general: isGeneral, old: null });
    }
    // 2016 village mergers (并村): the old village closes on 2016-06-30 and points at the village it joined.
    MERGED_VILLAGES.forEach(([townCode, keptName, oldName], i) => {
      const town = townByCode.get(townCode)!;
      const kept = town.villages.find((v) => v.name === keptName)!;
      const n = String(i + 1).padStart(2, '0');
      const key = this.unit({ key: `ou:hist:${n}`, parentKey: town.key, code: null, name: oldName, shortName: null, type: 'VILLAGE', validTo: '2016-06-30', mergedIntoKey: kept.key });
      const partyKey = this.party({ key: `po:hist:${n}`, parentKey: town.partyKey, name: `中共${town.name}${oldName}支部委员会`, type: 'BRANCH', hostKind: 'ORG_UNIT', orgUnitKey: key, dissolvedAt: '2016-06-30' });
      kept.old = { key, partyKey };
    });
    // Villager groups (the 4th WeChat level) under a sample of villages.
    const villages = this.towns.flatMap((t) => t.villages).filter((v) => v.kind === 'VILLAGE');
    for (const v of rng.shuffle(villages).slice(0, 20)) {
      const count = rng.int(3, 8);
      for (let g = 0; g < count; g++) {
        v.groupKeys.push(this.unit({ key: `${v.key}:g${g + 1}`, parentKey: v.key, code: null, name: `第${ORDINALS[g]}村民小组`, shortName: null, type: 'VILLAGER_GROUP' }));
      }
    }
    // Temporary branches at the 22 key project sites.
    PROJECT_SITES.forEach(([site, host], i) => {
      const park = typeof host === 'number' ? this.parks[host]! : null;
      const town = typeof host === 'string' ? townByCode.get(host)! : null;
      this.party({
        key: `po:temp:${String(i + 1).padStart(2, '0')}`, parentKey: park ? park.partyKey : town!.partyKey, name: `${site}临时党支部`, type: 'TEMPORARY_BRANCH',
        hostKind: 'PROJECT', orgUnitKey: park ? park.key : town!.key, foundedAt: rng.date('2014-03-01', '2016-05-31'),
      });
    });
  }

  // ----- people -----

  uniqueIdNumber(region: string, birthDate: string, gender: 'M' | 'F'): string {
    for (;;) {
      let seq = this.rng.int(1, 999);
      if ((seq % 2 === 1) !== (gender === 'M')) seq = seq === 999 ? 998 : seq + 1;
      const id = makeIdNumber(region, birthDate, seq);
      if (!this.ids.has(id)) {
        this.ids.add(id);
        return id;
      }
    }
  }

  uniquePhone(): string {
    for (;;) {
      const phone = this.rng.pick(PHONE_PREFIXES) + String(this.rng.int(0, 99_999_999)).padStart(8, '0');
      if (!this.phones.has(phone)) {
        this.phones.add(phone);
        return phone;
      }
    }
  }

  person(o: NewPerson): DemoPerson {
    const { rng } = this;
    const gender = rng.chance(o.female) ? 'F' : 'M';
    const surname = rng.weighted(SURNAMES);
    const own = gender === 'M' ? GIVEN_MALE : GIVEN_FEMALE;
    const given = rng.chance(0.22) ? rng.pick(own) : rng.pick(rng.chance(0.5) ? own : GIVEN_NEUTRAL) + rng.pick(own);
    const age = rng.int(o.ageMin, o.ageMax);
    const birthDate = rng.date(addDays(addYears(REF, -(age + 1)), 1), addYears(REF, -age));
    const ethnicityCode = rng.weighted([['01', 970], ['15', 20], ['06', 10]] as const);
    const native = ethnicityCode === '01' && rng.chance(o.native ?? 0.7);
    const region = ethnicityCode !== '01' ? rng.pick(MINORITY_REGIONS) : native ? '430121' : rng.pick(HUNAN_REGIONS);
    const isPartyMember = rng.chance(o.party ?? 0);
    const joinAge = rng.int(18, Math.max(18, Math.min(35, age - 1)));
    const p: DemoPerson = {
      key: `p:${String(this.people.length + 1).padStart(6, '0')}`, name: surname + given, gender, birthDate, ethnicityCode,
      idNumber: this.uniqueIdNumber(region, birthDate, gender), phone: rng.chance(o.phone ?? 1) ? this.uniquePhone() : null, orgUnitKey: o.orgUnitKey,
      hometownOrgUnitKey: native ? (o.hometownKey !== undefined ? o.hometownKey : rng.pick(this.towns).key) : null,
      isPartyMember, partyJoinDate: isPartyMember ? minDate(addDays(addYears(birthDate, joinAge), rng.int(0, 300)), addDays(REF, -30)) : null,
      partyOrgKey: isPartyMember ? (o.partyOrgKey ?? null) : null, cadre: null, posts: [], frontLine: [],
    };
    this.people.push(p);
    this.byKey.set(p.key, p);
    this.surname.set(p.key, surname);
    return p;
  }

  makeCadre(p: DemoPerson, rank: RankLevel, authority: string, sectionLevel: boolean, edu: [string, number][]): DemoCadre {
    const educationCode = this.rng.weighted(edu);
    let workStartDate = addDays(addYears(p.birthDate, STUDY_YEARS[educationCode] ?? 22), this.rng.int(0, 120));
    if (workStartDate > addDays(REF, -60)) workStartDate = addDays(REF, -this.rng.int(60, 400));
    p.cadre = { rankLevel: rank, managementAuthorityOrgKey: authority, workStartDate, educationCode, degreeCode: DEGREE_OF[educationCode] ?? null, specialty: this.rng.pick(SPECIALTIES), isSectionLevel: sectionLevel };
    return p.cadre;
  }

  post(p: DemoPerson, orgUnitKey: string, title: string, rankLevel: RankLevel | null, isLeadership: boolean, isPrincipal: boolean, startDate: string, endDate: string | null = null): void {
    p.posts.push({ orgUnitKey, title, rankLevel, isLeadership, isPrincipal, startDate, endDate });
  }

  /** Current-post start: a third started with the 2016 term change, the rest earlier; never before work started. */
  currentStart(p: DemoPerson, termChange = 0.33): string {
    const from = addDays(p.cadre!.workStartDate, 30);
    const d = this.rng.chance(termChange) ? this.rng.date('2016-01-10', '2016-05-31') : this.rng.date('2010-06-01', '2015-12-31');
    return d < from ? minDate(from, REF) : d;
  }

  /** 0-2 earlier, ended posts (promotion chain or exchange between towns and departments), never before 1990. */
  history(p: DemoPerson, start: string, rank: RankLevel, sameTitle: string | null): void {
    const { rng } = this;
    const current = this.towns.find((t) => t.key === p.orgUnitKey);
    const townPool = this.towns.filter((t) => t.key !== p.orgUnitKey && (!current || t.street === current.street));
    let end = addDays(start, -1);
    const n = rng.weighted([[0, 30], [1, 42], [2, 28]] as const);
    for (let i = 0; i < n; i++) {
      const begin = addDays(addYears(end, -rng.int(2, 5)), rng.int(-90, 90));
      if (begin < p.cadre!.workStartDate || begin < FOUNDED) break;
      const inTown = rng.chance(0.6);
      const town = rng.pick(townPool);
      const dept = rng.pick(this.depts);
      const unitKey = inTown ? town.key : dept.key;
      let title: string;
      let r: RankLevel | null;
      if (i === 0 && sameTitle !== null && inTown && rng.chance(0.4)) [title, r] = [sameTitle, rank]; // exchanged (交流)
      else if ((rank === 'COUNTY' || rank === 'DEPUTY_COUNTY') && i === 0) [title, r] = [inTown ? townTitle(town, '党委书记') : dept.head, 'SECTION'];
      else if (rank !== 'CLERK' && rank !== 'DEPUTY_SECTION' && i <= 1) [title, r] = [inTown ? townTitle(town, rng.pick(['党委副书记', '副镇长', '组织委员', '纪委书记', '宣传委员'])) : dept.deputy, 'DEPUTY_SECTION'];
      else [title, r] = [inTown ? rng.pick(TOWN_STAFF_TITLES) : rng.pick(['办公室主任', '科员', '股长']), rng.chance(0.5) ? 'CLERK' : null];
      this.post(p, unitKey, title, r, r !== null && r !== 'CLERK', false, begin, end);
      end = addDays(begin, -1);
    }
    p.posts.sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0));
  }

  /** A section-level leader; principals and Party or discipline posts are always held by Party members. */
  leader(unitKey: string, partyOrgKey: string, rank: RankLevel, principal: boolean, female: number, title: string, partyDept = false): DemoPerson {
    const party = principal || partyDept || /书记|纪|组织|宣传|党|政法|政治|武装|人大/.test(title) ? 1 : 0.9;
    const young = rank === 'DEPUTY_SECTION' && this.rng.chance(0.06);
    const p = this.person({ orgUnitKey: unitKey, ageMin: young ? 27 : principal ? 36 : 31, ageMax: young ? 29 : principal ? 54 : 55, female, party, partyOrgKey });
    this.makeCadre(p, rank, ROOT_KEY, true, EDU_LEADER);
    return p;
  }

  buildLeaders(): void {
    const { rng } = this;
    const unitOf = (ref: string): string => (ref === 'ROOT' ? ROOT_KEY : ref === 'DEV_ZONE' ? DEV_ZONE_KEY : this.depts[Number(ref.slice(5))]!.key);
    // County leaders (managed by the city Party committee; the county root stands in as their authority).
    COUNTY_LEADERS.forEach((l, i) => {
      const p = this.person({ orgUnitKey: ROOT_KEY, ageMin: 42, ageMax: 54, female: 0.12, party: 1, partyOrgKey: this.countyOrganBranch });
      this.makeCadre(p, l.rank, ROOT_KEY, false, [['14', 60], ['11', 15], ['21', 25]]);
      const start = rng.date('2012-01-01', '2016-03-31');
      for (const [ref, title, principal] of l.posts) this.post(p, unitOf(ref), title, l.rank, true, principal, start);
      this.history(p, start, l.rank, null);
      if (i === 0) this.named.set('COUNTY_SECRETARY', p.key);
      if (l.posts.some(([ref]) => ref === 'DEPT:1')) this.named.set('ORG_HEAD', p.key);
    });
    this.secretary('po:county', this.named.get('COUNTY_SECRETARY')!);
    this.secretary('po:devzone', this.named.get('COUNTY_SECRETARY')!);

    // Town and street teams: 12 each; the 镇长 is also 党委副书记, and some secretaries also chair the people's congress.
    for (const t of this.towns) {
      const slots = TOWN_TEAM.map(([town, street, rank, principal]) => ({ title: t.street ? street : town, rank, principal }));
      const secretaryChairs = !t.street && rng.chance(0.35);
      if (secretaryChairs) slots.splice(3, 1, { title: '副镇长', rank: 'DEPUTY_SECTION', principal: false });
      slots.forEach((s, i) => {
        const p = this.leader(t.key, t.organKeys[i % 2]!, s.rank, s.principal, s.principal ? 0.1 : 0.22, s.title);
        const start = this.currentStart(p);
        this.post(p, t.key, s.title, s.rank, true, s.principal, start);
        if (i === 0 && secretaryChairs) this.post(p, t.key, '人大主席', s.rank, true, false, start);
        if (i === 1) this.post(p, t.key, t.street ? '党工委副书记' : '党委副书记', s.rank, true, false, start);
        this.history(p, start, s.rank, s.title);
        if (!t.team.has(s.title)) t.team.set(s.title, p.key);
        if (rng.chance(0.4)) this.frontLine(p, t);
      });
      this.secretary(t.partyKey, t.team.get(t.street ? '党工委书记' : '党委书记')!);
      this.secretary(t.organKeys[0]!, t.team.get(t.street ? '党工委副书记' : '党委副书记')!);
      this.secretary(t.organKeys[1]!, t.team.get('组织委员')!);
    }

    // County departments: principal (unless a county leader heads it), Party group, discipline inspector, deputies.
    DEPARTMENTS.forEach((seed, i) => {
      const dept = this.depts[i]!;
      const slots: { title: string; rank: RankLevel; principal: boolean }[] = [];
      if (!seed.headIsCountyLeader) slots.push({ title: seed.head, rank: 'SECTION', principal: true });
      const separateSecretary = seed.partyGroup && !seed.headIsCountyLeader && rng.chance(0.3);
      if (separateSecretary) slots.push({ title: '党组书记', rank: 'SECTION', principal: true });
      for (const extra of seed.extras ?? []) slots.push({ title: extra, rank: extra.startsWith('总') ? 'DEPUTY_SECTION' : 'SECTION', principal: false });
      if (seed.partyGroup) slots.push({ title: '派驻纪检组组长', rank: 'DEPUTY_SECTION', principal: false });
      while (slots.length < seed.leaders) slots.push({ title: seed.deputy, rank: 'DEPUTY_SECTION', principal: false });
      slots.forEach((s, k) => {
        const p = this.leader(dept.key, dept.branchKey, s.rank, s.principal, 0.26, s.title, seed.kind === 'PARTY' || k === slots.length - 1);
        const start = this.currentStart(p, 0.15);
        this.post(p, dept.key, s.title, s.rank, true, s.principal, start);
        if (k === 0 && seed.partyGroup && !seed.headIsCountyLeader) this.post(p, dept.key, separateSecretary ? '党组副书记' : '党组书记', s.rank, true, !separateSecretary, start);
        if (s.title === '党组书记' || (k === 0 && seed.partyGroup && !separateSecretary && !seed.headIsCountyLeader)) this.secretary(dept.groupKey, p.key);
        if (k === slots.length - 1) this.secretary(dept.branchKey, p.key);
        this.history(p, start, s.rank, null);
        dept.leaders.push(p.key);
      });
    });

    // Development zone and parks.
    for (const [title, rank] of DEV_ZONE_TEAM) {
      const p = this.leader(DEV_ZONE_KEY, 'po:devzone:organ', rank, false, 0.2, title);
      const start = this.currentStart(p, 0.15);
      this.post(p, DEV_ZONE_KEY, title, rank, true, false, start);
      this.history(p, start, rank, null);
      this.secretary('po:devzone:organ', p.key);
    }
    for (const park of this.parks) {
      ['管委会主任', '管委会副主任', '管委会副主任'].forEach((title, k) => {
        const rank: RankLevel = k === 0 ? 'SECTION' : 'DEPUTY_SECTION';
        const p = this.leader(park.key, park.organKey, rank, k === 0, 0.2, title);
        const start = maxDate(this.currentStart(p, 0.15), '2011-01-01');
        this.post(p, park.key, title, rank, true, k === 0, start);
        if (k === 0) this.post(p, park.key, '党工委书记', rank, true, true, start);
        this.history(p, start, rank, null);
        this.secretary(k === 0 ? park.partyKey : park.organKey, p.key);
      });
    }
    for (const org of this.partyOrgs) {
      if (org.type !== 'TEMPORARY_BRANCH') continue;
      const town = this.towns.find((t) => t.key === org.orgUnitKey);
      if (town) org.secretaryPersonKey = rng.pick([...town.team.values()].slice(2).filter((k) => this.byKey.get(k)!.isPartyMember));
    }
  }

  frontLine(p: DemoPerson, t: Town): void {
    const { rng } = this;
    const kind = rng.weighted([['ECONOMY', 30], ['PROJECT', 30], ['LAND_DEMOLITION', 25], ['STABILITY', 15]] as const);
    if (t.code === '430121105' && kind === 'LAND_DEMOLITION') {
      p.frontLine.push({ kind, description: '黄花综合保税区征地拆迁（100 天完成 1,800 亩、163 户）', orgUnitKey: this.parks[1]!.key, startDate: '2016-03-01', endDate: '2016-06-10' });
      return;
    }
    const startDate = rng.date('2012-03-01', '2016-04-30');
    const endDate = rng.chance(0.6) ? minDate(addDays(startDate, rng.int(90, 700)), REF) : null;
    const description = {
      ECONOMY: `${t.short}招商引资与产业项目服务专班`,
      PROJECT: `${rng.pick(PROJECT_SITES.filter(([, host]) => host === t.code || typeof host === 'number'))[0]}建设指挥部`,
      LAND_DEMOLITION: `${t.name}重点项目征地拆迁`,
      STABILITY: `${t.name}信访维稳与积案化解专班`,
    }[kind];
    p.frontLine.push({ kind, description, orgUnitKey: t.key, startDate, endDate });
  }

  buildStaff(): void {
    const { rng } = this;
    // Organisation department staff (the section accounts bind to them).
    const orgDept = this.depts[1]!;
    ORG_DEPT_STAFF.forEach(([title, rank], i) => {
      const p = this.person({ orgUnitKey: orgDept.key, ageMin: rank === 'CLERK' ? 24 : 30, ageMax: rank === 'CLERK' ? 32 : 45, female: 0.4, party: 1, partyOrgKey: orgDept.branchKey });
      this.makeCadre(p, rank, orgDept.key, false, EDU_STAFF);
      const start = this.currentStart(p, 0.2);
      this.post(p, orgDept.key, title, rank, false, false, start);
      this.history(p, start, 'CLERK', null);
      if (i === 0) this.named.set('ORG_CADRE_SECTION', p.key);
      if (i === 2) this.named.set('ORG_SUPERVISION_SECTION', p.key);
      if (i === 4) this.named.set('ORG_GRASSROOTS_SECTION', p.key);
    });
    const discipline = this.depts[DEPARTMENTS.findIndex((d) => d.shortName === '县纪委')]!;
    this.named.set('DISCIPLINE_COMMISSION', discipline.leaders.find((k) => this.byKey.get(k)!.posts.some((x) => x.title === '副书记' && x.endDate === null))!);

    // Town organ staff: about 60 per town, ~40% under 30; young ones often served as 大学生村官 first.
    for (const t of this.towns) {
      const count = t.street ? rng.int(45, 62) : rng.int(52, 70);
      for (let i = 0; i < count; i++) {
        const young = rng.chance(0.42);
        const p = this.person({ orgUnitKey: t.key, ageMin: young ? 22 : 30, ageMax: young ? 29 : 59, female: 0.38, party: 0.72, partyOrgKey: t.organKeys[i % 2]! });
        const rank: RankLevel = rng.chance(young ? 0.05 : 0.35) ? 'DEPUTY_SECTION' : 'CLERK';
        this.makeCadre(p, rank, t.key, false, EDU_STAFF);
        const start = this.currentStart(p, 0.1);
        this.post(p, t.key, rng.pick(TOWN_STAFF_TITLES), rank, false, false, start);
        if (young && t.villages.length > 0 && rng.chance(0.4)) {
          const begin = addDays(start, -rng.int(500, 1100));
          if (begin >= p.cadre!.workStartDate) this.post(p, rng.pick(t.villages).key, '大学生村官（村主任助理）', null, false, false, begin, addDays(start, -1));
          p.posts.reverse();
        } else if (!young) this.history(p, start, 'CLERK', null);
        if (t.code === '430121105' && rank === 'CLERK' && !this.named.has('CADRE_SELF')) this.named.set('CADRE_SELF', p.key);
        else if (t.code === '430121105' && rank === 'CLERK' && !this.named.has('HANDLER')) this.named.set('HANDLER', p.key);
        else if (t.code === '430121105' && rank === 'CLERK' && !this.named.has('O2O_DISPATCHER')) this.named.set('O2O_DISPATCHER', p.key);
      }
    }
  }

  buildVillages(): void {
    const { rng } = this;
    for (const t of this.towns) {
      for (const v of t.villages) {
        const community = v.kind === 'COMMUNITY';
        const merged = v.old !== null;
        const termStart = merged ? '2016-07-01' : rng.date('2013-12-20', '2014-03-31');
        const start = (): string => (merged ? termStart : addDays(termStart, rng.int(0, 20)));
        const cadre = (female: number, party: number, min = 28): DemoPerson =>
          this.person({ orgUnitKey: v.key, ageMin: min, ageMax: 62, female, native: 0.92, hometownKey: v.key, party, partyOrgKey: rng.pick(v.leafKeys) });
        const chairTitle = community ? '居民委员会主任' : '村民委员会主任';
        const sec = cadre(0.12, 1, 32);
        const secStart = start();
        this.post(sec, v.key, `${community ? '社区' : ''}${v.general ? '党总支书记' : '党支部书记'}`, null, true, true, secStart);
        const oneShoulder = rng.chance(0.6);
        if (oneShoulder) this.post(sec, v.key, chairTitle, null, true, true, secStart);
        if (merged) this.post(sec, v.key, v.general ? '党总支书记' : '党支部书记', null, true, true, rng.date('2011-01-01', '2014-03-31'), '2016-06-30');
        this.secretary(v.partyKey, sec.key);
        if (t.code === '430121105' && v.name === '黄花村') this.named.set('VILLAGE_SECRETARY', sec.key);
        const roles: [string, number, boolean, boolean][] = [];
        if (!oneShoulder) roles.push([chairTitle, 0.15, true, true]);
        roles.push(v.general ? [`${community ? '社区' : ''}党总支副书记`, 0.2, true, false] : [community ? '居民委员会副主任' : '村民委员会副主任', 0.2, true, false]);
        roles.push([community ? '居民委员会委员' : '村民委员会委员（妇女主任）', 1, false, false]);
        if (rng.chance(0.5)) roles.push([community ? '居民委员会委员' : '村民委员会委员', 0.3, false, false]);
        if (rng.chance(0.7)) roles.push([community ? '居务监督委员会主任' : '村务监督委员会主任', 0.2, false, false]);
        roles.forEach(([title, female, leadership, principal], i) => {
          const p = cadre(female, i === 0 || leadership ? 0.95 : 0.7);
          if (t.code === '430121105' && v.name === '黄花村' && i === 0) this.named.set('VILLAGE_CADRE', p.key);
          if (t.code === '430121105' && v.name === '黄花村' && i === 1) this.named.set('SERVICE_TEAM_MEMBER', p.key);
          const s = start();
          this.post(p, v.key, title, null, leadership, principal, s);
          if (merged && i === 0) {
            this.post(p, v.old!.key, '党支部书记', null, true, true, rng.date('2011-01-01', '2014-03-31'), '2016-06-30');
            if (p.isPartyMember) this.secretary(v.old!.partyKey, p.key);
          } else if (rng.chance(0.35)) {
            this.post(p, v.key, community ? '居民委员会委员' : '村民委员会委员', null, false, false, rng.date('2008-01-01', '2010-12-31'), addDays(termStart, -1));
          }
          p.posts.sort((a, b) => (a.startDate < b.startDate ? -1 : 1));
          if (leadership && v.leafKeys.length > 1) this.secretary(p.partyOrgKey, p.key);
        });
        sec.posts.sort((a, b) => (a.startDate < b.startDate ? -1 : 1));
        // Ordinary Party members (a sample); half of those in villages with groups live in a group.
        const members = rng.int(10, 18);
        for (let i = 0; i < members; i++) {
          const inGroup = v.groupKeys.length > 0 && rng.chance(0.5);
          this.person({ orgUnitKey: inGroup ? rng.pick(v.groupKeys) : v.key, ageMin: 20, ageMax: 85, female: 0.27, native: 0.9, hometownKey: v.key, phone: 0.8, party: 1, partyOrgKey: rng.pick(v.leafKeys) });
        }
      }
    }
  }

  // ----- kinship -----

  addKin(person: DemoPerson, relative: DemoPerson, code: string): void {
    this.kinship.push({ personKey: person.key, relativeKey: relative.key, relation: relationClassOf(code)!, relationCode: code });
  }

  rename(p: DemoPerson, surname: string): void {
    const old = this.surname.get(p.key)!;
    p.name = surname + p.name.slice(old.length);
    this.surname.set(p.key, surname);
  }

  buildKinship(): void {
    const { rng } = this;
    const year = (p: DemoPerson): number => Number(p.birthDate.slice(0, 4));
    const cadres = rng.shuffle(this.people.filter((p) => p.cadre !== null));
    const others = rng.shuffle(this.people.filter((p) => p.cadre === null && p.posts.length === 0));
    const blood = new Set<string>();
    const married = new Set<string>();
    const spouseOf = new Map<string, string>();
    const find = (pool: DemoPerson[], ok: (q: DemoPerson) => boolean): DemoPerson | undefined => pool.find((q) => !blood.has(q.key) && ok(q));
    // Spouses, both cadres in different units; some wives' fathers are registered too (岳父 / 父亲).
    const spouses: [DemoPerson, DemoPerson][] = [];
    for (const h of cadres) {
      if (spouses.length >= 55) break;
      if (h.gender !== 'M' || married.has(h.key)) continue;
      const w = cadres.find((q) => q.gender === 'F' && !married.has(q.key) && q.orgUnitKey !== h.orgUnitKey && Math.abs(year(q) - year(h)) <= 5);
      if (!w) continue;
      married.add(h.key).add(w.key);
      spouseOf.set(h.key, w.key).set(w.key, h.key);
      spouses.push([h, w]);
      this.addKin(h, w, '12');
      this.addKin(w, h, '11');
    }
    for (const [h, w] of spouses.slice(0, 15)) {
      const f = find(others, (q) => q.gender === 'M' && year(w) - year(q) >= 22 && year(w) - year(q) <= 35);
      if (!f || blood.has(w.key)) continue;
      blood.add(f.key).add(w.key);
      this.rename(w, this.surname.get(f.key)!);
      this.addKin(w, f, '51');
      this.addKin(h, f, '55');
    }
    // Father and son: the son is a cadre, the father an ordinary member or village cadre.
    let n = 0;
    for (const s of cadres) {
      if (n >= 25) break;
      if (s.gender !== 'M' || year(s) < 1976 || blood.has(s.key)) continue;
      const f = find(others, (q) => q.gender === 'M' && year(s) - year(q) >= 22 && year(s) - year(q) <= 35);
      if (!f) continue;
      blood.add(s.key).add(f.key);
      this.rename(s, this.surname.get(f.key)!);
      s.hometownOrgUnitKey = this.orgUnits.find((u) => u.key === f.orgUnitKey)?.type === 'VILLAGER_GROUP' ? s.hometownOrgUnitKey : f.orgUnitKey;
      this.addKin(s, f, '51');
      n++;
    }
    // Siblings, both cadres; and uncle / nephew (叔父 / 侄子).
    n = 0;
    for (const a of cadres) {
      if (n >= 30) break;
      if (blood.has(a.key)) continue;
      const b = find(cadres, (q) => q.key !== a.key && q.key !== spouseOf.get(a.key) && year(q) - year(a) >= 1 && year(q) - year(a) <= 8);
      if (!b) continue;
      blood.add(a.key).add(b.key);
      this.rename(b, this.surname.get(a.key)!);
      this.addKin(b, a, a.gender === 'M' ? '71' : '75');
      this.addKin(a, b, b.gender === 'M' ? '73' : '77');
      n++;
    }
    n = 0;
    for (const u of cadres) {
      if (n >= 10) break;
      if (u.gender !== 'M' || blood.has(u.key)) continue;
      const nephew = find(cadres, (q) => q.key !== u.key && q.key !== spouseOf.get(u.key) && year(q) - year(u) >= 15 && year(q) - year(u) <= 30);
      if (!nephew) continue;
      blood.add(u.key).add(nephew.key);
      this.rename(nephew, this.surname.get(u.key)!);
      this.addKin(nephew, u, '83');
      this.addKin(u, nephew, nephew.gender === 'M' ? '93' : '94');
      n++;
    }
  }

  buildAccounts(): DemoAccount[] {
    const named = (role: Role): string => {
      const key = this.named.get(role);
      if (!key) throw new Error(`demo generator: no person for ${role}`);
      return key;
    };
    const jiangbei = this.towns.find((t) => t.code === '430121104')!;
    this.named.set('TOWN_SECRETARY', this.towns.find((t) => t.code === '430121105')!.team.get('党委书记')!);
    this.named.set('TOWN_ORG_MEMBER', jiangbei.team.get('组织委员')!);
    this.named.set('TOWN_DISCIPLINE_SECRETARY', this.towns.find((t) => t.code === '430121105')!.team.get('纪委书记')!);
    // A county department with its own Party group and stationed discipline inspector: its head and that inspector.
    const dept = this.depts.find((d, i) => DEPARTMENTS[i]!.partyGroup && !DEPARTMENTS[i]!.headIsCountyLeader && d.leaders.length >= 2)!;
    this.named.set('COUNTY_DEPT_LEADER', dept.leaders[0]!);
    this.named.set('UNIT_DISCIPLINE_SECRETARY', dept.leaders.find((k) => this.byKey.get(k)!.posts.some((x) => x.title === '派驻纪检组组长'))!);
    const acc = (role: Role, username: string, scope: string | null, displayName?: string): DemoAccount => {
      const personKey = displayName ? null : named(role);
      return { role, username, displayName: displayName ?? this.byKey.get(personKey!)!.name, personKey, scopeOrgUnitKey: scope };
    };
    return [
      acc('SYS_ADMIN', 'sysadmin', ROOT_KEY, '系统管理员'),
      acc('COUNTY_SECRETARY', 'county.secretary', ROOT_KEY),
      acc('ORG_HEAD', 'orghead', ROOT_KEY),
      acc('ORG_CADRE_SECTION', 'cadre.section', ROOT_KEY),
      acc('ORG_SUPERVISION_SECTION', 'supervision.section', ROOT_KEY),
      acc('ORG_GRASSROOTS_SECTION', 'grassroots.section', ROOT_KEY),
      acc('DISCIPLINE_COMMISSION', 'discipline', ROOT_KEY),
      acc('TOWN_SECRETARY', 'town.secretary', null),
      acc('TOWN_ORG_MEMBER', 'town.orgmember', jiangbei.key),
      acc('VILLAGE_SECRETARY', 'village.secretary', null),
      acc('AUDITOR', 'auditor', ROOT_KEY, '审计员'),
      acc('CADRE_SELF', 'cadre.self', null),
      acc('TOWN_DISCIPLINE_SECRETARY', 'town.discipline', null),
      acc('COUNTY_DEPT_LEADER', 'dept.leader', null),
      acc('UNIT_DISCIPLINE_SECRETARY', 'unit.discipline', null),
      acc('O2O_DISPATCHER', 'dispatcher', 'ou:430121105'),
      acc('HANDLER', 'handler', null),
      acc('VILLAGE_CADRE', 'village.cadre', null),
      // a 黄花村 committee member; the M3 demo seeder puts this person in the village's 1+(3+X) team
      acc('SERVICE_TEAM_MEMBER', 'team.member', null),
    ];
  }
}

const STREET_TITLES: Record<string, string> = { 党委书记: '党工委书记', 党委副书记: '党工委副书记', 副镇长: '办事处副主任', 纪委书记: '纪工委书记', 镇长: '办事处主任', 人大主席: '人大工委主任' };
function townTitle(t: Town, title: string): string {
  return t.street ? (STREET_TITLES[title] ?? title) : title;
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

export function generateDemoCounty(seed: number = DEFAULT_DEMO_SEED): DemoCounty {
  const b = new CountyBuilder(seed);
  b.buildTrees();
  b.buildLeaders();
  b.buildStaff();
  b.buildVillages();
  b.buildKinship();
  const accounts = b.buildAccounts();
  return { orgUnits: b.orgUnits, partyOrgs: b.partyOrgs, people: b.people, kinship: b.kinship, accounts };
}
