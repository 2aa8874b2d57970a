/**
 * GB 11643-1999 citizen ID numbers (公民身份号码), SECURITY.md §5.3.
 *
 * Structure: 6-digit address code (GB/T 2260) + birth date YYYYMMDD + 3-digit sequence (odd = male,
 * even = female) + check character (ISO 7064 MOD 11-2).
 *
 * Policy decisions:
 * - input is normalised with NFKC (full-width digits and Ｘ from Chinese IMEs), trimmed (incl. NBSP and the
 *   ideographic space) and upper-cased;
 * - the character-level format check `^\d{17}[\dX]$` runs BEFORE any length-based branching, so a 15-char
 *   string such as `110105'OR'1'='1` is a FORMAT problem, never a "legacy" number;
 * - 15-digit first-generation numbers are rejected (LEGACY_15) with a message asking for the 18-digit number;
 * - pre-1900 birth years are valid here (the standard's own example is born in 1880); a plausible age for a
 *   cadre is a separate business rule. Years before 1800 and dates after `today` are BIRTHDATE_RANGE;
 * - the address code is not checked against GB/T 2260 (abolished counties stay valid on existing cards).
 */

export type IdNumberProblem = 'FORMAT' | 'LENGTH' | 'CHECKSUM' | 'BIRTHDATE' | 'BIRTHDATE_RANGE' | 'LEGACY_15';

export type IdNumberResult = { ok: true; value: string; birthDate: string; gender: 'M' | 'F' } | { ok: false; problem: IdNumberProblem };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const EARLIEST_YEAR = 1800;

/** NFKC, trims surrounding white space (incl. NBSP and U+3000), upper-cases `x`. */
export function normaliseIdNumber(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/^[\s\u00a0\u3000\ufeff]+|[\s\u00a0\u3000\ufeff]+$/g, '')
    .toUpperCase();
}

/** The check character for a 17-digit body. Throws if the body is not 17 ASCII digits. */
export function idNumberCheckChar(body17: string): string {
  if (!/^\d{17}$/.test(body17)) throw new Error('ID number body must be 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (body17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
}

/** `YYYYMMDD` → `YYYY-MM-DD`, or null when it is not a calendar date. */
function calendarDate(yyyymmdd: string): string | null {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/** Today's date in China Standard Time (UTC+8), `YYYY-MM-DD`. */
function chinaToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Validates a citizen ID number. `today` (`YYYY-MM-DD`, default: today in UTC+8) bounds the birth date.
 * On success `value` is the normalised number.
 */
export function validateIdNumber(input: string, today?: string): IdNumberResult {
  const value = normaliseIdNumber(input);
  if (!/^\d{17}[\dX]$/.test(value)) {
    // Only strings made of ID-number characters get a length-based answer.
    if (/^\d{15}$/.test(value)) return { ok: false, problem: 'LEGACY_15' };
    if (/^\d+X?$/.test(value)) return { ok: false, problem: 'LENGTH' };
    return { ok: false, problem: 'FORMAT' };
  }
  const birthDate = calendarDate(value.slice(6, 14));
  if (birthDate === null) return { ok: false, problem: 'BIRTHDATE' };
  if (Number(birthDate.slice(0, 4)) < EARLIEST_YEAR || birthDate > (today ?? chinaToday())) return { ok: false, problem: 'BIRTHDATE_RANGE' };
  if (idNumberCheckChar(value.slice(0, 17)) !== value[17]) return { ok: false, problem: 'CHECKSUM' };
  return { ok: true, value, birthDate, gender: Number(value[16]) % 2 === 1 ? 'M' : 'F' };
}

const MESSAGES: Record<IdNumberProblem, { 'zh-CN': string; en: string }> = {
  FORMAT: {
    'zh-CN': '身份证号格式不正确：应为 17 位数字加 1 位数字或字母 X',
    en: 'ID number format is invalid: it must be 17 digits followed by a digit or the letter X',
  },
  LENGTH: {
    'zh-CN': '身份证号位数不正确：应为 18 位，请检查是否多输或漏输',
    en: 'ID number has the wrong length: it must have 18 characters; check for a missing or extra digit',
  },
  CHECKSUM: {
    'zh-CN': '身份证号校验位不正确，请核对最后一位',
    en: 'ID number check character is wrong; please check the last character',
  },
  BIRTHDATE: {
    'zh-CN': '身份证号中的出生日期无效（第 7–14 位），请核对',
    en: 'ID number contains an invalid birth date (characters 7–14); please check it',
  },
  BIRTHDATE_RANGE: {
    'zh-CN': '身份证号中的出生日期超出合理范围（不能晚于今天），请核对第 7–14 位',
    en: 'ID number birth date is out of range (it cannot be in the future); please check characters 7–14',
  },
  LEGACY_15: {
    'zh-CN': '不接受 15 位旧身份证号，请填写 18 位身份证号',
    en: 'Old 15-digit ID numbers are not accepted; please enter the 18-digit ID number',
  },
};

export function idNumberProblemMessage(problem: IdNumberProblem, locale: 'zh-CN' | 'en'): string {
  return MESSAGES[problem][locale];
}

/** `430121********123X`: keeps the region code and the last 4, hides the birth date. */
export function maskIdNumber(value: string): string {
  const v = normaliseIdNumber(value);
  if (v.length < 10) return '*'.repeat(v.length);
  return `${v.slice(0, 6)}${'*'.repeat(v.length - 10)}${v.slice(-4)}`;
}

/** Builds a valid 18-character ID number (demo data and tests). Throws on malformed parts. */
export function makeIdNumber(region6: string, birthDate: string, seq3: number): string {
  if (!/^\d{6}$/.test(region6)) throw new Error(`region code must be 6 digits: ${region6}`);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m || calendarDate(`${m[1]}${m[2]}${m[3]}`) === null) throw new Error(`invalid birth date: ${birthDate}`);
  if (!Number.isInteger(seq3) || seq3 < 0 || seq3 > 999) throw new Error(`sequence must be 0..999: ${seq3}`);
  const body = `${region6}${m[1]}${m[2]}${m[3]}${String(seq3).padStart(3, '0')}`;
  return body + idNumberCheckChar(body);
}
