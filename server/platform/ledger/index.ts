export { appendLedgerEvent, appendLedgerEvents, verifyLedgerChain, leafHash, chainHash, GENESIS_CHAIN, LEDGER_HASH } from './ledger.ts';
export type { LedgerActor, LedgerEntry, LedgerEventRecord, ChainCheck } from './ledger.ts';
export { canonicalJson } from './canonical-json.ts';
export {
  MerkleAccumulator,
  merkleRoot,
  hashLeaf,
  hashChildren,
  emptyRoot,
  inclusionProof,
  consistencyProof,
  verifyInclusion,
  verifyConsistency,
  rootFromInclusionProof,
} from './merkle.ts';
export type { HashAlg, ProofCheck } from './merkle.ts';
export { generateLedgerKeyFile, generateLedgerSigner, loadLedgerSigner, ledgerPublicKeyPath, publicKeyFingerprint } from './signing-key.ts';
export type { LedgerSigner } from './signing-key.ts';
export {
  createCheckpoint,
  exportCheckpoint,
  parseExportedCheckpoint,
  listCheckpoints,
  latestCheckpoint,
  signCheckpoint,
  computeTreeHead,
  startCheckpointTimer,
  CHECKPOINT_TYPE,
} from './checkpoint.ts';
export type { Checkpoint, ExportedCheckpoint, ExternalCheckpoint, CheckpointTimer } from './checkpoint.ts';
export { verifyLedger, formatVerdict } from './verify.ts';
export type { LedgerVerdict, VerifyLedgerOptions } from './verify.ts';
export { proveInclusion, proveConsistency, checkProofDocument } from './proofs.ts';
export type { InclusionProofDocument, ConsistencyProofDocument } from './proofs.ts';
export { describeLedgerProtection } from './protection.ts';
export type { LedgerProtection } from './protection.ts';
export type { LedgerCheckpointTable } from './scan.ts';
