/**
 * The Ed25519 key that signs ledger checkpoints. It lives OUTSIDE the database (SECURITY.md §4.2): a PKCS#8 PEM
 * file at BELLWETHER_LEDGER_KEY_FILE (default `<data dir>/keys/ledger-ed25519.pem`, mode 0600) with the public key
 * beside it (`ledger-ed25519.pub.pem`). Demo mode generates it on first use; production creates it with
 * `npx bellwether ledger keygen` (ideally on a separate OS account, and hands the public key to the verifiers).
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export type LedgerSigner = {
  /** Fingerprint of the public key: `SHA256:` + base64 of SHA-256 over the SubjectPublicKeyInfo DER. */
  keyId: string;
  publicKeyPem: string;
  sign(data: Uint8Array): Buffer;
};

/** `…/ledger-ed25519.pem` → `…/ledger-ed25519.pub.pem` */
export function ledgerPublicKeyPath(keyFile: string): string {
  return keyFile.endsWith('.pem') ? `${keyFile.slice(0, -'.pem'.length)}.pub.pem` : `${keyFile}.pub.pem`;
}

export function publicKeyFingerprint(publicKey: string | KeyObject): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  const der = key.export({ type: 'spki', format: 'der' });
  return `SHA256:${createHash('sha256').update(der).digest('base64')}`;
}

function assertEd25519(key: KeyObject, where: string): void {
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${where} is not an Ed25519 key (${key.asymmetricKeyType ?? 'symmetric'})`);
}

/** Parses a pinned public key (PEM); throws a readable error for anything but Ed25519. */
export function loadPublicKey(pem: string, where = 'public key'): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new Error(`${where}: not a PEM public key`);
  }
  assertEd25519(key, where);
  return key;
}

export function signerFromPrivateKey(privateKey: KeyObject): LedgerSigner {
  assertEd25519(privateKey, 'ledger signing key');
  const publicKey = createPublicKey(privateKey);
  return {
    keyId: publicKeyFingerprint(publicKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign: (data) => sign(null, data, privateKey),
  };
}

/** A fresh in-memory key (tests, and an attacker's key in the tamper tests). */
export function generateLedgerSigner(): LedgerSigner {
  return signerFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
}

/** Writes a new key pair; refuses to overwrite an existing key (old checkpoints would become unverifiable). */
export function generateLedgerKeyFile(keyFile: string): LedgerSigner {
  if (fs.existsSync(keyFile)) throw new Error(`账本签名密钥已存在，不会覆盖 / the ledger signing key ${keyFile} exists; not overwritten`);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  fs.mkdirSync(path.dirname(keyFile), { recursive: true, mode: 0o700 });
  fs.writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  fs.writeFileSync(ledgerPublicKeyPath(keyFile), publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
  return signerFromPrivateKey(privateKey);
}

/** Loads the signing key; generates it when missing and `createIfMissing` (demo mode). Rewrites a missing public key file. */
export function loadLedgerSigner(options: { keyFile: string; createIfMissing: boolean }): LedgerSigner & { created: boolean } {
  const { keyFile, createIfMissing } = options;
  if (!fs.existsSync(keyFile)) {
    if (!createIfMissing) {
      throw new Error(`缺少账本签名密钥 ${keyFile}。请运行：npx bellwether ledger keygen\nThe ledger signing key ${keyFile} is missing; create it with: npx bellwether ledger keygen`);
    }
    return { ...generateLedgerKeyFile(keyFile), created: true };
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(fs.readFileSync(keyFile, 'utf8'));
  } catch {
    throw new Error(`账本签名密钥文件无法读取 / ${keyFile} is not a PEM private key`);
  }
  const signer = signerFromPrivateKey(key);
  const pub = ledgerPublicKeyPath(keyFile);
  if (!fs.existsSync(pub)) fs.writeFileSync(pub, signer.publicKeyPem, { mode: 0o644 });
  return { ...signer, created: false };
}

export function verifySignature(publicKey: KeyObject, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    return verify(null, data, publicKey, signature);
  } catch {
    return false;
  }
}
