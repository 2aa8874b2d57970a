/**
 * Password hashing (argon2id, per-hash salt) and the password policy of SECURITY.md §1 items 1-2:
 * 12..128 characters, no truncation, rejects common passwords and context words (county names, 组织部 in pinyin,
 * the user's name, username and birth date).
 */
import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { LIMITS } from '../../contracts/limits.ts';
import { COMMON_PASSWORDS } from './common-passwords.ts';

/** argon2id with the library defaults (m=19456 KiB, t=2, p=1: OWASP's minimum recommendation). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: 2 });
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so timing does not reveal which usernames exist. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

const CONTEXT_WORDS = ['changsha', 'csx', 'changshaxian', 'zuzhibu', 'zzb', 'bellwether', 'lingtouyang', 'dangjian', 'xingsha', 'password', 'admin', 'qwerty', '长沙', '组织部', '党建', '领头羊'];

export type PasswordProblem = 'TOO_SHORT' | 'TOO_LONG' | 'COMMON' | 'CONTEXT' | 'PERSONAL' | 'REPETITIVE';

/** Returns the first problem or null. `personal` holds the username, name (and its pinyin) and birth date. */
export function checkPasswordPolicy(password: string, personal: string[] = []): PasswordProblem | null {
  const chars = [...password];
  if (chars.length < LIMITS.passwordMin) return 'TOO_SHORT';
  if (chars.length > LIMITS.passwordMax) return 'TOO_LONG';
  const lower = password.toLowerCase();
  const stripped = lower.replace(/[^a-z\u4e00-\u9fff]/g, '');
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(lower.replace(/[\d!@#$%^&*.]+$/, '')) || (stripped.length >= 4 && COMMON_PASSWORDS.has(stripped))) return 'COMMON';
  if (new Set(chars).size < 5) return 'REPETITIVE';
  if (/^(?:0123456789|1234567890|9876543210|abcdefghijkl|qwertyuiop)/.test(lower)) return 'COMMON';
  for (const word of CONTEXT_WORDS) {
    // a context word that makes up most of the password (e.g. zuzhibu2024, Changsha@2016!)
    if (lower.includes(word) && lower.replace(word, '').replace(/[^a-z]/g, '').length < 4) return 'CONTEXT';
  }
  for (const raw of personal) {
    const p = raw.toLowerCase().replace(/-/g, '');
    if (p.length >= 3 && lower.replace(/-/g, '').includes(p)) return 'PERSONAL';
  }
  return null;
}

/** Generates a strong random password for demo accounts and first administrators (about 100 bits). */
export function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = randomBytes(20);
  let out = '';
  for (let i = 0; i < 20; i++) {
    out += alphabet[bytes[i]! % alphabet.length];
    if (i % 5 === 4 && i < 19) out += '-';
  }
  return out;
}
