// Builds the server (esbuild bundle of our own code, packages left external) and, unless
// --server is given, the web app (Vite). Fast enough to run before every demo and test.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const serverOnly = process.argv.includes('--server');

rmSync('dist/server', { recursive: true, force: true });
await build({
  entryPoints: { main: 'server/src/main.ts', cli: 'server/src/cli/cli.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  banner: { js: '#!/usr/bin/env node' },
});

if (!serverOnly) {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  precompress('dist/web');
}

/** Writes .br and .gz beside every text asset, so the server sends them without compressing per request. */
function precompress(dir) {
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) {
      if (!name.startsWith('.')) precompress(file);
      continue;
    }
    if (!/\.(js|css|html|svg|json)$/.test(name) || statSync(file).size < 1024) continue;
    const data = readFileSync(file);
    writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
    writeFileSync(`${file}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  }
}
