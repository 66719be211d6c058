import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, DEMO_PASSWORD, DIALECTS, loggedIn, TestClient, type TestEnv } from '../test/harness.js';

// The HTTP surface (quality.md "Headers" and "Reliability"): security headers, health checks, API
// docs, and every kind of bad request answered with a clear JSON error in the caller's language,
// never a stack trace.

const noStack = (body: unknown) => {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/\bat .+\.(ts|js):\d+/);
  expect(text).not.toMatch(/node_modules|FST_ERR|SyntaxError|Unexpected token|stack/i);
};

describe.each(DIALECTS)('HTTP surface on %s', (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv(dialect);
  });
  afterAll(() => env.close());

  const raw = (method: 'GET' | 'POST', url: string, opts: { payload?: string; headers?: Record<string, string> } = {}) =>
    env.app.inject({ method, url, payload: opts.payload, headers: opts.headers });

  it('sends security headers, and no-store on API responses', async () => {
    const staff = await loggedIn(env.app, 'staff');
    for (const res of [await staff.get('/workbench'), await new TestClient(env.app).get('/workbench'), await staff.get('/units')]) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('answers health and readiness checks', async () => {
    const health = await raw('GET', '/healthz');
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await raw('GET', '/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: dialect });
  });

  it('publishes an OpenAPI document of the API', async () => {
    const res = await raw('GET', '/api/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('Tongxin API');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/units', '/api/v1/units/{id}', '/api/v1/auth/login', '/api/v1/users', '/api/v1/audit']));
    expect(doc.paths['/api/v1/units'].get).toBeDefined();
    expect(doc.paths['/api/v1/units'].post.requestBody).toBeDefined();
  });

  it('answers an unknown route with a 404 in the caller\'s language', async () => {
    const zh = await new TestClient(env.app).get('/no/such/thing');
    expect(zh.status).toBe(404);
    expect(zh.body).toMatchObject({ code: 'routeNotFound', message: '请求的接口不存在' });
    expect(zh.headers['cache-control']).toBe('no-store');

    const en = await new TestClient(env.app, 'en-US').post('/no/such/thing', {});
    expect(en.status).toBe(404);
    expect(en.body).toMatchObject({ code: 'routeNotFound', message: 'No such API endpoint' });

    const wrongMethod = await new TestClient(env.app, 'en-US').request('DELETE', '/workbench');
    expect(wrongMethod.status).toBe(404);
    expect(wrongMethod.body.code).toBe('routeNotFound');
  });

  it('refuses a body over 1 MB with 413', async () => {
    const big = JSON.stringify({ username: 'staff', password: 'x'.repeat(1024 * 1024 + 10) });
    const res = await raw('POST', '/api/v1/auth/login', { payload: big, headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'bodyTooLarge', message: '提交的内容过大' });

    const en = await raw('POST', '/api/v1/auth/login', { payload: big, headers: { 'content-type': 'application/json', 'accept-language': 'en-US' } });
    expect(en.json().message).toBe('The submitted content is too large');
  });

  it('answers malformed JSON with 400 and no stack trace', async () => {
    const res = await raw('POST', '/api/v1/auth/login', { payload: '{"username": "staff", "password": ', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body).toMatchObject({ code: 'badRequest', message: '请求格式有误' });
    expect(Object.keys(body).sort()).toEqual(['code', 'message', 'requestId']);
    noStack(body);

    const typed = await raw('POST', '/api/v1/auth/login', { payload: '<login><username>staff</username></login>', headers: { 'content-type': 'application/xml', 'accept-language': 'en-US' } });
    expect(typed.statusCode).toBe(415);
    expect(typed.json()).toMatchObject({ code: 'unsupportedMediaType', message: 'Unsupported content type' });
  });

  it('names each invalid field in the caller\'s language', async () => {
    const zh = await new TestClient(env.app).post('/auth/login', { password: 5 });
    expect(zh.status).toBe(400);
    expect(zh.body).toMatchObject({ code: 'validation', message: '提交的内容有误，请检查标出的字段' });
    expect(zh.body.fields).toEqual({ username: '必填', password: '格式不正确' });

    const en = await new TestClient(env.app, 'en-US').post('/auth/login', { password: 5 });
    expect(en.body.message).toBe('Some fields are invalid; please check the marked fields');
    expect(en.body.fields).toEqual({ username: 'Required', password: 'Invalid format' });

    const secadminZh = await loggedIn(env.app, 'secadmin');
    const secadminEn = await loggedIn(env.app, 'secadmin', 'en-US');
    const body = { username: 'ok_name', displayName: '名'.repeat(41), unitId: 1, roleIds: [1], password: 'weakpass' };
    const a = await secadminZh.post('/users', body);
    expect(a.status).toBe(400);
    expect(a.body.fields).toEqual({ displayName: '最多 40 个字符', password: '密码至少 8 位，并包含大写字母、小写字母、数字、符号中的至少 3 类' });
    const b = await secadminEn.post('/users', body);
    expect(b.body.fields).toEqual({ displayName: 'At most 40 characters', password: 'At least 8 characters from 3 of: upper case, lower case, digits, symbols' });

    const query = await secadminEn.get('/users?limit=500');
    expect(query.status).toBe(400);
    expect(query.body.fields).toEqual({ limit: 'Must be at most 200' });
    const param = await secadminEn.get('/users/abc');
    expect(param.status).toBe(400);
    expect(param.body.code).toBe('validation');
    expect(param.body.fields.id).toBeTruthy();
  });
});

describe.each(DIALECTS)('login rate limit on %s', (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv(dialect, { config: { loginRateLimit: 3 } });
  });
  afterAll(() => env.close());

  it('refuses the 4th login attempt within a minute with 429', async () => {
    const client = new TestClient(env.app);
    for (let i = 0; i < 3; i++) expect((await client.login('staff', 'Wrong#Pass1')).status).toBe(401);
    const limited = await client.login('staff', DEMO_PASSWORD);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: 'rateLimited', message: '操作过于频繁，请稍后再试' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    const en = await new TestClient(env.app, 'en-US').login('staff', DEMO_PASSWORD);
    expect(en.status).toBe(429);
    expect(en.body.message).toBe('Too many requests; please wait a moment and try again');

    // Other endpoints are not held back by the login limit.
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/setup/status' })).statusCode).toBe(200);
  });
});

describe.each(DIALECTS)('internal errors on %s', (dialect) => {
  it('reports a lost database as 503 / 500 with a request id and no stack trace', async () => {
    const env = await createTestEnv(dialect);
    const staff = await loggedIn(env.app, 'staff');
    await env.database.db.destroy();
    try {
      const ready = await env.app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({ status: 'database unavailable' });

      const res = await staff.get('/workbench');
      expect(res.status).toBe(500);
      expect(res.body.code).toBe('internal');
      expect(res.body.message).toContain(res.headers['x-request-id'] as string);
      expect(res.body.requestId).toBe(res.headers['x-request-id']);
      noStack(res.body);
    } finally {
      await env.close().catch(() => {});
    }
  });
});
