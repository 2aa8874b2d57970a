import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from './common-passwords.ts';
import { checkPasswordPolicy, generatePassword, hashPassword, verifyPassword } from './password.ts';

/** Cuts a string to exactly n code points (emoji count as one character). */
function codePoints(s: string, n: number): string {
  const chars = [...s];
  while (chars.length < n) chars.push(...chars);
  return chars.slice(0, n).join('');
}

describe('checkPasswordPolicy', () => {
  it('enforces 12..128 characters, counted as code points', () => {
    expect(checkPasswordPolicy('kT9#vq2Lm!x')).toBe('TOO_SHORT');
    expect(checkPasswordPolicy('kT9#vq2Lm!xR')).toBeNull();
    const emoji = codePoints('Bright🐑river stone🌊maple walk 晨雾松林 ', 64);
    expect([...emoji]).toHaveLength(64);
    expect(emoji.length).toBeGreaterThan(64); // UTF-16 units: no truncation or byte counting
    expect(checkPasswordPolicy(emoji)).toBeNull();
    const long = codePoints('Rq7#wZ2pLx9vNc4tBm8kYh3jFd6sGa5e', 128);
    expect(checkPasswordPolicy(long)).toBeNull();
    expect(checkPasswordPolicy(long + 'Q')).toBe('TOO_LONG');
    // 11 emoji are 22 UTF-16 units but still too short
    expect(checkPasswordPolicy('🐑🌊⛰🍵🎋🏮🐉🌸🍂🌙🔥')).toBe('TOO_SHORT');
  });

  it('rejects common passwords and their decorated forms', () => {
    expect(checkPasswordPolicy('Abc@123456789')).toBe('COMMON');
    expect(checkPasswordPolicy('woaini1314520')).toBe('COMMON');
    expect(checkPasswordPolicy('Iloveyou1314!')).toBe('COMMON');
    expect(checkPasswordPolicy('1234567890123')).not.toBeNull();
    expect(checkPasswordPolicy('qwertyuiop123')).not.toBeNull();
    expect(checkPasswordPolicy('Password2016!')).toBe('COMMON');
  });

  it('rejects passwords built on context words', () => {
    expect(checkPasswordPolicy('zuzhibu2024')).toBe('TOO_SHORT');
    expect(checkPasswordPolicy('Zuzhibu2024!')).not.toBeNull();
    expect(checkPasswordPolicy('zuzhibu@2024')).not.toBeNull();
    expect(checkPasswordPolicy('Changsha@2016!!')).not.toBeNull();
    expect(checkPasswordPolicy('csx@2016#2017')).toBe('CONTEXT');
    expect(checkPasswordPolicy('组织部2016组织部2017')).toBe('CONTEXT');
  });

  it('rejects personal data such as the birth date and name', () => {
    const personal = ['zhangwei', '张伟', 'zhangwei', '1980-03-12'];
    expect(checkPasswordPolicy('Tulip-19800312-Harbor', personal)).toBe('PERSONAL');
    expect(checkPasswordPolicy('Tulip-1980-03-12-Harbor', personal)).toBe('PERSONAL');
    expect(checkPasswordPolicy('ZhangWei#Tulip-Harbor', personal)).toBe('PERSONAL');
    expect(checkPasswordPolicy('Tulip-19800312-Harbor')).toBeNull();
  });

  it('rejects repetitive passwords', () => {
    expect(checkPasswordPolicy('abababababab')).toBe('REPETITIVE');
    expect(checkPasswordPolicy('zzzzzzzzzzzzzzzz')).toBe('REPETITIVE');
  });

  it('accepts a random passphrase', () => {
    expect(checkPasswordPolicy('violet tractor museum 47 lantern')).toBeNull();
    expect(checkPasswordPolicy('湘江晨雾-橘洲渡口-47号')).toBeNull();
  });

  it('generatePassword() always passes the policy', () => {
    for (let i = 0; i < 300; i++) {
      const pw = generatePassword();
      expect(pw).toMatch(/^[A-Za-z2-9]{5}(?:-[A-Za-z2-9]{5}){3}$/);
      expect(checkPasswordPolicy(pw, ['sysadmin', '系统管理员'])).toBeNull();
    }
  });
});

describe('common password list', () => {
  it('holds about 3,000 lower-case entries including the Chinese favourites', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThanOrEqual(3000);
    expect(COMMON_PASSWORDS.size).toBeLessThan(3500);
    for (const w of ['123456', 'woaini1314', '5201314', 'qq123456', 'a123456', 'zxcvbnm', '1qaz2wsx', 'abc123456', '888888', 'iloveyou', 'zuzhibu']) {
      expect(COMMON_PASSWORDS.has(w)).toBe(true);
    }
    for (const w of COMMON_PASSWORDS) expect(w).toBe(w.toLowerCase());
  });
});

describe('hashPassword', () => {
  it('verifies the right password only', async () => {
    const stored = await hashPassword('violet tractor museum 47');
    expect(stored.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(stored, 'violet tractor museum 47')).toBe(true);
    expect(await verifyPassword(stored, 'violet tractor museum 48')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
});
