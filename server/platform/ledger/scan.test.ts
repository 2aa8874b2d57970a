import { describe, expect, it } from 'vitest';
import { chainHash, GENESIS_CHAIN, leafData, leafHash, type LedgerEventRecord } from './ledger.ts';
import { leafJson, LedgerScanner } from './scan.ts';

const records: LedgerEventRecord[] = [
  { seq: 1, ts: '2026-11-26T08:00:00.000Z', actorUserId: 'u1', actorRole: 'ORG_HEAD', orgPath: '/1/', action: 'cadre.update', objectType: 'cadre', objectId: 'c1', payload: '{}' },
  { seq: 2, ts: '2026-11-26T08:00:01.000Z', actorUserId: null, actorRole: null, orgPath: '/', action: 'demo.seeded', objectType: 'system', objectId: 'x', payload: '{"a":[1,2,{"b":null}]}' },
  { seq: 3, ts: '2001-01-01T00:00:00.000Z', actorUserId: '引号"和\\反斜杠', actorRole: 'R\n\t\u0000', orgPath: '/长沙县/星沙街道/', action: '讨论决定', objectType: '干部', objectId: '😀\ud800', payload: '{"姓名":"张*"}' },
  { seq: 9007199254740991, ts: '', actorUserId: '', actorRole: '', orgPath: '', action: '', objectType: '', objectId: '', payload: '' },
];

const row = (r: LedgerEventRecord) => ({ seq: r.seq, ts: r.ts, actor_user_id: r.actorUserId, actor_role: r.actorRole, org_path: r.orgPath, action: r.action, object_type: r.objectType, object_id: r.objectId, payload: r.payload, leaf_hash: leafHash(r), chain_hash: '' });

describe('verifier fast path', () => {
  it('serialises exactly the bytes of the leaf hash definition (leafData)', () => {
    for (const r of records) expect(Buffer.from(leafJson(row(r)), 'utf8').equals(leafData(r)), JSON.stringify(r)).toBe(true);
  });

  it('recomputes leaf and chain hashes exactly as appendLedgerEvent stores them', () => {
    const scanner = new LedgerScanner();
    let previous = GENESIS_CHAIN;
    for (const [i, r] of records.slice(0, 3).entries()) {
      const record = { ...r, seq: i + 1 };
      previous = chainHash(previous, leafHash(record));
      expect(scanner.check({ ...row(record), chain_hash: previous })).toBeNull();
    }
    expect(scanner).toMatchObject({ size: 3, chainHead: previous });
    expect(scanner.check({ ...row({ ...records[0]!, seq: 4 }), chain_hash: previous })).toEqual({ problem: 'chain hash mismatch at seq 4', seq: 4 });
  });
});
