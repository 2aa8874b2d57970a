import path from 'node:path';

/**
 * The only reader of process.env. Every variable is listed in README's configuration table;
 * `describeConfig()` prints the same table so the two cannot drift.
 */
export type Surface = 'all' | 'internal' | 'public';

export type Config = {
  port: number;
  host: string;
  /** `sqlite:<file>` / `sqlite::memory:` or `postgres://…` */
  databaseUrl: string;
  dataDir: string;
  demo: boolean;
  /** base64 of 32 bytes; wins over keyFile */
  masterKey: string | null;
  keyFile: string;
  /** Ed25519 PEM that signs ledger checkpoints; public key beside it (`.pub.pem`) */
  ledgerKeyFile: string;
  /** e.g. https://bellwether.county.gov.cn; when https, cookies get `__Host-` and Secure */
  publicOrigin: string | null;
  trustProxy: boolean;
  logLevel: string;
  surface: Surface;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  stepUpMinutes: number;
  loginMaxFailures: number;
  loginFailureWindowMinutes: number;
  loginLockMinutes: number;
  loginPerIpPerMinute: number;
  webDist: string;
  /** SPEC M7 rule 10 [CFG]: a section-level cadre is "young" at or below this age */
  youngCadreMaxAge: number;
  /** SPEC M2: the overdue sweep acts only on deadlines that passed within this many days (older ones are history: demo or imported matters) */
  o2oSweepLookbackDays: number;
  /** platform/group-commit.ts: most public intake writes (matters, Open311 requests, ballots) per durable commit; 1 = off */
  groupCommitMaxBatch: number;
};

type Env = Record<string, string | undefined>;

export const CONFIG_VARIABLES: { name: string; default: string; meaning: string }[] = [
  { name: 'PORT', default: '3000', meaning: 'HTTP port' },
  { name: 'HOST', default: '0.0.0.0', meaning: 'listen address' },
  { name: 'DATABASE_URL', default: 'sqlite:data/bellwether.sqlite', meaning: 'sqlite:<file> (embedded) or postgres://user:pass@host:5432/db' },
  { name: 'BELLWETHER_DATA_DIR', default: 'data', meaning: 'where the SQLite file, keys and demo-accounts.json live' },
  { name: 'BELLWETHER_DEMO', default: '1', meaning: '1 loads the demo county into an empty database; 0 is production (needs `bellwether admin create`)' },
  { name: 'BELLWETHER_MASTER_KEY', default: '(unset)', meaning: 'base64 32-byte master key for field encryption and blind indexes; overrides the key file' },
  { name: 'BELLWETHER_KEY_FILE', default: '<data dir>/keys/master.key', meaning: 'file holding the master key; generated on first start if missing (back it up apart from the database)' },
  { name: 'BELLWETHER_LEDGER_KEY_FILE', default: '<data dir>/keys/ledger-ed25519.pem', meaning: 'Ed25519 key that signs ledger checkpoints (public key beside it as .pub.pem); generated on first use in demo mode, by `bellwether ledger keygen` in production' },
  { name: 'BELLWETHER_PUBLIC_ORIGIN', default: '(unset)', meaning: 'external origin, e.g. https://gb.example.gov.cn; enables Secure `__Host-` cookies and is the only accepted Origin' },
  { name: 'BELLWETHER_TRUST_PROXY', default: '0', meaning: '1 when behind a reverse proxy that sets X-Forwarded-For' },
  { name: 'BELLWETHER_SURFACE', default: 'all', meaning: 'all | internal | public: which routes this process serves (public = rater, citizen and Open311 pages only)' },
  { name: 'BELLWETHER_SESSION_IDLE_MINUTES', default: '15', meaning: 'idle session timeout, enforced on the server' },
  { name: 'BELLWETHER_SESSION_ABSOLUTE_HOURS', default: '8', meaning: 'absolute session lifetime' },
  { name: 'BELLWETHER_STEP_UP_MINUTES', default: '5', meaning: 'how fresh a login must be for reveals, sign-offs and exports' },
  { name: 'BELLWETHER_LOGIN_MAX_FAILURES', default: '5', meaning: 'failed logins within the window that lock an account' },
  { name: 'BELLWETHER_LOGIN_LOCK_MINUTES', default: '30', meaning: 'how long a locked account stays locked' },
  { name: 'BELLWETHER_LOGIN_PER_IP_PER_MINUTE', default: '20', meaning: 'login attempts per IP per minute' },
  { name: 'BELLWETHER_YOUNG_CADRE_MAX_AGE', default: '35', meaning: 'SPEC M7 rule 10 [CFG]: highest age counted as a young cadre' },
  { name: 'BELLWETHER_O2O_SWEEP_LOOKBACK_DAYS', default: '30', meaning: 'O2O overdue sweep: only deadlines that passed within this many days are escalated; older ones (the 2016 demo matters, imported records) are left as they are' },
  { name: 'BELLWETHER_GROUP_COMMIT_BATCH', default: '64', meaning: 'public intake (citizen matters, Open311 requests, anonymous ballots): most concurrent submissions sharing one durable commit; 1 commits each alone' },
  { name: 'LOG_LEVEL', default: 'info', meaning: 'pino log level (passwords, tokens and ID numbers are redacted)' },
  { name: 'PG_URL', default: '(unset)', meaning: 'tests only: PostgreSQL server used by the test suite (falls back to DATABASE_URL)' },
];

function int(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`配置项 ${name} 必须是正整数，当前值为 "${raw}"`);
  return n;
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const dataDir = path.resolve(cwd, env.BELLWETHER_DATA_DIR ?? 'data');
  const surface = (env.BELLWETHER_SURFACE ?? 'all') as Surface;
  if (!['all', 'internal', 'public'].includes(surface)) {
    throw new Error(`配置项 BELLWETHER_SURFACE 只能是 all、internal 或 public，当前值为 "${surface}"`);
  }
  const demoRaw = env.BELLWETHER_DEMO ?? '1';
  if (demoRaw !== '0' && demoRaw !== '1') throw new Error(`配置项 BELLWETHER_DEMO 只能是 0 或 1，当前值为 "${demoRaw}"`);
  const publicOrigin = env.BELLWETHER_PUBLIC_ORIGIN?.replace(/\/$/, '') || null;
  if (publicOrigin && !/^https?:\/\/[^/]+$/.test(publicOrigin)) {
    throw new Error(`配置项 BELLWETHER_PUBLIC_ORIGIN 必须形如 https://host[:port]，当前值为 "${publicOrigin}"`);
  }
  return {
    port: env.PORT === '0' ? 0 : int(env, 'PORT', 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || `sqlite:${path.join(dataDir, 'bellwether.sqlite')}`,
    dataDir,
    demo: demoRaw === '1',
    masterKey: env.BELLWETHER_MASTER_KEY || null,
    keyFile: path.resolve(cwd, env.BELLWETHER_KEY_FILE ?? path.join(dataDir, 'keys', 'master.key')),
    ledgerKeyFile: path.resolve(cwd, env.BELLWETHER_LEDGER_KEY_FILE ?? path.join(dataDir, 'keys', 'ledger-ed25519.pem')),
    publicOrigin,
    trustProxy: env.BELLWETHER_TRUST_PROXY === '1',
    logLevel: env.LOG_LEVEL ?? 'info',
    surface,
    sessionIdleMinutes: int(env, 'BELLWETHER_SESSION_IDLE_MINUTES', 15),
    sessionAbsoluteHours: int(env, 'BELLWETHER_SESSION_ABSOLUTE_HOURS', 8),
    stepUpMinutes: int(env, 'BELLWETHER_STEP_UP_MINUTES', 5),
    loginMaxFailures: int(env, 'BELLWETHER_LOGIN_MAX_FAILURES', 5),
    loginFailureWindowMinutes: 15,
    loginLockMinutes: int(env, 'BELLWETHER_LOGIN_LOCK_MINUTES', 30),
    loginPerIpPerMinute: int(env, 'BELLWETHER_LOGIN_PER_IP_PER_MINUTE', 20),
    webDist: path.resolve(cwd, 'web/dist'),
    youngCadreMaxAge: int(env, 'BELLWETHER_YOUNG_CADRE_MAX_AGE', 35),
    o2oSweepLookbackDays: int(env, 'BELLWETHER_O2O_SWEEP_LOOKBACK_DAYS', 30),
    groupCommitMaxBatch: int(env, 'BELLWETHER_GROUP_COMMIT_BATCH', 64),
  };
}

/** Test and bench helper: a PostgreSQL URL if one is configured. */
export function testPostgresUrl(env: Env = process.env): string | null {
  const url = env.PG_URL || env.DATABASE_URL;
  return url && url.startsWith('postgres') ? url : null;
}

export function isCi(env: Env = process.env): boolean {
  return env.CI === 'true' || env.CI === '1';
}
