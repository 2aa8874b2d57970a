import { describe, expect, it } from 'vitest';
import { idNumberCheckChar, idNumberProblemMessage, makeIdNumber, maskIdNumber, normaliseIdNumber, validateIdNumber, type IdNumberProblem } from './id-number.ts';

const TODAY = '2026-11-26';

/** python-stdnum (stdnum/cn/ric.py): check = (1 - 2 * int(body, 13)) % 11, 10 → 'X'. Independent of the weights. */
function stdnumCheckChar(body17: string): string {
  let n = 0n;
  for (const ch of body17) n = n * 13n + BigInt(ch.charCodeAt(0) - 48);
  const c = (((1n - 2n * n) % 11n) + 11n) % 11n;
  return c === 10n ? 'X' : c.toString();
}

function problemOf(input: string, today = TODAY): IdNumberProblem | 'OK' {
  const r = validateIdNumber(input, today);
  return r.ok ? 'OK' : r.problem;
}

/** Small deterministic PRNG for the oracle comparison. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('validateIdNumber', () => {
  it('accepts the published GB 11643 examples', () => {
    expect(validateIdNumber('11010519491231002X', TODAY)).toEqual({ ok: true, value: '11010519491231002X', birthDate: '1949-12-31', gender: 'F' });
    expect(validateIdNumber('440524188001010014', TODAY)).toEqual({ ok: true, value: '440524188001010014', birthDate: '1880-01-01', gender: 'M' });
  });

  it('agrees with the python-stdnum base-13 formula on 2,000 generated numbers', () => {
    const rnd = lcg(20161031);
    for (let i = 0; i < 2000; i++) {
      let body = '';
      for (let j = 0; j < 17; j++) body += String(Math.floor(rnd() * 10));
      expect(idNumberCheckChar(body)).toBe(stdnumCheckChar(body));
      // and the full validator on well-formed numbers built from a real date
      const y = 1900 + Math.floor(rnd() * 100);
      const m = 1 + Math.floor(rnd() * 12);
      const d = 1 + Math.floor(rnd() * 28);
      const date = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      const id = makeIdNumber(body.slice(0, 6), date, Math.floor(rnd() * 1000));
      expect(id[17]).toBe(stdnumCheckChar(id.slice(0, 17)));
      expect(validateIdNumber(id, TODAY).ok).toBe(true);
    }
  });

  it('normalises full-width digits, lower-case x and surrounding white space', () => {
    expect(normaliseIdNumber('１１０１０５１９４９１２３１００２ｘ')).toBe('11010519491231002X');
    expect(problemOf('１１０１０５１９４９１２３１００２Ｘ')).toBe('OK');
    expect(problemOf('11010519491231002x')).toBe('OK');
    expect(problemOf('  11010519491231002X\t')).toBe('OK');
    expect(problemOf('\u00a011010519491231002X\u00a0')).toBe('OK');
    expect(problemOf('\u300011010519491231002X\u3000')).toBe('OK');
    const r = validateIdNumber(' 11010519491231002x ', TODAY);
    expect(r.ok && r.value).toBe('11010519491231002X');
  });

  it('reports a wrong check digit', () => {
    expect(problemOf('110105194912310021')).toBe('CHECKSUM');
    expect(problemOf('440524188001010015')).toBe('CHECKSUM');
  });

  it('reports impossible and future birth dates', () => {
    const feb30 = '43012119800230123';
    expect(problemOf(feb30 + idNumberCheckChar(feb30))).toBe('BIRTHDATE');
    const month13 = '43012119801301123';
    expect(problemOf(month13 + idNumberCheckChar(month13))).toBe('BIRTHDATE');
    const feb29NonLeap = '43012119000229123';
    expect(problemOf(feb29NonLeap + idNumberCheckChar(feb29NonLeap))).toBe('BIRTHDATE');
    expect(problemOf(makeIdNumber('430121', '2000-02-29', 123))).toBe('OK');
    expect(problemOf(makeIdNumber('430121', '2026-11-27', 123))).toBe('BIRTHDATE_RANGE');
    expect(problemOf(makeIdNumber('430121', '2026-11-26', 123))).toBe('OK');
    expect(problemOf(makeIdNumber('430121', '1799-12-31', 123))).toBe('BIRTHDATE_RANGE');
  });

  it('answers length, format and legacy problems', () => {
    expect(problemOf('11010519491231002')).toBe('LENGTH');
    expect(problemOf('110105194912310021X')).toBe('LENGTH');
    expect(problemOf('1101051949123100211')).toBe('LENGTH');
    expect(problemOf('1101051949123100XX')).toBe('FORMAT');
    expect(problemOf("110105'OR'1'='1")).toBe('FORMAT');
    expect(problemOf('11010519491231002Y')).toBe('FORMAT');
    expect(problemOf('')).toBe('FORMAT');
    expect(problemOf('110105491231002')).toBe('LEGACY_15');
  });

  it('derives gender from the parity of the sequence', () => {
    const m = validateIdNumber(makeIdNumber('430121', '1985-06-15', 131), TODAY);
    const f = validateIdNumber(makeIdNumber('430121', '1985-06-15', 132), TODAY);
    expect(m.ok && m.gender).toBe('M');
    expect(f.ok && f.gender).toBe('F');
  });
});

describe('messages, masking and construction', () => {
  it('names the field and the fix in plain Chinese', () => {
    const problems: IdNumberProblem[] = ['FORMAT', 'LENGTH', 'CHECKSUM', 'BIRTHDATE', 'BIRTHDATE_RANGE', 'LEGACY_15'];
    for (const p of problems) {
      expect(idNumberProblemMessage(p, 'zh-CN')).toContain('身份证号');
      expect(idNumberProblemMessage(p, 'en')).toMatch(/ID number/);
    }
    expect(idNumberProblemMessage('CHECKSUM', 'zh-CN')).toBe('身份证号校验位不正确，请核对最后一位');
    expect(idNumberProblemMessage('LEGACY_15', 'zh-CN')).toContain('18 位');
  });

  it('masks as region + 8 stars + last 4', () => {
    expect(maskIdNumber('43012119800312123X')).toBe('430121********123X');
    expect(maskIdNumber('11010519491231002x')).toBe('110105********002X');
    expect(maskIdNumber('123')).toBe('***');
  });

  it('makeIdNumber rejects malformed parts', () => {
    expect(() => makeIdNumber('43012', '1980-01-01', 1)).toThrow();
    expect(() => makeIdNumber('430121', '1980-02-30', 1)).toThrow();
    expect(() => makeIdNumber('430121', '1980-01-01', 1000)).toThrow();
    expect(makeIdNumber('110105', '1949-12-31', 2)).toBe('11010519491231002X');
  });
});
