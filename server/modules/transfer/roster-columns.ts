/**
 * The people-roster import columns (花名册). Headers are Chinese and may come in any order; `*` marks the
 * required ones in the template. Each column carries a note (Chinese and English) shown as a comment on the
 * template's header cell.
 */
import type { RankLevel } from '../../../contracts/enums.ts';
import type { TableColumn } from '../../platform/excel/index.ts';

export type RosterKey =
  | 'name'
  | 'gender'
  | 'birthDate'
  | 'ethnicity'
  | 'idNumber'
  | 'phone'
  | 'unit'
  | 'title'
  | 'startDate'
  | 'isLeadership'
  | 'isPrincipal'
  | 'isPartyMember'
  | 'partyJoinDate'
  | 'rank'
  | 'education'
  | 'authority';

export type RosterColumn = TableColumn & { key: RosterKey; note: string; width: number; text?: boolean; list?: readonly string[] };

export const YES_NO = ['是', '否'] as const;

/** 职级 as written in rosters → rank level. */
export const RANK_BY_NAME = new Map<string, RankLevel>([
  ['科员', 'CLERK'],
  ['副科', 'DEPUTY_SECTION'],
  ['副科级', 'DEPUTY_SECTION'],
  ['正科', 'SECTION'],
  ['正科级', 'SECTION'],
  ['副处', 'DEPUTY_COUNTY'],
  ['副处级', 'DEPUTY_COUNTY'],
  ['副县级', 'DEPUTY_COUNTY'],
  ['正处', 'COUNTY'],
  ['正处级', 'COUNTY'],
  ['正县级', 'COUNTY'],
]);
export const RANK_NAMES = ['科员', '副科', '正科', '副处', '正处'] as const;

export const ROSTER_COLUMNS: readonly RosterColumn[] = [
  { key: 'name', header: '姓名', required: true, width: 10, note: '必填。Name (required).' },
  { key: 'gender', header: '性别', required: true, width: 6, list: ['男', '女'], note: '必填：男 / 女。Sex (required): 男 male, 女 female.' },
  {
    key: 'birthDate',
    header: '出生日期',
    aliases: ['出生年月日'],
    required: true,
    width: 12,
    text: true,
    note: '必填，如 1985-06-15、1985/6/15、1985.6.15 或 1985年6月15日。Birth date (required), e.g. 1985-06-15.',
  },
  { key: 'ethnicity', header: '民族', width: 8, note: '民族名称或代码（GB/T 3304），不填为汉族。Ethnic group name or code; empty = Han.' },
  {
    key: 'idNumber',
    header: '身份证号',
    aliases: ['身份证号码', '公民身份号码'],
    width: 21,
    text: true,
    note: '18 位身份证号；请将该列设为“文本”格式，数字格式会丢失末位。须与出生日期、性别一致。18-character citizen ID; keep the column formatted as TEXT.',
  },
  { key: 'phone', header: '手机号码', aliases: ['手机号', '手机', '联系电话'], width: 14, text: true, note: '11 位手机号码。Mobile number (11 digits).' },
  {
    key: 'unit',
    header: '所在单位',
    aliases: ['工作单位', '单位'],
    required: true,
    width: 22,
    note: '必填：单位名称路径（如 黄花镇/黄花村）或单位代码，须在您的管理范围内。Unit (required): a name path such as 黄花镇/黄花村, or the unit code; must be within your scope.',
  },
  { key: 'title', header: '职务', aliases: ['现任职务'], width: 18, note: '现任职务，填写后在所在单位登记任职。Current post title; creates a post in the unit.' },
  { key: 'startDate', header: '任职日期', aliases: ['任职时间', '任现职时间'], width: 12, text: true, note: '填写职务时必填。Post start date (required with a post).' },
  { key: 'isLeadership', header: '是否领导职务', width: 8, list: YES_NO, note: '是 / 否，默认否。Leadership post: 是 yes / 否 no (default no).' },
  { key: 'isPrincipal', header: '是否正职', width: 8, list: YES_NO, note: '是 / 否，默认否；正职须为领导职务。Principal post (must be a leadership post).' },
  { key: 'isPartyMember', header: '是否党员', aliases: ['中共党员'], width: 8, list: YES_NO, note: '是 / 否，默认否。Party member: 是 yes / 否 no (default no).' },
  { key: 'partyJoinDate', header: '入党日期', aliases: ['入党时间'], width: 12, text: true, note: '党员可填。Date of joining the Party (members only).' },
  { key: 'rank', header: '职级', width: 8, list: RANK_NAMES, note: '科员 / 副科 / 正科 / 副处 / 正处；填写即登记为干部，须同时填写学历和干部管理权限单位。Rank; makes the person a cadre (then 学历 and 干部管理权限单位 are required).' },
  { key: 'education', header: '学历', aliases: ['最高学历'], width: 14, note: '学历名称（GB/T 4658，如 大学本科毕业）或代码。Education (GB/T 4658 name such as 大学本科毕业, or code).' },
  {
    key: 'authority',
    header: '干部管理权限单位',
    aliases: ['管理权限单位', '干部管理权限'],
    width: 16,
    note: '单位名称路径或代码，如 长沙县。Management authority unit (name path or code).',
  },
];

/** Headers recognised and ignored. */
export const IGNORED_HEADERS = ['序号', '备注', '编号'] as const;

export const HEADER_OF = new Map<string, string>(ROSTER_COLUMNS.map((c) => [c.key, c.header]));

/** The template's header text: `姓名*` for required columns. */
export function templateHeader(c: RosterColumn): string {
  return c.required ? `${c.header}*` : c.header;
}
