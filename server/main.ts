/** listen() only: open the dependencies, prepare the database, build the app and serve. */
import { buildApp, type BellwetherApp } from './app.ts';
import { assertAdministratorExists, demoAccountsPath, openDeps, seedDemoIfEmpty, type OpenedDeps } from './bootstrap.ts';
import type { Config } from './config.ts';
import { startCheckpointTimer } from './platform/ledger/index.ts';
import { startO2oOverdueTimer } from './modules/o2o/index.ts';

export type RunningServer = { app: BellwetherApp; deps: OpenedDeps; url: string; close: () => Promise<void> };

export async function startServer(config: Config, options: { log?: (line: string) => void } = {}): Promise<RunningServer> {
  const log = options.log ?? (() => undefined);
  const deps = await openDeps(config);
  try {
    log(`数据库 Database: ${deps.describe}`);
    if (config.demo) {
      const { seeded, counts } = await seedDemoIfEmpty(deps);
      if (seeded) log(`已载入演示县数据 Demo county loaded: ${JSON.stringify(counts)}`);
      log(`演示账户与密码 Demo accounts and passwords: ${demoAccountsPath(config)}`);
    } else {
      await assertAdministratorExists(deps);
    }
    // Signed ledger checkpoints: one at start (when events were added since the last) and then hourly.
    const checkpoints = startCheckpointTimer(deps, { log });
    const app = await buildApp(deps);
    app.addHook('onClose', async () => checkpoints.stop());
    // O2O overdue detection: supervision notices and escalation (SPEC M2), at start and every 10 minutes; deadlines
    // older than the look-back window (the 2016 demo matters) are history, not live breaches.
    const overdue = startO2oOverdueTimer(deps, { log, lookbackDays: config.o2oSweepLookbackDays });
    app.addHook('onClose', async () => overdue.stop());
    const address = await app.listen({ port: config.port, host: config.host });
    const url = config.publicOrigin ?? address.replace('0.0.0.0', 'localhost').replace('127.0.0.1', 'localhost').replace('[::]', 'localhost');
    return {
      app,
      deps,
      url,
      close: async () => {
        await app.close();
        await deps.destroy();
      },
    };
  } catch (e) {
    await deps.destroy();
    throw e;
  }
}
