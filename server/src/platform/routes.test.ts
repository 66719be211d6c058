import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, DIALECTS, type TestEnv } from '../test/harness.js';
import { collectRouteAccess } from './access.js';

// Who may call what. The snapshot lists every API route with the access it declares, so a change
// of access shows up in review as a diff of this file; start-up refuses a route that declares none.
describe.each(DIALECTS)('route access on %s', (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv(dialect, { seed: false });
  });
  afterAll(() => env.close());

  it('matches the reviewed list of routes and their access', async () => {
    const lines = env.app.routeAccess.map((r) => `${r.method} ${r.url} → ${r.access}`).sort();
    expect(new Set(lines).size).toBe(lines.length);
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot('./__snapshots__/route-access.txt');
  });

  it('only signing in and first-run set-up are public', () => {
    const open = env.app.routeAccess.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.url}`).sort();
    expect(open).toEqual(['GET /api/v1/setup/status', 'POST /api/v1/auth/login', 'POST /api/v1/setup']);
  });

  it('lists every API route the server answers', async () => {
    for (const r of env.app.routeAccess) {
      const url = r.url.replace(':id', '1');
      const res = await env.app.inject({ method: r.method as 'GET', url });
      expect(res.json().code, `${r.method} ${url}`).not.toBe('routeNotFound');
    }
  });
});

describe('start-up refuses a route without access', () => {
  async function appWith(config: Record<string, unknown> | undefined, prefix = '/api/v1') {
    const app = Fastify({ logger: false });
    const routes = collectRouteAccess(app);
    await app.register(
      async (api) => {
        api.get('/fine', { config: { access: 'authenticated' } }, async () => 'ok');
        api.post('/oops', { ...(config ? { config } : {}) }, async () => 'oops');
      },
      { prefix },
    );
    return { app, routes };
  }

  it('throws when an /api/v1 route declares no access', async () => {
    await expect(appWith(undefined).then(({ app }) => app.ready())).rejects.toThrow('Route POST /api/v1/oops declares no valid access (public, authenticated or a permission)');
  });

  it('throws when the access is not a known permission', async () => {
    await expect(appWith({ access: 'unit.destroy' }).then(({ app }) => app.ready())).rejects.toThrow(/POST \/api\/v1\/oops declares no valid access/);
    await expect(appWith({ allowStages: ['changePassword'] }).then(({ app }) => app.ready())).rejects.toThrow(/declares no valid access/);
  });

  it('accepts declared routes and ignores routes outside the API', async () => {
    const declared = await appWith({ access: 'unit.manage' });
    await declared.app.ready();
    expect(declared.routes).toEqual([
      { method: 'GET', url: '/api/v1/fine', access: 'authenticated' },
      { method: 'POST', url: '/api/v1/oops', access: 'unit.manage' },
    ]);
    await declared.app.close();

    const outside = await appWith(undefined, '/internal');
    await outside.app.ready();
    expect(outside.routes).toEqual([]);
    await outside.app.close();
  });
});
