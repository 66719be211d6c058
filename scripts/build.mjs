// Builds the server (esbuild bundle of our own code, packages left external) and, unless
// --server is given, the web app (Vite). Fast enough to run before every demo and test.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

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
}
