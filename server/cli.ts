/**
 * The `bellwether` command (`npx bellwether <command>`). Output is for people at a terminal, in Chinese and English.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDeps, seedDemoIfEmpty, demoAccountsPath } from './bootstrap.ts';
import { CONFIG_VARIABLES, loadConfig, type Config } from './config.ts';
import { parseDatabaseUrl } from './db/dialect.ts';
import { ROLES, type Role } from '../contracts/enums.ts';
import { formatVerdict, ledgerPublicKeyPath, verifyLedger, verifyLedgerChain } from './platform/ledger/index.ts';
import { backupSqlite, restoreSqlite } from './platform/backup.ts';
import { generatePassword } from './platform/password.ts';
import { createUser } from './modules/users/index.ts';
import { AppError } from './platform/errors.ts';

const HELP = `领头羊 Bellwether — 县委组织部党建与干部工作平台

用法 Usage: npx bellwether <command> [options]

  serve                         迁移数据库并启动服务 (default) / migrate and serve
  migrate                       只执行数据库迁移 / run migrations only
  seed                          向空数据库载入演示县数据 / load the demo county into an empty database
  admin create --username U --name N [--role SYS_ADMIN] [--person-id ID]
                                创建管理员（密码随机生成并只显示一次）/ create an administrator (prints a generated password once)
  backup FILE                   SQLite 在线备份到 FILE（VACUUM INTO）/ consistent SQLite backup
  restore FILE                  用备份替换 SQLite 数据库（需先停止服务）/ replace the SQLite database with a backup (server stopped)
  ledger verify [--db FILE | --database-url URL] [--checkpoint FILE...] [--pubkey FILE]
                                离线校验账本（序号、哈希链、签名检查点）/ verify the ledger offline
  ledger checkpoint --out FILE  生成并导出签名检查点 / write a new signed checkpoint
  ledger prove SEQ              输出可由第三方校验的包含证明 / print an inclusion proof
  ledger keygen | check-proof FILE | consistency | protection   (npx bellwether ledger 查看全部 / lists all)
  import FILE --as USERNAME     以该账户的权限范围导入人员花名册（.xlsx，全部成功或全部不导入）/ import a people roster as that account (all or nothing)
  routes                        列出全部接口及其权限策略 / list every route with its policy
  config                        列出全部环境变量 / list every environment variable
  help                          显示本帮助
`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function sqliteFile(config: Config): string {
  const { name, target } = parseDatabaseUrl(config.databaseUrl);
  if (name !== 'sqlite') {
    throw new Error('PostgreSQL 请使用 pg_dump / pg_restore 备份与恢复，见 README「备份与恢复」。\nOn PostgreSQL use pg_dump -Fc and pg_restore (see README, Backup and restore).');
  }
  return path.resolve(target);
}

async function main(argv: string[]): Promise<number> {
  const [command = 'serve', ...args] = argv;
  const config = loadConfig();
  switch (command) {
    case 'serve': {
      // The web server and the import pipeline load lazily, so `ledger` and `backup` start fast.
      const { startServer } = await import('./main.ts');
      const server = await startServer(config, { log: (l) => console.log(l) });
      console.log(`\n领头羊 Bellwether 已启动 / is running: ${server.url}`);
      if (config.demo) console.log(`演示账户 Demo accounts: ${demoAccountsPath(config)}\n`);
      const stop = () => {
        void server.close().then(() => process.exit(0));
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      return -1; // keep running
    }
    case 'migrate': {
      const deps = await openDeps(config);
      console.log(`已迁移 Migrated: ${deps.describe}`);
      await deps.destroy();
      return 0;
    }
    case 'seed': {
      const deps = await openDeps(config);
      try {
        const { seeded, counts } = await seedDemoIfEmpty(deps);
        console.log(seeded ? `已载入演示县 Demo county loaded: ${JSON.stringify(counts)}\n账户 Accounts: ${demoAccountsPath(config)}` : '数据库非空，未载入演示数据 / The database is not empty; nothing loaded.');
        return seeded ? 0 : 1;
      } finally {
        await deps.destroy();
      }
    }
    case 'admin': {
      if (args[0] !== 'create') break;
      const username = option(args, '--username');
      const displayName = option(args, '--name') ?? username;
      const role = (option(args, '--role') ?? 'SYS_ADMIN') as Role;
      if (!username || !displayName) {
        console.error('请提供 --username 与 --name / give --username and --name');
        return 2;
      }
      if (!ROLES.includes(role)) {
        console.error(`未知角色 Unknown role ${role}; one of ${ROLES.join(', ')}`);
        return 2;
      }
      const deps = await openDeps(config);
      try {
        const password = generatePassword();
        const root = await deps.db.selectFrom('org_unit').select('id').where('parent_id', 'is', null).where('valid_to', 'is', null).orderBy('created_at').executeTakeFirst();
        const personId = option(args, '--person-id');
        await createUser(deps, null, { username, displayName, password, ...(personId ? { personId } : {}) }, [{ role, orgUnitId: root?.id ?? null }]);
        console.log(`已创建 ${role} 账户 Created: ${username}\n初始密码（只显示这一次，请登录后修改）Initial password (shown once; change it after login):\n${password}`);
        return 0;
      } finally {
        await deps.destroy();
      }
    }
    case 'backup': {
      const out = args[0];
      if (!out) {
        console.error('用法 Usage: npx bellwether backup FILE');
        return 2;
      }
      const ok = backupSqlite(sqliteFile(config), out);
      console.log(`备份完成 Backup written: ${out} (integrity_check: ${ok})\n请同时妥善保存主密钥与账本签名公钥 Keep the master key (${config.keyFile}) and the ledger key apart from the backup.`);
      return ok === 'ok' ? 0 : 1;
    }
    case 'restore': {
      const from = args[0];
      if (!from || !fs.existsSync(from)) {
        console.error('用法 Usage: npx bellwether restore FILE (an existing backup; stop the server first)');
        return 2;
      }
      const file = sqliteFile(config);
      const { keptAs } = restoreSqlite(from, file);
      if (keptAs) console.log(`原数据库已保留为 The previous database is kept as ${keptAs}`);
      const deps = await openDeps(config);
      try {
        const pub = ledgerPublicKeyPath(config.ledgerKeyFile);
        const verdict = fs.existsSync(pub) ? await verifyLedger({ db: deps.db, publicKeyPem: fs.readFileSync(pub, 'utf8') }) : null;
        const chain = verdict ? null : await verifyLedgerChain(deps.db);
        const line = verdict ? formatVerdict(verdict) : chain!.ok ? `OK (chain only, no public key at ${pub}): ${chain!.size} events` : `FAILED: ${chain!.problem}`;
        console.log(`已恢复 Restored ${from} → ${file}; ledger: ${line}`);
        return (verdict ? verdict.ok : chain!.ok) ? 0 : 1;
      } finally {
        await deps.destroy();
      }
    }
    case 'ledger': {
      // verify | checkpoint | prove | consistency | check-proof | keygen | protection (server/platform/ledger/ledger-cli.ts)
      const { runLedgerCommand } = await import('./platform/ledger/ledger-cli.ts');
      return runLedgerCommand(args, config, { out: (l) => console.log(l), err: (l) => console.error(l) });
    }
    case 'import': {
      const username = option(args, '--as');
      const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--as');
      if (!file || !username) {
        console.error('用法 Usage: npx bellwether import FILE --as USERNAME\n（导入范围由该账户的人员管理权限决定 / the account’s people.write scope applies）');
        return 2;
      }
      if (!fs.existsSync(file)) {
        console.error(`找不到文件 File not found: ${file}`);
        return 2;
      }
      const deps = await openDeps(config);
      try {
        const { importPeopleFileAs } = await import('./modules/transfer/index.ts');
        const outcome = await importPeopleFileAs(deps, { file, username });
        if (outcome.ok) {
          const r = outcome.result;
          console.log(`已导入 Imported: ${r.created} 人 people, ${r.cadres} 名干部 cadres, ${r.posts} 条任职 posts（批次 batch ${r.batchId}，${r.durationMs} ms）`);
          return 0;
        }
        console.error(`${outcome.message.zh}\n${outcome.message.en}\n\n行号\t列名\t原因`);
        for (const e of outcome.errors.slice(0, 2000)) console.error(`${e.row}\t${e.column || '-'}\t${e.message.zh}`);
        if (outcome.errors.length > 2000) console.error(`……另有 ${outcome.errors.length - 2000} 处错误未列出 / ${outcome.errors.length - 2000} more`);
        return 1;
      } catch (error) {
        if (error instanceof AppError) {
          console.error(`导入失败：${error.text.zh}\nImport failed: ${error.text.en}`);
          return 1;
        }
        throw error;
      } finally {
        await deps.destroy();
      }
    }
    case 'routes': {
      const deps = await openDeps(config);
      try {
        const { buildApp } = await import('./app.ts');
        const app = await buildApp(deps, { logger: false, serveWeb: false });
        await app.ready();
        for (const r of [...app.routeInventory].sort((a, b) => a.url.localeCompare(b.url))) console.log(`${r.method.padEnd(6)} ${r.url.padEnd(45)} ${r.policy}`);
        await app.close();
        return 0;
      } finally {
        await deps.destroy();
      }
    }
    case 'config': {
      for (const v of CONFIG_VARIABLES) console.log(`${v.name.padEnd(36)} ${v.default.padEnd(32)} ${v.meaning}`);
      return 0;
    }
    case 'help':
    case '--help':
    case '-h':
      console.log(HELP);
      return 0;
  }
  console.error(`未知命令 Unknown command: ${[command, ...args].join(' ')}\n`);
  console.log(HELP);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
