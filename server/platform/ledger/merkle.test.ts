import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  emptyRoot,
  hashChildren,
  hashLeaf,
  inclusionProof,
  MerkleAccumulator,
  merkleRoot,
  splitPoint,
  verifyConsistency,
  verifyInclusion,
  type HashAlg,
} from './merkle.ts';

/** The transparency-dev/merkle vectors, copied into the repo (Apache-2.0, LICENSE beside them). */
const VECTORS = path.resolve(import.meta.dirname, 'testdata/rfc6962');
/** The same vectors as handed to the project (absent on a clean clone): the copy must not drift from them. */
const SHARED_VECTORS = path.resolve(import.meta.dirname, '../../../../shared/vectors/rfc6962');

type InclusionVector = { leafIdx: number; treeSize: number; root: string; leafHash: string; proof: string[] | null; desc: string; wantErr: boolean };
type ConsistencyVector = { size1: number; size2: number; root1: string; root2: string; proof: string[] | null; desc: string; wantErr: boolean };

function vectorFiles(kind: 'inclusion' | 'consistency'): string[] {
  const dir = path.join(VECTORS, kind);
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.json'))
    .map((f) => path.join(kind, f))
    .sort();
}

const read = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(VECTORS, file), 'utf8')) as T;
const b64 = (s: string): Buffer => Buffer.from(s, 'base64');
const list = (p: string[] | null): Buffer[] => (p ?? []).map(b64);

/** The 8 reference leaves of RFC 6962's and transparency-dev's tests. */
const REFERENCE_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => hashLeaf(Buffer.from(h, 'hex')));

/** Straight from the RFC's recursive definition: an independent check of the streaming accumulator. */
function referenceMth(leaves: Buffer[], alg: HashAlg = 'sha256'): Buffer {
  if (leaves.length === 0) return createHash(alg).digest();
  if (leaves.length === 1) return leaves[0]!;
  const k = splitPoint(leaves.length);
  return hashChildren(referenceMth(leaves.slice(0, k), alg), referenceMth(leaves.slice(k), alg), alg);
}

function flipBit(proof: Buffer[], element: number, bit: number): Buffer[] {
  return proof.map((h, i) => {
    if (i !== element) return h;
    const copy = Buffer.from(h);
    copy[bit >> 3]! ^= 1 << (bit & 7);
    return copy;
  });
}

describe('RFC 6962 vectors (transparency-dev/merkle testdata)', () => {
  const inclusion = vectorFiles('inclusion');
  const consistency = vectorFiles('consistency');

  it('has the whole set, identical to ../shared/vectors when that folder exists', () => {
    expect(inclusion.length + consistency.length).toBe(196);
    expect(fs.existsSync(path.join(VECTORS, 'LICENSE'))).toBe(true);
    if (!fs.existsSync(SHARED_VECTORS)) return;
    for (const f of [...inclusion, ...consistency]) expect(fs.readFileSync(path.join(VECTORS, f), 'utf8'), f).toBe(fs.readFileSync(path.join(SHARED_VECTORS, f), 'utf8'));
  });

  it.each(inclusion)('inclusion %s', (file) => {
    const v = read<InclusionVector>(file);
    const result = verifyInclusion({ leafIndex: v.leafIdx, treeSize: v.treeSize, leafHash: b64(v.leafHash), proof: list(v.proof), root: b64(v.root) });
    expect(result.ok, `${v.desc}: ${result.ok ? 'accepted' : result.error}`).toBe(!v.wantErr);
  });

  it.each(consistency)('consistency %s', (file) => {
    const v = read<ConsistencyVector>(file);
    const result = verifyConsistency({ size1: v.size1, size2: v.size2, root1: b64(v.root1), root2: b64(v.root2), proof: list(v.proof) });
    expect(result.ok, `${v.desc}: ${result.ok ? 'accepted' : result.error}`).toBe(!v.wantErr);
  });

  it('reproduces the reference root XcnaeacG… and every happy-path proof exactly', () => {
    expect(merkleRoot(REFERENCE_LEAVES).toString('base64')).toBe('XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=');
    expect(merkleRoot([])).toEqual(emptyRoot());
    for (const file of inclusion.filter((f) => f.endsWith('happy-path.json'))) {
      const v = read<InclusionVector>(file);
      expect(REFERENCE_LEAVES[v.leafIdx]!.toString('base64'), file).toBe(v.leafHash);
      expect(merkleRoot(REFERENCE_LEAVES.slice(0, v.treeSize)).toString('base64'), file).toBe(v.root);
      expect(inclusionProof(REFERENCE_LEAVES, v.leafIdx, v.treeSize).map((h) => h.toString('base64')), file).toEqual(v.proof ?? []);
    }
    for (const file of consistency.filter((f) => f.endsWith('happy-path.json'))) {
      const v = read<ConsistencyVector>(file);
      expect(merkleRoot(REFERENCE_LEAVES.slice(0, v.size1)).toString('base64'), file).toBe(v.root1);
      expect(merkleRoot(REFERENCE_LEAVES.slice(0, v.size2)).toString('base64'), file).toBe(v.root2);
      expect(consistencyProof(REFERENCE_LEAVES, v.size1, v.size2).map((h) => h.toString('base64')), file).toEqual(v.proof ?? []);
    }
  });

  it('rejects wrong-leaf and modified-proof[1]-bit-4 in particular (SECURITY.md §4.3)', () => {
    const wrong = read<InclusionVector>('inclusion/1/wrong-leaf.json');
    expect(verifyInclusion({ leafIndex: wrong.leafIdx, treeSize: wrong.treeSize, leafHash: b64(wrong.leafHash), proof: list(wrong.proof), root: b64(wrong.root) }).ok).toBe(false);
    const modified = read<ConsistencyVector>('consistency/1/modified-proof@1-bit-@4.json');
    expect(verifyConsistency({ size1: modified.size1, size2: modified.size2, root1: b64(modified.root1), root2: b64(modified.root2), proof: list(modified.proof) }).ok).toBe(false);
  });
});

describe('exhaustive self-test, 1 ≤ m ≤ n ≤ 64', () => {
  const N = 64;
  const leaves = Array.from({ length: N }, (_, i) => hashLeaf(Buffer.from(`event ${i}`)));
  const roots = Array.from({ length: N + 1 }, (_, n) => merkleRoot(leaves.slice(0, n)));

  it('the streaming accumulator equals the recursive definition for every size up to 300', () => {
    const many = Array.from({ length: 300 }, (_, i) => hashLeaf(Buffer.from([i & 0xff, i >> 8])));
    const acc = new MerkleAccumulator();
    expect(acc.root()).toEqual(emptyRoot());
    for (let n = 1; n <= many.length; n++) {
      acc.push(many[n - 1]!);
      expect(acc.root().equals(referenceMth(many.slice(0, n))), `n=${n}`).toBe(true);
    }
  });

  // Plain booleans collected per case, one expect at the end: tens of thousands of expect() calls would dominate.
  it('every inclusion proof verifies; flipped bits, forged leaves, moved indexes and cut or padded proofs fail', () => {
    const wrong: string[] = [];
    const must = (ok: boolean, want: boolean, what: string) => {
      if (ok !== want) wrong.push(what);
    };
    let checks = 0;
    for (let n = 1; n <= N; n++) {
      const root = roots[n]!;
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(leaves, i, n);
        const input = { leafIndex: i, treeSize: n, leafHash: leaves[i]!, proof, root };
        const v = (patch: Partial<typeof input>) => verifyInclusion({ ...input, ...patch }).ok;
        const at = `leaf ${i} of ${n}`;
        must(v({}), true, at);
        for (let e = 0; e < proof.length; e++) must(v({ proof: flipBit(proof, e, (e * 37 + i) % 256) }), false, `${at}: bit flipped in element ${e}`);
        must(v({ leafHash: hashLeaf(Buffer.from('forged')) }), false, `${at}: forged leaf`);
        if (n > 1) must(v({ leafHash: leaves[(i + 1) % n]! }), false, `${at}: another leaf`);
        if (i % 2 === 1) must(v({ leafIndex: i - 1 }), false, `${at}: index - 1`);
        if (i + 1 < n) must(v({ leafIndex: i + 1 }), false, `${at}: index + 1`);
        must(v({ root: flipBit([root], 0, 3)[0]! }), false, `${at}: other root`);
        must(v({ proof: [...proof, root] }), false, `${at}: trailing garbage`);
        must(v({ proof: [root, ...proof] }), false, `${at}: preceding garbage`);
        if (proof.length > 0) must(v({ proof: proof.slice(1) }), false, `${at}: truncated`);
        if (proof.length > 0) must(v({ proof: proof.slice(0, -1) }), false, `${at}: last element removed`);
        checks++;
      }
    }
    expect(wrong).toEqual([]);
    expect(checks).toBe((N * (N + 1)) / 2);
  });

  it('every consistency proof verifies; flipped bits, rewritten prefixes and cut or padded proofs fail', () => {
    const wrong: string[] = [];
    const must = (ok: boolean, want: boolean, what: string) => {
      if (ok !== want) wrong.push(what);
    };
    for (let n = 1; n <= N; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(leaves, m, n);
        const input = { size1: m, size2: n, root1: roots[m]!, root2: roots[n]!, proof };
        const v = (patch: Partial<typeof input>) => verifyConsistency({ ...input, ...patch }).ok;
        const at = `${m}→${n}`;
        must(v({}), true, at);
        if (m === n) {
          must(proof.length === 0, true, `${at}: proof not empty`);
          must(v({ proof: [roots[m]!] }), false, `${at}: non-empty proof for equal sizes`);
          continue;
        }
        for (let e = 0; e < proof.length; e++) must(v({ proof: flipBit(proof, e, (e * 53 + m) % 256) }), false, `${at}: bit flipped in element ${e}`);
        // A rewritten prefix: one earlier leaf changed. Neither the old proof nor an honest proof over the rewritten
        // leaves connects the rewritten tree of size m to the published root of size n.
        const j = (m * 7 + n) % m;
        const rewritten = leaves.slice(0, n).map((l, k) => (k === j ? hashLeaf(Buffer.from(`rewritten ${k}`)) : l));
        const fakeRoot1 = merkleRoot(rewritten.slice(0, m));
        must(v({ root1: fakeRoot1 }), false, `${at}: rewritten prefix, old proof`);
        must(v({ root1: fakeRoot1, proof: consistencyProof(rewritten, m, n) }), false, `${at}: rewritten prefix, new proof`);
        must(v({ proof: [...proof, roots[m]!] }), false, `${at}: trailing garbage`);
        must(v({ proof: [roots[m]!, ...proof] }), false, `${at}: preceding garbage`);
        must(v({ proof: proof.slice(0, -1) }), false, `${at}: truncated`);
        must(v({ proof: [] }), false, `${at}: empty proof`);
        must(v({ root1: roots[n]!, root2: roots[m]! }), false, `${at}: swapped roots`);
        if (m > 1) must(v({ size1: m - 1 }), false, `${at}: size1 - 1`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('hash algorithm parameter', () => {
  it('builds and verifies SM3 trees; proofs do not cross algorithms', () => {
    const leaves = Array.from({ length: 13 }, (_, i) => hashLeaf(Buffer.from(`sm3 ${i}`), 'sm3'));
    expect(emptyRoot('sm3').toString('hex')).toBe('1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b');
    const root = merkleRoot(leaves, 'sm3');
    expect(root.equals(referenceMth(leaves, 'sm3'))).toBe(true);
    expect(root.equals(merkleRoot(leaves, 'sha256'))).toBe(false);
    const proof = inclusionProof(leaves, 5, 13, 'sm3');
    expect(verifyInclusion({ leafIndex: 5, treeSize: 13, leafHash: leaves[5]!, proof, root, alg: 'sm3' }).ok).toBe(true);
    expect(verifyInclusion({ leafIndex: 5, treeSize: 13, leafHash: leaves[5]!, proof, root }).ok).toBe(false);
    const cproof = consistencyProof(leaves, 6, 13, 'sm3');
    expect(verifyConsistency({ size1: 6, size2: 13, root1: merkleRoot(leaves.slice(0, 6), 'sm3'), root2: root, proof: cproof, alg: 'sm3' }).ok).toBe(true);
    expect(verifyInclusion({ leafIndex: 0, treeSize: 1, leafHash: leaves[0]!, proof: [], root: leaves[0]!, alg: 'md5' as HashAlg }).ok).toBe(false);
  });

  it('computes the root of 100,000 leaves in one streaming pass', () => {
    const acc = new MerkleAccumulator();
    const leaf = randomBytes(32);
    const t = performance.now();
    for (let i = 0; i < 100_000; i++) acc.push(leaf);
    expect(acc.root()).toHaveLength(32);
    expect(performance.now() - t).toBeLessThan(5_000);
  });
});
