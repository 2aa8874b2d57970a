/**
 * Validates every row of a roster sheet completely (all problems of all rows, not just the first), so the user
 * gets one report to fix. Pure: the caller passes the unit directory, the code catalogues and "today"; database
 * duplicates are checked by the service afterwards.
 *
 * Rules: 姓名/性别/出生日期/所在单位 required; ID numbers by GB 11643 and consistent with birth date and sex;
 * mobile numbers `1[3-9]` + 9 digits; the unit must be in the importer's people.write scope; a post needs its
 * start date, a principal post must be a leadership post; a Party join date only for members; a rank makes a
 * cadre, which needs an education and a management authority; ID numbers unique within the file.
 */
import type { Gender, RankLevel } from '../../../contracts/enums.ts';
import { LIMITS } from '../../../contracts/limits.ts';
import { normalisePhone } from '../../platform/crypto.ts';
import type { Text } from '../../platform/errors.ts';
import { parseDateCell, parseIdNumberCell, parseTextCell, parseYesNoCell, type Parsed, type SheetCell, type TableRow } from '../../platform/excel/index.ts';
import { idNumberProblemMessage, validateIdNumber } from '../../platform/id-number.ts';
import { HEADER_OF, RANK_BY_NAME, type RosterKey } from './roster-columns.ts';
import type { DirectoryUnit, UnitDirectory, UnitResolution } from './unit-directory.ts';

export type RowError = { row: number; column: string; message: Text };

export type ValidRosterRow = {
  row: number;
  name: string;
  gender: Gender;
  birthDate: string;
  ethnicityCode: string;
  /** normalised 18-character number */
  idNumber: string | null;
  phone: string | null;
  unit: DirectoryUnit;
  post: { title: string; startDate: string; isLeadership: boolean; isPrincipal: boolean } | null;
  isPartyMember: boolean;
  partyJoinDate: string | null;
  cadre: { rankLevel: RankLevel; educationCode: string; authority: DirectoryUnit } | null;
};

export type CodeCatalogue = { byName: ReadonlyMap<string, string>; codes: ReadonlySet<string> };

export type RosterContext = {
  units: UnitDirectory;
  ethnicity: CodeCatalogue;
  education: CodeCatalogue;
  /** `YYYY-MM-DD` in China time */
  today: string;
  date1904: boolean;
};

const EXAMPLE_PREFIX = '示例';

function text(zh: string, en: string): Text {
  return { zh, en };
}

/** Catalogue lookup by Chinese name (with or without a trailing 族 for ethnic groups) or by code. */
function lookupCode(catalogue: CodeCatalogue, value: string, padTo: number): string | null {
  const v = value.normalize('NFKC').replace(/\s+/g, '');
  if (catalogue.byName.has(v)) return catalogue.byName.get(v)!;
  if (catalogue.byName.has(`${v}族`)) return catalogue.byName.get(`${v}族`)!;
  const code = /^\d+$/.test(v) && padTo > 0 ? v.padStart(padTo, '0') : v.toUpperCase();
  return catalogue.codes.has(code) ? code : null;
}

/**
 * Validates the rows. Returns the valid rows and every error; the import is all-or-nothing, so any error
 * means nothing is written.
 */
export function validateRosterRows(rows: readonly TableRow[], ctx: RosterContext): { valid: ValidRosterRow[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const valid: ValidRosterRow[] = [];
  const firstRowOfId = new Map<string, number>();
  const unitCache = new Map<string, UnitResolution>();
  const resolveUnit = (value: string, writable: boolean): UnitResolution => {
    const key = `${writable ? 'w' : 'r'}\u0000${value}`;
    let hit = unitCache.get(key);
    if (!hit) {
      hit = ctx.units.resolve(value, writable);
      unitCache.set(key, hit);
    }
    return hit;
  };
  const hanCode = ctx.ethnicity.byName.get('汉族') ?? '01';

  for (const r of rows) {
    const rowErrors: RowError[] = [];
    const fail = (key: string, message: Text): void => {
      rowErrors.push({ row: r.row, column: HEADER_OF.get(key) ?? key, message });
    };
    const cell = (key: RosterKey): SheetCell => r.cells.get(key) ?? { kind: 'empty' };
    const has = (key: RosterKey): boolean => r.cells.has(key);
    function take<T>(key: RosterKey, parsed: Parsed<T>): T | undefined {
      if (parsed.ok) return parsed.value;
      fail(key, parsed.message);
      return undefined;
    }
    const required = (key: RosterKey): boolean => {
      if (has(key)) return true;
      fail(key, text('必填项，不能为空', 'Required'));
      return false;
    };

    for (const letter of r.unlabelled) {
      rowErrors.push({ row: r.row, column: `第 ${letter} 列`, message: text('该列没有表头，其中的数据无法导入；请补上表头或删除这些数据', 'This column has no header; add one or remove the data') });
    }

    // 姓名
    let name: string | undefined;
    if (required('name')) {
      name = take('name', parseTextCell(cell('name'), LIMITS.nameMax));
      if (name !== undefined && name.startsWith(EXAMPLE_PREFIX)) {
        fail('name', text('这是模板中的示例行，请删除后再导入', 'This is an example row of the template; delete it'));
        name = undefined;
      }
    }

    // 性别
    let gender: Gender | undefined;
    if (required('gender')) {
      const g = take('gender', parseTextCell(cell('gender'), 10));
      if (g !== undefined) {
        const v = g.normalize('NFKC').toUpperCase();
        if (v === '男' || v === '男性' || v === 'M') gender = 'M';
        else if (v === '女' || v === '女性' || v === 'F') gender = 'F';
        else fail('gender', text('应填写“男”或“女”', 'Must be 男 (male) or 女 (female)'));
      }
    }

    // 出生日期
    let birthDate: string | undefined;
    if (required('birthDate')) {
      birthDate = take('birthDate', parseDateCell(cell('birthDate'), ctx.date1904));
      if (birthDate !== undefined && birthDate > ctx.today) {
        fail('birthDate', text('出生日期不能晚于今天', 'The birth date cannot be in the future'));
        birthDate = undefined;
      }
    }

    // 民族
    let ethnicityCode: string | undefined = hanCode;
    if (has('ethnicity')) {
      const e = take('ethnicity', parseTextCell(cell('ethnicity'), 20));
      ethnicityCode = undefined;
      if (e !== undefined) {
        ethnicityCode = lookupCode(ctx.ethnicity, e, 2) ?? undefined;
        if (!ethnicityCode) fail('ethnicity', text(`民族“${e}”不在民族代码表（GB/T 3304）中`, `"${e}" is not in the ethnic group catalogue`));
      }
    }

    // 身份证号
    let idNumber: string | null | undefined = null;
    if (has('idNumber')) {
      idNumber = undefined;
      const raw = take('idNumber', parseIdNumberCell(cell('idNumber')));
      if (raw !== undefined) {
        const result = validateIdNumber(raw, ctx.today);
        if (!result.ok) {
          fail('idNumber', text(idNumberProblemMessage(result.problem, 'zh-CN'), idNumberProblemMessage(result.problem, 'en')));
        } else if (birthDate !== undefined && result.birthDate !== birthDate) {
          fail('idNumber', text(`身份证号中的出生日期（${result.birthDate}）与出生日期（${birthDate}）不一致，请核对`, `The birth date in the ID number (${result.birthDate}) differs from the birth date (${birthDate})`));
        } else if (gender !== undefined && result.gender !== gender) {
          fail('idNumber', text('身份证号第 17 位表示的性别与所填性别不一致，请核对', 'The sex digit of the ID number differs from the sex given'));
        } else {
          const first = firstRowOfId.get(result.value);
          if (first !== undefined) fail('idNumber', text(`与第 ${first} 行的身份证号重复`, `Same ID number as row ${first}`));
          else {
            firstRowOfId.set(result.value, r.row);
            idNumber = result.value;
          }
        }
      }
    }

    // 手机号码
    let phone: string | null | undefined = null;
    if (has('phone')) {
      phone = undefined;
      const raw = take('phone', parseTextCell(cell('phone'), 30));
      if (raw !== undefined) {
        phone = normalisePhone(raw) ?? undefined;
        if (phone === undefined) fail('phone', text('手机号码应为 11 位，以 13–19 开头', 'A mobile number has 11 digits starting with 13–19'));
      }
    }

    // 所在单位
    let unit: DirectoryUnit | undefined;
    if (required('unit')) {
      const u = take('unit', parseTextCell(cell('unit'), 200));
      if (u !== undefined) {
        const res = resolveUnit(u, true);
        if (res.ok) unit = res.unit;
        else fail('unit', res.message);
      }
    }

    // 职务, 任职日期, 是否领导职务, 是否正职
    let post: ValidRosterRow['post'] | undefined = null;
    const isLeadership = take('isLeadership', parseYesNoCell(cell('isLeadership')));
    const isPrincipal = take('isPrincipal', parseYesNoCell(cell('isPrincipal')));
    if (has('title')) {
      const title = take('title', parseTextCell(cell('title'), LIMITS.titleMax));
      let startDate: string | undefined;
      if (!has('startDate')) fail('startDate', text('填写了职务时，任职日期为必填', 'Required when a post title is given'));
      else {
        startDate = take('startDate', parseDateCell(cell('startDate'), ctx.date1904));
        if (startDate !== undefined && birthDate !== undefined && startDate < birthDate) {
          fail('startDate', text('任职日期早于出生日期，请核对', 'The start date precedes the birth date'));
          startDate = undefined;
        }
      }
      let complete = title !== undefined && startDate !== undefined && isLeadership !== undefined && isPrincipal !== undefined;
      if (isPrincipal === true && isLeadership !== true) {
        fail('isPrincipal', text('正职必须是领导职务（是否领导职务应填“是”）', 'A principal post must be a leadership post'));
        complete = false;
      }
      post = complete ? { title: title!, startDate: startDate!, isLeadership: isLeadership === true, isPrincipal: isPrincipal === true } : undefined;
    } else {
      for (const key of ['startDate', 'isLeadership', 'isPrincipal'] as const) {
        const given = key === 'startDate' ? has(key) : key === 'isLeadership' ? isLeadership === true : isPrincipal === true;
        if (given) fail(key, text('未填写职务，不能填写任职信息', 'Post details without a post title'));
      }
    }

    // 是否党员, 入党日期
    const isPartyMember = take('isPartyMember', parseYesNoCell(cell('isPartyMember')));
    let partyJoinDate: string | null | undefined = null;
    if (has('partyJoinDate')) {
      partyJoinDate = take('partyJoinDate', parseDateCell(cell('partyJoinDate'), ctx.date1904));
      if (partyJoinDate !== undefined) {
        if (isPartyMember !== true) {
          fail('partyJoinDate', text('非党员不能填写入党日期（是否党员应填“是”）', 'Only Party members have a join date'));
          partyJoinDate = undefined;
        } else if (partyJoinDate > ctx.today) {
          fail('partyJoinDate', text('入党日期不能晚于今天', 'The join date cannot be in the future'));
          partyJoinDate = undefined;
        } else if (birthDate !== undefined && partyJoinDate < birthDate) {
          fail('partyJoinDate', text('入党日期早于出生日期，请核对', 'The join date precedes the birth date'));
          partyJoinDate = undefined;
        }
      }
    }

    // 职级, 学历, 干部管理权限单位
    let cadre: ValidRosterRow['cadre'] | undefined = null;
    if (has('rank')) {
      cadre = undefined;
      const rankText = take('rank', parseTextCell(cell('rank'), 10));
      const rankLevel = rankText === undefined ? undefined : RANK_BY_NAME.get(rankText.normalize('NFKC').replace(/\s+/g, ''));
      if (rankText !== undefined && !rankLevel) fail('rank', text('职级应为 科员、副科、正科、副处 或 正处', 'Rank must be 科员, 副科, 正科, 副处 or 正处'));
      let educationCode: string | undefined;
      if (!has('education')) fail('education', text('填写了职级（干部）时，学历为必填', 'Required for cadres (a rank is given)'));
      else {
        const e = take('education', parseTextCell(cell('education'), 30));
        if (e !== undefined) {
          educationCode = lookupCode(ctx.education, e, 0) ?? undefined;
          if (!educationCode) fail('education', text(`学历“${e}”不在学历代码表（GB/T 4658）中，请填写如“大学本科毕业”`, `"${e}" is not in the education catalogue`));
        }
      }
      let authority: DirectoryUnit | undefined;
      if (!has('authority')) fail('authority', text('填写了职级（干部）时，干部管理权限单位为必填', 'Required for cadres (a rank is given)'));
      else {
        const a = take('authority', parseTextCell(cell('authority'), 200));
        if (a !== undefined) {
          const res = resolveUnit(a, false);
          if (res.ok) authority = res.unit;
          else fail('authority', res.message);
        }
      }
      if (rankLevel && educationCode && authority) cadre = { rankLevel, educationCode, authority };
    } else {
      for (const key of ['education', 'authority'] as const) {
        if (has(key)) fail(key, text('学历和干部管理权限单位只登记干部；请同时填写职级，或清空此项', 'Only recorded for cadres; give a rank or clear this cell'));
      }
    }

    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }
    valid.push({
      row: r.row,
      name: name!,
      gender: gender!,
      birthDate: birthDate!,
      ethnicityCode: ethnicityCode!,
      idNumber: idNumber ?? null,
      phone: phone ?? null,
      unit: unit!,
      post: post ?? null,
      isPartyMember: isPartyMember === true,
      partyJoinDate: partyJoinDate ?? null,
      cadre: cadre ?? null,
    });
  }
  return { valid, errors };
}
