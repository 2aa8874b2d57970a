// `npm start` runs this first, in plain Node (it must work before dependencies exist):
// 1. install dependencies when node_modules is missing or older than package-lock.json;
// 2. build the web app when its sources changed.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const lock = path.join(ROOT, 'package-lock.json');
const marker = path.join(ROOT, 'node_modules', '.package-lock.json');

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`领头羊需要 Node.js ≥ 20.19，当前为 ${process.versions.node}。Bellwether needs Node.js >= 20.19.`);
  process.exit(1);
}

const missing = !fs.existsSync(marker);
const stale = !missing && fs.statSync(marker).mtimeMs < fs.statSync(lock).mtimeMs;
if (missing || stale) {
  console.log(missing ? '正在安装依赖（首次约 1–2 分钟）… Installing dependencies…' : '依赖已变化，正在更新… Dependencies changed, updating…');
  execSync(missing ? 'npm ci --no-audit --no-fund' : 'npm install --no-audit --no-fund', { cwd: ROOT, stdio: 'inherit' });
}

const { buildWebIfStale } = await import('./web-build.mjs');
buildWebIfStale();
