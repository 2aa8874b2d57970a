/**
 * Demo data of the domain modules. Each module adds one `<module>.demo.ts` exporting a DemoModuleSeeder and one
 * line to DEMO_MODULE_SEEDERS; demo.seeder.ts runs them in order, inside the seeding transaction, after the
 * county, its people, posts and accounts exist. A seeder must be deterministic for a given `seed` (use the
 * generator's `Rng`, seeded from `ctx.seed` plus a module-specific constant), insert with `ctx.insertChunked`,
 * and return counts (module-prefixed keys) that its tests and SPEC §6 figures can check.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import type { DemoCounty } from './demo-county.generator.ts';
import { povertyDemo } from '../poverty/index.ts';
import { integrityDemoSeeder } from '../integrity/index.ts';
import { judgmentDemoSeeder } from '../judgment/index.ts';
import { analysisDemoSeeder } from '../analysis/index.ts';
import { evaluationDemoSeeder } from '../evaluation/index.ts';
import { o2oDemoSeeder } from '../o2o/o2o.demo.ts';
import { groupsDemoSeeder } from '../groups/index.ts';

export type DemoModuleContext = {
  trx: Transaction<Database> | Kysely<Database>;
  cipher: FieldCipher;
  /** seeding time (ISO) for created_at columns; business dates come from the 2016 timeline */
  now: string;
  /** the generated county (people keys, posts, units, accounts) */
  county: DemoCounty;
  seed: number;
  unitId: (key: string) => string;
  unitPath: (key: string) => string;
  partyId: (key: string) => string;
  personId: (key: string) => string;
  userId: (username: string) => string;
  insertChunked: <R extends object>(rows: R[], insert: (chunk: R[]) => Promise<unknown>) => Promise<void>;
};

export type DemoModuleSeeder = { module: string; seed: (ctx: DemoModuleContext) => Promise<Record<string, number>> };

export const DEMO_MODULE_SEEDERS: DemoModuleSeeder[] = [
  analysisDemoSeeder, // M5 analysis campaign and evidence; first
  evaluationDemoSeeder, // M6 reverse evaluation; second (links to the M5 campaign by name)
  integrityDemoSeeder, // M6 integrity (third: after analysis and evaluation)
  judgmentDemoSeeder, // M5 five-category judgments (fourth: after analysis, evaluation, integrity)
  groupsDemoSeeder, // M2 four-level service groups (before o2o: matters may name a source group)
  o2oDemoSeeder, // M2 citizen matters (fifth: before poverty)
  povertyDemo, // M3; keep last
];
