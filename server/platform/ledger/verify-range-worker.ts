/**
 * Child process of the parallel verifier (verify-range.ts): reads a RangeTask from the JSON file named by its argument,
 * checks that range of the ledger on its own read-only connection and prints the RangeResult as JSON on stdout.
 */
import fs from 'node:fs';
import { verifyRangeStandalone, type RangeTask } from './verify-range.ts';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: verify-range-worker TASK_FILE');
  const task = JSON.parse(fs.readFileSync(file, 'utf8')) as RangeTask;
  const result = await verifyRangeStandalone(task);
  process.stdout.write(JSON.stringify(result));
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
