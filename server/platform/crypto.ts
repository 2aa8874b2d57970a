/**
 * Field encryption and blind indexes for regulated personal data (SECURITY.md 28b).
 *
 * One master key (32 bytes) lives outside the database: BELLWETHER_MASTER_KEY or a key file. Purpose keys are
 * derived with HKDF-SHA256 so the encryption key and the blind-index key are independent. Envelope format:
 * `v1.<base64url iv>.<base64url tag>.<base64url ciphertext>` (AES-256-GCM, random 96-bit IV). The algorithm is
 * named in the envelope so SM4-GCM can be added as `v2` where a cryptography assessment requires it.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export type FieldCipher = {
  encrypt(plain: string): string;
  decrypt(envelope: string): string;
  /** keyed hash for equality lookup; `purpose` separates namespaces (id numbers, phones, usernames in logs) */
  blindIndex(purpose: string, normalised: string): string;
};

function deriveKey(master: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
}

export function createFieldCipher(master: Buffer): FieldCipher {
  if (master.length !== 32) throw new Error('主密钥长度必须为 32 字节（base64 编码后 44 个字符）');
  const encKey = deriveKey(master, 'bellwether/field-encryption/v1');
  const idxKey = deriveKey(master, 'bellwether/blind-index/v1');
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
    },
    decrypt(envelope) {
      const [version, iv, tag, ct] = envelope.split('.');
      if (version !== 'v1' || !iv || !tag || ct === undefined) throw new Error('unknown field envelope');
      const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
    },
    blindIndex(purpose, normalised) {
      return createHmac('sha256', idxKey).update(`${purpose}\u0000${normalised}`).digest('hex');
    },
  };
}

/**
 * Loads the master key from the environment value or the key file. When neither exists and `createIfMissing`
 * is set (first start), a random key is written with mode 0600.
 */
export function loadMasterKey(options: { masterKey: string | null; keyFile: string; createIfMissing: boolean }): { key: Buffer; created: boolean } {
  if (options.masterKey) return { key: Buffer.from(options.masterKey, 'base64'), created: false };
  if (fs.existsSync(options.keyFile)) return { key: Buffer.from(fs.readFileSync(options.keyFile, 'utf8').trim(), 'base64'), created: false };
  if (!options.createIfMissing) throw new Error(`找不到主密钥文件 ${options.keyFile}；请设置 BELLWETHER_MASTER_KEY 或恢复密钥文件`);
  const key = randomBytes(32);
  fs.mkdirSync(path.dirname(options.keyFile), { recursive: true, mode: 0o700 });
  fs.writeFileSync(options.keyFile, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return { key, created: true };
}

/** `138****5678` */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** Normalises a mainland mobile number (NFKC, strips spaces, dashes and +86). Returns null if it is not one. */
export function normalisePhone(input: string): string | null {
  const s = input.normalize('NFKC').replace(/[\s-]/g, '').replace(/^\+?86/, '');
  return /^1[3-9]\d{9}$/.test(s) ? s : null;
}
