/**
 * Child process of the parallel verifier (verify-range.ts): reads a RangeTask as JSON on stdin, checks that range of
 * the ledger on its own read-only connection and prints the RangeResult as JSON on stdout.
 */
import { verifyRangeStandalone, type RangeTask } from './verify-range.ts';

async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const task = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RangeTask;
  const result = await verifyRangeStandalone(task);
  process.stdout.write(JSON.stringify(result));
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
