/**
 * HTTP load: starts bench/serve.ts in a child process, logs in, and drives it with autocannon from this process.
 * Every round measures the bare Fastify route and each application route back to back, so drift (CPU
 * frequency, page cache, autovacuum) hits the baseline and the application alike.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { median, progress } from './lib.ts';
import type { ServeReady } from './serve.ts';

export type BenchServer = { appUrl: string; bareUrl: string; describe: string; stop: () => Promise<void> };

/** `script`: the server file in bench/ (serve.ts; o2o-serve.ts for §7). */
export async function startBenchServer(env: NodeJS.ProcessEnv, script = 'serve.ts'): Promise<BenchServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, script)], {
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<ServeReady>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('bench server did not start within 60 s')), 60_000);
    child.once('message', (m) => {
      clearTimeout(timer);
      resolve(m as ServeReady);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bench server exited with code ${String(code)} before it was ready`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    appUrl: `http://127.0.0.1:${ready.appPort}`,
    bareUrl: `http://127.0.0.1:${ready.barePort}`,
    describe: ready.describe,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.send('stop');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Logs in through the API and returns the session cookie (`name=value`). */
export async function login(appUrl: string, username: string, password: string): Promise<{ cookie: string; token: string }> {
  const res = await fetch(`${appUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: appUrl },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login as ${username} failed: HTTP ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => /bw_sid=/.test(c));
  if (!cookie) throw new Error('login returned no session cookie');
  return { cookie, token: cookie.slice(cookie.indexOf('=') + 1) };
}

export type LoadTarget = { key: string; label: string; url: string; headers: Record<string, string> };

export type LoadRun = { rps: number; p50: number; p99: number; requests: number; bad: number };

export type LoadSummary = { target: LoadTarget; runs: LoadRun[]; rps: number; p50: number; p99: number; bad: number };

/** Waits until the application has finished every request (see serve.ts); returns how long that took. */
async function drain(bareUrl: string): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    const res = await fetch(`${bareUrl}/inflight`);
    const { inflight } = (await res.json()) as { inflight: number };
    if (inflight === 0) return Date.now() - t0;
    if (Date.now() - t0 > 180_000) throw new Error(`bench server still has ${inflight} requests in flight after 180 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function cannon(target: LoadTarget, seconds: number, connections: number, bareUrl: string): Promise<LoadRun> {
  // A generous timeout: a slow route should show up as latency, not as a count of timeouts.
  const r = await autocannon({ url: target.url, connections, duration: seconds, headers: target.headers, timeout: 120 });
  const drained = await drain(bareUrl);
  if (drained > 1000) progress(`  (server needed ${(drained / 1000).toFixed(1)} s to finish the requests still in flight)`);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, requests: r.requests.total, bad: r.non2xx + r.errors + r.timeouts };
}

/** Warm-up per target, then `rounds` rounds over all targets; medians per target. */
export async function loadTest(targets: LoadTarget[], o: { seconds: number; warmupSeconds: number; rounds: number; connections: number; label: string; bareUrl: string }): Promise<LoadSummary[]> {
  for (const t of targets) {
    progress(`${o.label}: warm-up ${t.label} (${o.warmupSeconds} s)`);
    await cannon(t, o.warmupSeconds, o.connections, o.bareUrl);
  }
  const runs = new Map<string, LoadRun[]>(targets.map((t) => [t.key, []]));
  for (let round = 1; round <= o.rounds; round++) {
    for (const t of targets) {
      const run = await cannon(t, o.seconds, o.connections, o.bareUrl);
      runs.get(t.key)!.push(run);
      progress(`${o.label}: round ${round}/${o.rounds} ${t.label}: ${Math.round(run.rps)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms${run.bad ? `, ${run.bad} non-2xx/errors` : ''}`);
    }
  }
  return targets.map((t) => {
    const rs = runs.get(t.key)!;
    return { target: t, runs: rs, rps: median(rs.map((r) => r.rps)), p50: median(rs.map((r) => r.p50)), p99: median(rs.map((r) => r.p99)), bad: rs.reduce((s, r) => s + r.bad, 0) };
  });
}
