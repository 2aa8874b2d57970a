/** Small helpers shared by the bench files: statistics, formatting, progress lines, machine description. */
import os from 'node:os';

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Fixed decimals, thousands separated. */
export function fmt(n: number, decimals = 0): string {
  if (!Number.isFinite(n)) return 'n/a';
  return n.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

export function ms(n: number): string {
  return n >= 100 ? fmt(n, 0) : n >= 10 ? fmt(n, 1) : fmt(n, 2);
}

export function ratio(n: number): string {
  return Number.isFinite(n) ? `${n >= 0.01 ? fmt(n, 2) : n.toExponential(1)}×` : 'n/a';
}

const startedAt = Date.now();

/** A progress line on stdout with the time since the bench started. */
export function progress(line: string): void {
  const s = (Date.now() - startedAt) / 1000;
  console.log(`[bench ${fmt(s, 1).padStart(6)} s] ${line}`);
}

export function elapsedSeconds(): number {
  return (Date.now() - startedAt) / 1000;
}

/** Runs `fn` once and returns its duration in milliseconds (high resolution). */
export async function timeOnce(fn: () => unknown): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export type Machine = { cpu: string; cores: number; ramGiB: number; platform: string; node: string };

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    ramGiB: os.totalmem() / 1024 ** 3,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

/** A Markdown table. */
export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
