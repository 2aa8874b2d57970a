import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { DialectName } from '../db/dialect.ts';
import type { Clock } from './clock.ts';
import type { FieldCipher } from './crypto.ts';
import type { Actor } from './scope.ts';

/** What every service needs; built once by the CLI or the tests and passed to buildApp. */
export type AppDeps = {
  db: Db;
  dialect: DialectName;
  config: Config;
  clock: Clock;
  cipher: FieldCipher;
};

/** A use case's context: the dependencies plus the authenticated actor. */
export type ServiceCtx = AppDeps & { actor: Actor };

/** The ledger actor for an authenticated user: the role recorded is the first role that carries the action. */
export function ledgerActor(actor: Actor, role?: string): { userId: string; role: string | null } {
  return { userId: actor.userId, role: role ?? actor.roles[0] ?? null };
}
