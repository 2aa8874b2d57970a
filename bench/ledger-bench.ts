/**
 * Ledger append cost against raw hashing. Baseline: SHA-256 over 1 KB payloads in a tight loop (what the chain
 * fundamentally costs per event). Measured: appendLedgerEvent with a ~1 KB payload, (a) one event per
 * transaction, as every business write does, and (b) 100 events per transaction, which separates the commit
 * (fsync) from the append itself (advisory lock / write lock, read the head, hash, insert).
 */
import { createHash, randomBytes } from 'node:crypto';
import { inTransaction, type Db } from '../server/db/database.ts';
import { appendLedgerEvent } from '../server/platform/ledger/index.ts';
import { median } from './lib.ts';

export type HashBaseline = { opsPerSec: number; runs: number[] };

export function rawHashing(seconds = 0.5, runs = 5): HashBaseline {
  const payload = randomBytes(1024);
  const rates: number[] = [];
  for (let r = 0; r < runs; r++) {
    let n = 0;
    const t0 = process.hrtime.bigint();
    const until = t0 + BigInt(Math.round(seconds * 1e9));
    let now = t0;
    while (now < until) {
      for (let i = 0; i < 1000; i++) createHash('sha256').update(payload).digest();
      n += 1000;
      now = process.hrtime.bigint();
    }
    rates.push(n / (Number(now - t0) / 1e9));
  }
  return { opsPerSec: median(rates), runs: rates };
}

export type LedgerRate = { perTransaction: number; opsPerSec: number; runs: number[] };

export async function ledgerAppendRate(db: Db, perTransaction: number, seconds = 1.5, runs = 3): Promise<LedgerRate> {
  const blob = 'x'.repeat(900);
  const rates: number[] = [];
  let id = 0;
  for (let r = 0; r < runs; r++) {
    let n = 0;
    const t0 = Date.now();
    while (Date.now() - t0 < seconds * 1000) {
      await inTransaction(db, async (trx) => {
        for (let i = 0; i < perTransaction; i++) {
          id++;
          await appendLedgerEvent(trx, { userId: null, role: 'SYSTEM' }, { action: 'bench.append', objectType: 'bench', objectId: String(id), orgPath: '/', payload: { blob, id } }, new Date());
        }
      });
      n += perTransaction;
    }
    rates.push(n / ((Date.now() - t0) / 1000));
  }
  return { perTransaction, opsPerSec: median(rates), runs: rates };
}
