// Builds web/dist when the web sources changed since the last build (hash of sources and the lock file).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const INPUTS = ['web', 'contracts', 'vite.config.ts', 'package-lock.json', 'tsconfig.json'];
const STAMP = path.join(ROOT, 'web', 'dist', '.build-hash');

function walk(p, out) {
  const st = fs.statSync(p);
  if (st.isDirectory()) {
    if (p.endsWith(`${path.sep}dist`) || p.endsWith('node_modules')) return;
    for (const name of fs.readdirSync(p).sort()) walk(path.join(p, name), out);
  } else out.push(p);
}

export function webSourceHash() {
  const files = [];
  for (const input of INPUTS) {
    const p = path.join(ROOT, input);
    if (fs.existsSync(p)) walk(p, files);
  }
  const h = createHash('sha256');
  for (const f of files) h.update(path.relative(ROOT, f)).update('\0').update(fs.readFileSync(f));
  return h.digest('hex');
}

export function buildWebIfStale({ log = console.log } = {}) {
  const hash = webSourceHash();
  const current = fs.existsSync(STAMP) ? fs.readFileSync(STAMP, 'utf8').trim() : '';
  if (current === hash && fs.existsSync(path.join(ROOT, 'web', 'dist', 'index.html'))) {
    log('web: up to date / 前端已是最新');
    return false;
  }
  log('web: building / 正在构建前端 …');
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  fs.writeFileSync(STAMP, hash + '\n');
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) buildWebIfStale();
