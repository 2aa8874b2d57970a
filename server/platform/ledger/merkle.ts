/**
 * RFC 6962 / RFC 9162 §2.1 Merkle trees over leaf hashes (leaf hash = H(0x00 || data), computed by the ledger).
 *
 * - MTH({}) = H(), MTH({d0}) = leaf hash, MTH(D[n]) = H(0x01 || MTH(D[0:k]) || MTH(D[k:n])), k = largest power of
 *   two smaller than n.
 * - Inclusion and consistency proofs are generated as lists of leaf ranges whose subtree hashes make up the proof,
 *   so the caller can compute them from memory or by streaming rows from the database (see proofs.ts).
 * - Verification follows RFC 9162 §2.1.3.2 and §2.1.4.2 and checks EVERY element (length of each hash, number of
 *   hashes, sizes): the immudb lesson (GHSA-672p-m5jq-mrh8) is that a verifier that skips elements can be fooled.
 *
 * The hash algorithm is a parameter ('sha256' by default, 'sm3' through Node's OpenSSL) and is recorded in every
 * checkpoint. Sizes are JavaScript numbers (safe integers; 2^53 leaves is beyond any county).
 */
import { createHash, hash } from 'node:crypto';

export type HashAlg = 'sha256' | 'sm3';
export const HASH_ALGS: readonly HashAlg[] = ['sha256', 'sm3'];
export const DEFAULT_HASH_ALG: HashAlg = 'sha256';

const HASH_SIZE: Record<HashAlg, number> = { sha256: 32, sm3: 32 };
const LEAF_PREFIX = Buffer.from([0x00]);

export function isHashAlg(value: unknown): value is HashAlg {
  return typeof value === 'string' && (HASH_ALGS as readonly string[]).includes(value);
}

export function hashSize(alg: HashAlg = DEFAULT_HASH_ALG): number {
  return HASH_SIZE[alg];
}

/** H() — the root of the empty tree. */
export function emptyRoot(alg: HashAlg = DEFAULT_HASH_ALG): Buffer {
  return createHash(alg).digest();
}

/** H(0x00 || data) */
export function hashLeaf(data: Uint8Array, alg: HashAlg = DEFAULT_HASH_ALG): Buffer {
  return createHash(alg).update(LEAF_PREFIX).update(data).digest();
}

// One-shot crypto.hash over a reused buffer is about twice as fast as createHash().update().digest() per node,
// which matters when a verifier hashes a million interior nodes.
let scratch = Buffer.alloc(1 + 2 * 32);

/** H(0x01 || left || right) */
export function hashChildren(left: Uint8Array, right: Uint8Array, alg: HashAlg = DEFAULT_HASH_ALG): Buffer {
  const length = 1 + left.length + right.length;
  if (scratch.length !== length) scratch = Buffer.alloc(length);
  scratch[0] = 0x01;
  scratch.set(left, 1);
  scratch.set(right, 1 + left.length);
  return hash(alg, scratch, 'buffer');
}

/** Largest power of two strictly smaller than n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: number): boolean {
  return n >= 1 && splitPoint(n + 1) === n;
}

function checkSize(name: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative safe integer, got ${n}`);
}

/**
 * Streaming Merkle Tree Hash: push leaf hashes in order; `root()` is the MTH of everything pushed so far.
 * Keeps one hash per 1-bit of the size (O(log n) memory, the "compact range" of the tree) and does n-1 interior
 * hashes in total, so it can run over millions of rows while they stream from the database. `root()` does not change
 * the state, so the roots of several prefixes (checkpoints) can be taken in one pass.
 *
 * Hot path of the verifier: the stack lives in one preallocated buffer, every interior node is hashed from one
 * scratch buffer (0x01 ‖ left ‖ right), and digests come back as binary (latin1) strings written straight into place: on
 * Node 20 a Buffer digest costs several times the hash of 65 bytes itself, a string digest does not.
 */
export class MerkleAccumulator {
  readonly alg: HashAlg;
  readonly #hs: number;
  /** slot i (i < depth) at i * hs: the roots of the perfect subtrees, largest first */
  readonly #stack: Buffer;
  #depth = 0;
  /** 0x01 ‖ left ‖ right; the value being pushed is always in the right half */
  readonly #node: Buffer;
  #size = 0;

  constructor(alg: HashAlg = DEFAULT_HASH_ALG) {
    this.alg = alg;
    this.#hs = hashSize(alg);
    this.#stack = Buffer.alloc(64 * this.#hs);
    this.#node = Buffer.alloc(1 + 2 * this.#hs);
    this.#node[0] = 0x01;
  }

  get size(): number {
    return this.#size;
  }

  push(leafHash: Uint8Array): void {
    if (leafHash.length !== this.#hs) throw new RangeError(`leaf hash must have ${this.#hs} bytes`);
    this.#node.set(leafHash, 1 + this.#hs);
    this.#merge();
  }

  /** push() of a leaf hash given as hex (the verifier's form; the caller has checked it is a well-formed digest). */
  pushHex(leafHex: string): void {
    if (this.#node.write(leafHex, 1 + this.#hs, 'hex') !== this.#hs) throw new RangeError(`leaf hash must have ${this.#hs} bytes`);
    this.#merge();
  }

  #merge(): void {
    const hs = this.#hs;
    const node = this.#node;
    // Merge with the perfect subtrees of equal size: one merge per trailing 1-bit of the old size.
    for (let s = this.#size; s % 2 === 1; s = (s - 1) / 2) {
      if (this.#depth === 0) throw new Error('merkle accumulator corrupted');
      this.#depth--;
      this.#stack.copy(node, 1, this.#depth * hs, (this.#depth + 1) * hs);
      node.write(hash(this.alg, node, 'binary'), 1 + hs, 'latin1');
    }
    node.copy(this.#stack, this.#depth * hs, 1 + hs, 1 + 2 * hs);
    this.#depth++;
    this.#size++;
  }

  root(): Buffer {
    const hs = this.#hs;
    if (this.#depth === 0) return emptyRoot(this.alg);
    let r: Buffer = Buffer.from(this.#stack.subarray((this.#depth - 1) * hs, this.#depth * hs));
    for (let i = this.#depth - 2; i >= 0; i--) r = hashChildren(this.#stack.subarray(i * hs, (i + 1) * hs), r, this.alg);
    return r;
  }
}

/** MTH of a list of leaf hashes. */
export function merkleRoot(leafHashes: readonly Uint8Array[], alg: HashAlg = DEFAULT_HASH_ALG): Buffer {
  const acc = new MerkleAccumulator(alg);
  for (const leaf of leafHashes) acc.push(leaf);
  return acc.root();
}

/** A half-open range of leaf indexes [start, end) whose subtree hash is one element of a proof. */
export type LeafRange = readonly [start: number, end: number];

/** RFC 9162 §2.1.3.1 PATH(m, D[n]) as the ranges of its elements, bottom-up. Requires 0 ≤ index < size. */
export function inclusionProofRanges(index: number, size: number): LeafRange[] {
  checkSize('size', size);
  checkSize('index', index);
  if (index >= size) throw new RangeError(`leaf index ${index} is not in a tree of size ${size}`);
  const out: LeafRange[] = [];
  const path = (m: number, start: number, end: number): void => {
    const n = end - start;
    if (n <= 1) return;
    const k = splitPoint(n);
    if (m < k) {
      path(m, start, start + k);
      out.push([start + k, end]);
    } else {
      path(m - k, start + k, end);
      out.push([start, start + k]);
    }
  };
  path(index, 0, size);
  return out;
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]) as the ranges of its elements. Requires 0 < m ≤ n; empty when m = n. */
export function consistencyProofRanges(size1: number, size2: number): LeafRange[] {
  checkSize('size1', size1);
  checkSize('size2', size2);
  if (size1 === 0 || size1 > size2) throw new RangeError(`no consistency proof from size ${size1} to size ${size2}`);
  const out: LeafRange[] = [];
  const subproof = (m: number, start: number, end: number, complete: boolean): void => {
    const n = end - start;
    if (m === n) {
      if (!complete) out.push([start, end]);
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      subproof(m, start, start + k, complete);
      out.push([start + k, end]);
    } else {
      subproof(m - k, start + k, end, false);
      out.push([start, start + k]);
    }
  };
  if (size1 < size2) subproof(size1, 0, size2, true);
  return out;
}

function rangeRoot(leafHashes: readonly Uint8Array[], [start, end]: LeafRange, alg: HashAlg): Buffer {
  return merkleRoot(leafHashes.slice(start, end), alg);
}

/** Inclusion proof (audit path) of leaf `index` in the tree made of the first `size` leaf hashes. */
export function inclusionProof(leafHashes: readonly Uint8Array[], index: number, size = leafHashes.length, alg: HashAlg = DEFAULT_HASH_ALG): Buffer[] {
  if (size > leafHashes.length) throw new RangeError(`tree size ${size} is larger than the ${leafHashes.length} leaves given`);
  return inclusionProofRanges(index, size).map((r) => rangeRoot(leafHashes, r, alg));
}

/** Consistency proof between the trees of the first `size1` and the first `size2` leaf hashes. */
export function consistencyProof(leafHashes: readonly Uint8Array[], size1: number, size2 = leafHashes.length, alg: HashAlg = DEFAULT_HASH_ALG): Buffer[] {
  if (size2 > leafHashes.length) throw new RangeError(`tree size ${size2} is larger than the ${leafHashes.length} leaves given`);
  return consistencyProofRanges(size1, size2).map((r) => rangeRoot(leafHashes, r, alg));
}

export type ProofCheck = { ok: true } | { ok: false; error: string };

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

function isNonNegativeSafeInteger(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

function badElement(proof: readonly Uint8Array[], size: number): string | null {
  for (let i = 0; i < proof.length; i++) {
    const p = proof[i];
    if (!(p instanceof Uint8Array)) return `proof element ${i} is not a byte string`;
    if (p.length !== size) return `proof element ${i} has ${p.length} bytes, expected ${size}`;
  }
  return null;
}

/** Array.isArray without narrowing the element type to any. */
const isList = (value: unknown): boolean => Array.isArray(value);

const equalBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && Buffer.compare(a, b) === 0;

export type InclusionInput = { leafIndex: number; treeSize: number; leafHash: Uint8Array; proof: readonly Uint8Array[]; alg?: HashAlg };

/**
 * RFC 9162 §2.1.3.2 up to the final comparison: the root that `proof` gives for leaf `leafIndex` (0-based) of a tree of
 * `treeSize` leaves, or the reason the proof is malformed (sizes, number and length of elements).
 */
export function rootFromInclusionProof({ leafIndex, treeSize, leafHash, proof, alg = DEFAULT_HASH_ALG }: InclusionInput): { ok: true; root: Buffer } | { ok: false; error: string } {
  if (!isHashAlg(alg)) return fail(`unsupported hash algorithm ${String(alg)}`);
  const size = hashSize(alg);
  if (!isNonNegativeSafeInteger(leafIndex) || !isNonNegativeSafeInteger(treeSize)) return fail('leaf index and tree size must be non-negative integers');
  if (leafIndex >= treeSize) return fail(`leaf index ${leafIndex} is not in a tree of size ${treeSize}`);
  if (!(leafHash instanceof Uint8Array) || leafHash.length !== size) return fail(`leaf hash must have ${size} bytes`);
  if (!isList(proof)) return fail('proof must be a list of hashes');
  const bad = badElement(proof, size);
  if (bad) return fail(bad);
  const expected = inclusionProofRanges(leafIndex, treeSize).length;
  if (proof.length !== expected) return fail(`proof has ${proof.length} hashes, a tree of size ${treeSize} needs ${expected} for leaf ${leafIndex}`);

  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Buffer = Buffer.from(leafHash);
  for (const p of proof) {
    if (sn === 0) return fail('proof is too long');
    if (fn % 2 === 1 || fn === sn) {
      r = hashChildren(p, r, alg);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      r = hashChildren(r, p, alg);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) return fail('proof is too short');
  return { ok: true, root: r };
}

/** RFC 9162 §2.1.3.2: verifies that `leafHash` is leaf number `leafIndex` (0-based) of the tree of `treeSize` leaves with `root`. */
export function verifyInclusion(input: InclusionInput & { root: Uint8Array }): ProofCheck {
  const alg = input.alg ?? DEFAULT_HASH_ALG;
  if (!isHashAlg(alg)) return fail(`unsupported hash algorithm ${String(alg)}`);
  if (!(input.root instanceof Uint8Array) || input.root.length !== hashSize(alg)) return fail(`root must have ${hashSize(alg)} bytes`);
  const computed = rootFromInclusionProof(input);
  if (!computed.ok) return computed;
  if (!equalBytes(computed.root, input.root)) return fail('calculated root does not match the given root');
  return { ok: true };
}

export type ConsistencyInput = { size1: number; size2: number; root1: Uint8Array; root2: Uint8Array; proof: readonly Uint8Array[]; alg?: HashAlg };

/** RFC 9162 §2.1.4.2: verifies that the tree of `size1` leaves with `root1` is a prefix of the tree of `size2` leaves with `root2`. */
export function verifyConsistency({ size1, size2, root1, root2, proof, alg = DEFAULT_HASH_ALG }: ConsistencyInput): ProofCheck {
  if (!isHashAlg(alg)) return fail(`unsupported hash algorithm ${String(alg)}`);
  const size = hashSize(alg);
  if (!isNonNegativeSafeInteger(size1) || !isNonNegativeSafeInteger(size2)) return fail('tree sizes must be non-negative integers');
  if (size1 > size2) return fail(`size1 ${size1} is larger than size2 ${size2}`);
  if (size1 === 0) return fail('a consistency proof from the empty tree proves nothing');
  if (!(root1 instanceof Uint8Array) || !(root2 instanceof Uint8Array)) return fail('roots must be byte strings');
  if (!isList(proof)) return fail('proof must be a list of hashes');
  if (size1 === size2) {
    if (proof.length !== 0) return fail('equal sizes need an empty proof');
    return equalBytes(root1, root2) ? { ok: true } : fail('equal sizes but different roots');
  }
  if (root1.length !== size || root2.length !== size) return fail(`roots must have ${size} bytes`);
  if (proof.length === 0) return fail('empty consistency proof for different sizes');
  const bad = badElement(proof, size);
  if (bad) return fail(bad);
  const expected = consistencyProofRanges(size1, size2).length;
  if (proof.length !== expected) return fail(`proof has ${proof.length} hashes, ${size1}→${size2} needs ${expected}`);

  const path: readonly Uint8Array[] = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = (fn - 1) / 2;
    sn = Math.floor(sn / 2);
  }
  let fr: Buffer = Buffer.from(path[0]!);
  let sr: Buffer = fr;
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    if (sn === 0) return fail('proof is too long');
    if (fn % 2 === 1 || fn === sn) {
      fr = hashChildren(c, fr, alg);
      sr = hashChildren(c, sr, alg);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = hashChildren(sr, c, alg);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) return fail('proof is too short');
  if (!equalBytes(fr, root1)) return fail('proof does not reproduce root1 (the earlier tree was rewritten)');
  if (!equalBytes(sr, root2)) return fail('proof does not reproduce root2');
  return { ok: true };
}
