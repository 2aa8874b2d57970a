export { appendLedgerEvent, verifyLedgerChain, leafHash, chainHash, GENESIS_CHAIN, LEDGER_HASH } from './ledger.ts';
export type { LedgerActor, LedgerEntry, LedgerEventRecord, ChainCheck } from './ledger.ts';
export { canonicalJson } from './canonical-json.ts';
