import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Parts of antd that the first screen's components import but rarely or never draw, swapped at
 * build time for stand-ins (web/src/lib/antd-on-demand/) that fetch the real code when first needed:
 * - <App> calls the message, notification and modal hooks (~15 KB gzip of components nobody sees
 *   before the first toast or confirmation);
 * - Card imports Tabs for its `tabList` head (~10 KB gzip; the workbench is made of cards);
 * - Avatar carries Avatar.Group and its Popover, Input carries Input.Search and Input.TextArea,
 *   Typography carries its in-place editor (~5 KB gzip together; none is drawn on the first screen;
 *   TextArea, which forms of other pages use, is fetched as soon as the browser is idle).
 * Only these importers are redirected; every other import of the same modules is untouched.
 */
function antdOnDemand(): Plugin {
  const standIn = (file: string) => fileURLToPath(new URL(`./src/lib/antd-on-demand/${file}`, import.meta.url));
  // Importers by the end of their path.
  const swaps: { importer: string; source: string; target: string }[] = [
    { importer: '/antd/es/app/App.js', source: '../message/useMessage', target: standIn('use-message.ts') },
    { importer: '/antd/es/app/App.js', source: '../notification/useNotification', target: standIn('use-notification.ts') },
    { importer: '/antd/es/app/App.js', source: '../modal/useModal', target: standIn('use-modal.ts') },
    { importer: '/antd/es/card/Card.js', source: '../tabs', target: standIn('card-tabs.ts') },
    { importer: '/antd/es/avatar/index.js', source: './AvatarGroup', target: standIn('avatar-group.ts') },
    { importer: '/antd/es/input/index.js', source: './Search', target: standIn('input-search.ts') },
    { importer: '/antd/es/input/index.js', source: './TextArea', target: standIn('input-textarea.ts') },
    { importer: '/@rc-component/input/es/index.js', source: './TextArea', target: standIn('rc-textarea.ts') },
    { importer: '/@rc-component/input/es/index.js', source: './ResizableTextArea', target: standIn('rc-resizable-textarea.ts') },
    { importer: '/antd/es/typography/Base/index.js', source: '../Editable', target: standIn('typography-editable.ts') },
  ];
  const used = new Set<string>();
  return {
    name: 'tongxin:antd-on-demand',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      const from = importer?.replaceAll('\\', '/');
      const swap = from ? swaps.find((s) => s.source === source && from.endsWith(s.importer)) : undefined;
      if (!swap) return null;
      used.add(swap.target);
      return swap.target;
    },
    buildEnd(error) {
      // An antd upgrade that moves these imports must not silently bring the weight back.
      const unused = swaps.filter((s) => !used.has(s.target));
      if (!error && unused.length) this.warn(`antd-on-demand: no longer matched: ${unused.map((s) => s.source).join(', ')}`);
    },
  };
}

export default defineConfig(({ command }) => ({
  root,
  base: '/',
  plugins: [react(), antdOnDemand()],
  resolve: {
    // react-router's package exports only its development build, whose dev warnings would ship;
    // the production build beside it is the same code with them switched off (the dev server keeps them).
    alias:
      command === 'build'
        ? [{ find: /^react-router$/, replacement: fileURLToPath(new URL('../node_modules/react-router/dist/production/index.mjs', import.meta.url)) }]
        : [],
  },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // The manifest lets the benchmark weigh exactly the JavaScript a first load needs.
    manifest: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // What the first screen needs (everything statically reachable from the entry) goes into two
          // chunks, libraries and our own code, instead of a dozen chunks shared with the lazy pages:
          // one big file compresses far better and needs no cross-chunk glue. Pages stay lazy and
          // import from these chunks. The antd stand-ins go with the libraries, which import them.
          groups: [
            { name: 'vendor', tags: ['$initial'], test: /node_modules|[\\/]src[\\/]lib[\\/]antd-on-demand[\\/]/, priority: 2 },
            { name: 'shell', tags: ['$initial'], priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:3000', '/healthz': 'http://127.0.0.1:3000' },
  },
}));
