/**
 * Pure team-structure arithmetic (SPEC M5 TeamAnalysis, issue 4 deliverable 5): age bands around the configured
 * young-cadre age, education bands from GB/T 4658 codes, specialty groups, front-line experience and tenure in the
 * current post, compared with a target structure. The built-in targets are [INF] defaults; each can be
 * overridden per town type (table `team_target`), so the page says "configurable".
 */
import type { TargetCheck, TeamMember, TeamMetric, TeamStructure, TeamTarget, TeamTownType } from '../../../contracts/judgment.ts';
import { AGE_BANDS, EDUCATION_BANDS, SPECIALTY_GROUPS, TEAM_METRICS, TENURE_BANDS } from '../../../contracts/judgment.ts';
import type { Text } from '../../platform/errors.ts';

export type EducationBand = (typeof EDUCATION_BANDS)[number];
export type SpecialtyGroup = (typeof SPECIALTY_GROUPS)[number];

/** Whole years between a birth (or start) date and `asOf`, both `YYYY-MM-DD`. */
export function yearsBetween(from: string, asOf: string): number {
  const [fy, fm, fd] = from.slice(0, 10).split('-').map(Number) as [number, number, number];
  const [ay, am, ad] = asOf.slice(0, 10).split('-').map(Number) as [number, number, number];
  let years = ay - fy;
  if (am < fm || (am === fm && ad < fd)) years -= 1;
  return years;
}

/** Years with one decimal (tenure). */
export function decimalYears(from: string, asOf: string): number {
  const ms = new Date(`${asOf.slice(0, 10)}T00:00:00Z`).getTime() - new Date(`${from.slice(0, 10)}T00:00:00Z`).getTime();
  return Math.max(0, Math.round((ms / (365.25 * 86_400_000)) * 10) / 10);
}

/** GB/T 4658-2006: 1x postgraduate, 2x undergraduate, 3x college (专科), anything else secondary or below. */
export function educationBand(code: string | null): EducationBand {
  switch (code?.[0]) {
    case '1':
      return 'POSTGRADUATE';
    case '2':
      return 'BACHELOR';
    case '3':
      return 'COLLEGE';
    default:
      return 'SECONDARY';
  }
}

/** Specialty names (free text in `cadre.specialty`) grouped for the structure; unknown names count as OTHER. */
const SPECIALTY_GROUP_OF: Record<string, SpecialtyGroup> = {
  经济学: 'ECONOMY', 会计学: 'ECONOMY', 工商管理: 'ECONOMY', 财政学: 'ECONOMY', 金融学: 'ECONOMY', 农业经济管理: 'ECONOMY', 公共管理: 'ECONOMY', 行政管理: 'ECONOMY',
  法学: 'LAW',
  土木工程: 'ENGINEERING', 城乡规划: 'ENGINEERING', 水利水电工程: 'ENGINEERING', 环境工程: 'ENGINEERING', 机械设计制造及其自动化: 'ENGINEERING', 交通运输: 'ENGINEERING', 计算机科学与技术: 'ENGINEERING',
  农学: 'AGRICULTURE', 园林: 'AGRICULTURE', 茶学: 'AGRICULTURE',
  汉语言文学: 'HUMANITIES', 思想政治教育: 'HUMANITIES', 历史学: 'HUMANITIES', 新闻学: 'HUMANITIES', 党政管理: 'HUMANITIES', 社会学: 'HUMANITIES', 英语: 'HUMANITIES',
};

export function specialtyGroup(specialty: string | null): SpecialtyGroup {
  if (!specialty) return 'UNKNOWN';
  return SPECIALTY_GROUP_OF[specialty.trim()] ?? 'OTHER';
}

export function ageBand(age: number, youngMax: number): (typeof AGE_BANDS)[number] {
  if (age <= youngMax) return 'YOUNG';
  if (age <= 45) return 'B36_45';
  if (age <= 50) return 'B46_50';
  return 'B51_PLUS';
}

export function tenureBand(years: number): (typeof TENURE_BANDS)[number] {
  if (years < 3) return 'UNDER_3';
  if (years < 5) return 'Y3_5';
  return 'Y5_PLUS';
}

function countBy<K extends string>(keys: readonly K[], values: K[]): { key: string; count: number }[] {
  return keys.map((key) => ({ key, count: values.filter((v) => v === key).length }));
}

export function structureOf(members: readonly TeamMember[], youngMax: number): TeamStructure {
  const size = members.length;
  return {
    size,
    averageAge: size === 0 ? null : Math.round((members.reduce((s, m) => s + m.age, 0) / size) * 10) / 10,
    ageBands: countBy(AGE_BANDS, members.map((m) => ageBand(m.age, youngMax))),
    gender: countBy(['M', 'F'] as const, members.map((m) => (m.gender === 'F' ? 'F' : 'M'))),
    education: countBy(EDUCATION_BANDS, members.map((m) => m.educationBand)),
    specialty: countBy(SPECIALTY_GROUPS, members.map((m) => m.specialtyGroup)),
    frontLine: members.filter((m) => m.frontLine).length,
    tenure: countBy(TENURE_BANDS, members.map((m) => tenureBand(m.tenureYears))),
  };
}

export type TargetValue = { minCount: number | null; maxCount: number | null; minPercent: number | null };

const T = (minCount: number | null, maxCount: number | null = null, minPercent: number | null = null): TargetValue => ({ minCount, maxCount, minPercent });

/** Built-in target structure per town type ([INF]; overridable, see team_target). */
export const DEFAULT_TEAM_TARGETS: Record<TeamTownType, Record<TeamMetric, TargetValue>> = {
  TOWN: {
    AGE_YOUNG: T(1), AGE_MIDDLE: T(3), AGE_SENIOR: T(null, 3), FEMALE: T(1), BACHELOR_PLUS: T(null, null, 70),
    SPECIALTY_ECONOMY: T(2), SPECIALTY_LAW: T(1), SPECIALTY_ENGINEERING: T(1), SPECIALTY_AGRICULTURE: T(1), FRONT_LINE: T(4), TENURE_LONG: T(null, 3),
  },
  STREET: {
    AGE_YOUNG: T(1), AGE_MIDDLE: T(3), AGE_SENIOR: T(null, 3), FEMALE: T(1), BACHELOR_PLUS: T(null, null, 80),
    SPECIALTY_ECONOMY: T(2), SPECIALTY_LAW: T(1), SPECIALTY_ENGINEERING: T(2), SPECIALTY_AGRICULTURE: T(null), FRONT_LINE: T(4), TENURE_LONG: T(null, 3),
  },
};

/** Merges stored overrides over the defaults. */
export function effectiveTargets(overrides: readonly TeamTarget[]): Record<TeamTownType, Record<TeamMetric, TargetValue & { isDefault: boolean }>> {
  const out = {} as Record<TeamTownType, Record<TeamMetric, TargetValue & { isDefault: boolean }>>;
  for (const type of ['TOWN', 'STREET'] as const) {
    out[type] = {} as Record<TeamMetric, TargetValue & { isDefault: boolean }>;
    for (const metric of TEAM_METRICS) out[type][metric] = { ...DEFAULT_TEAM_TARGETS[type][metric], isDefault: true };
  }
  for (const o of overrides) out[o.townType][o.metric] = { minCount: o.minCount, maxCount: o.maxCount, minPercent: o.minPercent, isDefault: false };
  return out;
}

/** The Chinese and English name of the group a metric counts ("35岁以下", "女性" ...). */
export function metricLabel(metric: TeamMetric, youngMax: number): Text {
  switch (metric) {
    case 'AGE_YOUNG':
      return { zh: `${youngMax}岁以下`, en: `aged ${youngMax} or under` };
    case 'AGE_MIDDLE':
      return { zh: `${youngMax + 1}至45岁`, en: `aged ${youngMax + 1}–45` };
    case 'AGE_SENIOR':
      return { zh: '51岁以上', en: 'aged 51 or over' };
    case 'FEMALE':
      return { zh: '女性', en: 'female' };
    case 'BACHELOR_PLUS':
      return { zh: '大学本科及以上学历', en: "bachelor's degree or higher" };
    case 'SPECIALTY_ECONOMY':
      return { zh: '经济管理类专业', en: 'economics/management' };
    case 'SPECIALTY_LAW':
      return { zh: '法律类专业', en: 'law' };
    case 'SPECIALTY_ENGINEERING':
      return { zh: '规划建设类专业', en: 'planning/engineering' };
    case 'SPECIALTY_AGRICULTURE':
      return { zh: '农业类专业', en: 'agriculture' };
    case 'FRONT_LINE':
      return { zh: '有一线工作经历的', en: 'with front-line experience' };
    case 'TENURE_LONG':
      return { zh: '任现职满5年的', en: '5+ years in the current post' };
  }
}

function metricCount(metric: TeamMetric, members: readonly TeamMember[], youngMax: number): number {
  const n = (f: (m: TeamMember) => boolean) => members.filter(f).length;
  switch (metric) {
    case 'AGE_YOUNG':
      return n((m) => m.age <= youngMax);
    case 'AGE_MIDDLE':
      return n((m) => m.age > youngMax && m.age <= 45);
    case 'AGE_SENIOR':
      return n((m) => m.age >= 51);
    case 'FEMALE':
      return n((m) => m.gender === 'F');
    case 'BACHELOR_PLUS':
      return n((m) => m.educationBand === 'POSTGRADUATE' || m.educationBand === 'BACHELOR');
    case 'SPECIALTY_ECONOMY':
      return n((m) => m.specialtyGroup === 'ECONOMY');
    case 'SPECIALTY_LAW':
      return n((m) => m.specialtyGroup === 'LAW');
    case 'SPECIALTY_ENGINEERING':
      return n((m) => m.specialtyGroup === 'ENGINEERING');
    case 'SPECIALTY_AGRICULTURE':
      return n((m) => m.specialtyGroup === 'AGRICULTURE');
    case 'FRONT_LINE':
      return n((m) => m.frontLine);
    case 'TENURE_LONG':
      return n((m) => m.tenureYears >= 5);
  }
}

/** Compares a team with its targets; every miss carries its shortcoming in plain Chinese and English. */
export function checkTargets(members: readonly TeamMember[], targets: Record<TeamMetric, TargetValue>, youngMax: number): TargetCheck[] {
  const size = members.length;
  return TEAM_METRICS.map((metric) => {
    const t = targets[metric];
    const count = metricCount(metric, members, youngMax);
    const label = metricLabel(metric, youngMax);
    const percent = size === 0 ? 0 : Math.round((count / size) * 100);
    let shortcoming: Text | null = null;
    if (t.minCount !== null && count < t.minCount) {
      shortcoming =
        count === 0
          ? { zh: `缺少${label.zh}班子成员`, en: `No team member ${label.en}` }
          : { zh: `${label.zh}班子成员仅${count}名，少于目标${t.minCount}名`, en: `Only ${count} team member(s) ${label.en}; the target is at least ${t.minCount}` };
    } else if (t.maxCount !== null && count > t.maxCount) {
      shortcoming = { zh: `${label.zh}班子成员${count}名，超过目标上限${t.maxCount}名`, en: `${count} team members ${label.en}; the target is at most ${t.maxCount}` };
    } else if (t.minPercent !== null && percent < t.minPercent) {
      shortcoming = { zh: `${label.zh}班子成员占${percent}%，低于目标${t.minPercent}%`, en: `${percent}% of the team ${label.en}; the target is at least ${t.minPercent}%` };
    }
    return { metric, actual: t.minPercent !== null && t.minCount === null && t.maxCount === null ? percent : count, minCount: t.minCount, maxCount: t.maxCount, minPercent: t.minPercent, ok: shortcoming === null, shortcoming };
  });
}
