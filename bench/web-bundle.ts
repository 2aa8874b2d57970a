/**
 * First route's JavaScript: the entry script of web/dist/index.html and its modulepreload links, raw and gzip
 * (node:zlib level 9), against the 600 KB gzip budget; plus the lazy route chunks found in the entry
 * (`import("./X.js")` with Vite's `__vite__mapDeps` dependency lists) and what each adds on top of the first load.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const GZIP_BUDGET_KB = 600;

export type Asset = { file: string; rawKB: number; gzipKB: number };
export type LazyChunk = Asset & { extraDeps: string[]; extraGzipKB: number };
export type BundleReport = { built: boolean; builtAt: string; initial: Asset[]; css: Asset[]; lazy: LazyChunk[]; rawKB: number; gzipKB: number };

const KB = 1024;

export function analyseWebBundle(root: string): BundleReport {
  const dist = path.join(root, 'web', 'dist');
  const indexHtml = path.join(dist, 'index.html');
  let built = false;
  if (!fs.existsSync(indexHtml)) {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'web-build.mjs')], { cwd: root, stdio: 'inherit' });
    built = true;
  }
  const html = fs.readFileSync(indexHtml, 'utf8');
  const attr = (tag: string, name: string) => new RegExp(`${name}="([^"]+)"`).exec(tag)?.[1] ?? null;
  const tags = html.match(/<(script|link)\b[^>]*>/g) ?? [];
  const entry = tags.filter((t) => t.startsWith('<script') && /type="module"/.test(t)).map((t) => attr(t, 'src')).filter((s): s is string => s !== null);
  const preloads = tags.filter((t) => /rel="modulepreload"/.test(t)).map((t) => attr(t, 'href')).filter((s): s is string => s !== null);
  const styles = tags.filter((t) => /rel="stylesheet"/.test(t)).map((t) => attr(t, 'href')).filter((s): s is string => s !== null);
  if (entry.length === 0) throw new Error('web/dist/index.html has no module entry script');

  const cache = new Map<string, Asset>();
  const asset = (urlPath: string): Asset => {
    const file = urlPath.replace(/^\//, '');
    const hit = cache.get(file);
    if (hit) return hit;
    const bytes = fs.readFileSync(path.join(dist, file));
    const a = { file, rawKB: bytes.length / KB, gzipKB: gzipSync(bytes, { level: 9 }).length / KB };
    cache.set(file, a);
    return a;
  };
  const initial = [...new Set([...entry, ...preloads])].map(asset);
  const initialFiles = new Set(initial.map((a) => a.file));

  // Vite: __vite__mapDeps(i, m = …, d = (m.f || (m.f = ["assets/A.js", …]))) and import(`./X.js`), __vite__mapDeps([i, …])
  const lazy: LazyChunk[] = [];
  for (const e of entry) {
    const code = fs.readFileSync(path.join(dist, e.replace(/^\//, '')), 'utf8');
    const depList = /m\.f\s*=\s*\[([^\]]*)\]/.exec(code)?.[1];
    const deps = depList ? [...depList.matchAll(/"([^"]+)"/g)].map((m) => m[1]!) : [];
    const dir = path.posix.dirname(e.replace(/^\//, ''));
    for (const m of code.matchAll(/import\(\s*[`'"]\.\/([^`'"]+\.js)[`'"]\s*\)(?:\s*,\s*__vite__mapDeps\(\[([\d,\s]*)\]\))?/g)) {
      const file = path.posix.join(dir, m[1]!);
      const needs = (m[2] ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((i) => deps[Number(i)])
        .filter((d): d is string => d !== undefined);
      const extraDeps = [...new Set(needs)].filter((d) => d !== file && !initialFiles.has(d));
      const own = asset(file);
      lazy.push({ ...own, extraDeps, extraGzipKB: own.gzipKB + extraDeps.reduce((s, d) => s + asset(d).gzipKB, 0) });
    }
  }
  return {
    built,
    builtAt: fs.statSync(indexHtml).mtime.toISOString(),
    initial,
    css: styles.map(asset),
    lazy: [...new Map(lazy.map((l) => [l.file, l])).values()],
    rawKB: initial.reduce((s, a) => s + a.rawKB, 0),
    gzipKB: initial.reduce((s, a) => s + a.gzipKB, 0),
  };
}
