/**
 * `npx bellwether ledger …` (server/cli.ts delegates here). The verifier and the proof commands open the database
 * READ-ONLY (SQLite readonly; PostgreSQL read-only transaction), start no app services and print one line.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.ts';
import { createDatabase, migrateToLatest, type DatabaseHandle } from '../../db/database.ts';
import { systemClock } from '../clock.ts';
import { createCheckpoint, exportCheckpoint, type ExternalCheckpoint } from './checkpoint.ts';
import { checkProofDocument, proveConsistency, proveInclusion } from './proofs.ts';
import { describeLedgerProtection } from './protection.ts';
import { generateLedgerKeyFile, ledgerPublicKeyPath, loadLedgerSigner } from './signing-key.ts';
import { formatVerdict, verifyLedger } from './verify.ts';

export const LEDGER_HELP = `npx bellwether ledger <subcommand>

  verify [--db FILE | --database-url URL] [--checkpoint FILE...] [--pubkey FILE]
        只读校验账本：序号、叶哈希、哈希链、签名检查点（含外部保存的检查点）；输出一行结论，失败时退出码 1
        read-only check of sequence, leaf hashes, chain and every signed checkpoint (stored and external);
        one-line verdict, exit 1 on the first problem
  checkpoint [--out FILE]
        生成并签名一个新检查点（JSON），交纪委/保密办另行保存 / sign a new checkpoint and write it as JSON
  prove SEQ [--size N] [--db FILE | --database-url URL] [--out FILE]
        输出第 SEQ 条事件的 RFC 6962 包含证明（含所依据的签名检查点）/ RFC 6962 inclusion proof for event SEQ
  consistency M [N] [--db FILE | --database-url URL] [--out FILE]
        输出规模 M → N 的一致性证明 / consistency proof from tree size M to N (default: current size)
  check-proof FILE [--pubkey FILE]
        仅凭哈希校验证明文件（给出公钥时同时校验检查点签名）/ check a proof file from hashes alone
  keygen
        生成检查点签名密钥（生产环境）/ create the checkpoint signing key (production)
  protection
        显示账本表的防篡改触发器与权限 / show the append-only triggers and privileges of the ledger tables
`;

export type LedgerCliIo = { out: (line: string) => void; err: (line: string) => void };

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Values of a repeatable option: `--checkpoint a --checkpoint b` and `--checkpoint a b`. */
function options(args: readonly string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] !== name) continue;
    for (let j = i + 1; j < args.length && !args[j]!.startsWith('--'); j++) out.push(args[j]!);
  }
  return out;
}

function positional(args: readonly string[], index: number): string | undefined {
  const free: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i]!.startsWith('--')) i++;
    else free.push(args[i]!);
  }
  return free[index];
}

/** The database address the ledger commands read (`--db FILE`, `--database-url URL`, else the configured one). */
function databaseAddress(args: readonly string[], config: Config): string {
  const file = option(args, '--db');
  const url = option(args, '--database-url');
  if (file && url) throw new UsageError('--db 与 --database-url 只能给一个 / give either --db or --database-url');
  if (file) {
    if (!fs.existsSync(file)) throw new UsageError(`数据库文件不存在 / no such database file: ${file}`);
    return `sqlite:${path.resolve(file)}`;
  }
  return url ?? config.databaseUrl;
}

function openReadOnly(args: readonly string[], config: Config): DatabaseHandle {
  return createDatabase(databaseAddress(args, config), { readonly: true, poolSize: 2 });
}

class UsageError extends Error {}

function writeOut(io: LedgerCliIo, file: string | undefined, json: unknown): void {
  const text = JSON.stringify(json, null, 2) + '\n';
  if (!file) {
    io.out(text.trimEnd());
    return;
  }
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, text, { flag: 'wx' });
}

function readJson(file: string, what: string): unknown {
  if (!fs.existsSync(file)) throw new UsageError(`${what}不存在 / no such file: ${file}`);
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch {
    throw new UsageError(`${what}不是 JSON / not JSON: ${file}`);
  }
}

function integer(value: string | undefined, name: string): number {
  const n = Number(value);
  if (value === undefined || !Number.isSafeInteger(n) || n < 0) throw new UsageError(`${name} 必须是整数 / must be an integer: ${String(value)}`);
  return n;
}

/** Runs `bellwether ledger <args>`; returns the exit code (0 ok, 1 failed check, 2 usage). */
export async function runLedgerCommand(args: readonly string[], config: Config, io: LedgerCliIo): Promise<number> {
  const [sub, ...rest] = args;
  try {
    switch (sub ?? '') {
      case 'verify':
        return await verifyCommand(rest, config, io);
      case 'checkpoint': {
        const out = option(rest, '--out');
        if (out && fs.existsSync(out)) throw new UsageError(`目标文件已存在，不会覆盖 / ${out} exists; not overwritten`);
        const signer = loadLedgerSigner({ keyFile: config.ledgerKeyFile, createIfMissing: config.demo });
        const handle = createDatabase(config.databaseUrl);
        try {
          await migrateToLatest(handle.db);
          const cp = await createCheckpoint(handle.db, signer, systemClock);
          writeOut(io, out, exportCheckpoint(cp));
          if (out) io.out(`检查点 Checkpoint: ${cp.treeSize} events, root ${cp.root.toString('hex')}, key ${cp.keyId} → ${out}`);
          return 0;
        } finally {
          await handle.destroy();
        }
      }
      case 'prove':
      case 'consistency': {
        const handle = openReadOnly(rest, config);
        try {
          const size = option(rest, '--size');
          const doc =
            sub === 'prove'
              ? await proveInclusion(handle.db, integer(positional(rest, 0), 'SEQ'), size === undefined ? {} : { size: integer(size, '--size') })
              : await proveConsistency(handle.db, integer(positional(rest, 0), 'M'), positional(rest, 1) === undefined ? undefined : integer(positional(rest, 1), 'N'));
          writeOut(io, option(rest, '--out'), doc);
          return 0;
        } finally {
          await handle.destroy();
        }
      }
      case 'check-proof': {
        const file = positional(rest, 0);
        if (!file) throw new UsageError('用法 Usage: npx bellwether ledger check-proof FILE [--pubkey FILE]');
        const pub = option(rest, '--pubkey');
        const result = checkProofDocument(readJson(file, '证明文件'), pub ? { publicKeyPem: fs.readFileSync(pub, 'utf8') } : {});
        if (!result.ok) {
          io.out(`FAILED: ${result.error}`);
          return 1;
        }
        io.out(`OK: ${result.summary}`);
        for (const n of result.notes) io.err(`note: ${n}`);
        return 0;
      }
      case 'keygen': {
        if (fs.existsSync(config.ledgerKeyFile)) throw new UsageError(`账本签名密钥已存在，不会覆盖 / the ledger signing key ${config.ledgerKeyFile} exists; not overwritten`);
        const signer = generateLedgerKeyFile(config.ledgerKeyFile);
        io.out(`已生成账本签名密钥 Ledger signing key created: ${config.ledgerKeyFile}\n公钥 Public key (give it to the verifiers): ${ledgerPublicKeyPath(config.ledgerKeyFile)}\n指纹 Fingerprint: ${signer.keyId}`);
        return 0;
      }
      case 'protection': {
        const handle = openReadOnly(rest, config);
        try {
          io.out(JSON.stringify(await describeLedgerProtection(handle.db), null, 2));
          return 0;
        } finally {
          await handle.destroy();
        }
      }
      default:
        io.err(LEDGER_HELP);
        return 2;
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(e.message);
      return 2;
    }
    throw e;
  }
}

async function verifyCommand(args: readonly string[], config: Config, io: LedgerCliIo): Promise<number> {
  const pubFile = option(args, '--pubkey') ?? ledgerPublicKeyPath(config.ledgerKeyFile);
  if (!fs.existsSync(pubFile)) throw new UsageError(`缺少公钥，请用 --pubkey 指定 / no public key at ${pubFile}; give --pubkey FILE`);
  const checkpoints = options(args, '--checkpoint').map((f) => readJson(f, '检查点文件') as ExternalCheckpoint);
  const handle = openReadOnly(args, config);
  try {
    // From 200,000 events the second half is checked by a second process at the same time (verify-range.ts).
    const verdict = await verifyLedger({ db: handle.db, checkpoints, publicKeyPem: fs.readFileSync(pubFile, 'utf8'), parallel: { url: databaseAddress(args, config) } });
    io.out(formatVerdict(verdict));
    for (const w of verdict.warnings) io.err(`warning: ${w}`);
    return verdict.ok ? 0 : 1;
  } catch (e) {
    // A database that cannot be read is a failed verification too, still on one line.
    io.out(`FAILED: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    await handle.destroy();
  }
}
