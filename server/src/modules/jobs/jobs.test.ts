import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, DIALECTS, loggedIn, TestClient, type TestEnv } from '../../test/harness.js';
import { enqueueJob, registerJobHandler } from '../../platform/jobs.js';
import type { Job } from '../../../../common/src/schemas/jobs.js';

// Background jobs as their users see them: only the creator sees a job, with its progress while
// it runs, its result when it succeeds and its error when it fails.

const suffix = randomBytes(4).toString('hex');
const SLOW = `test.slow-${suffix}`;
const FAILING = `test.failing-${suffix}`;

/** The slow job waits at this gate until the test opens it; a new gate for each job. */
let gate = Promise.resolve();
let release: () => void = () => {};
const closeGate = () => {
  gate = new Promise<void>((resolve) => (release = resolve));
};

registerJobHandler<{ rows: number }, { imported: number }>(SLOW, async (job) => {
  await job.progress(0.5, `${job.payload.rows / 2}/${job.payload.rows}`);
  await gate;
  return { imported: job.payload.rows };
});
registerJobHandler(FAILING, async () => {
  throw new Error('第 3 行：身份证号校验位错误');
});

describe.each(DIALECTS)('jobs on %s', (dialect) => {
  let env: TestEnv;
  let staff: TestClient;
  let hongshan: TestClient;
  let staffId: number;

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    staff = await loggedIn(env.app, 'staff');
    hongshan = await loggedIn(env.app, 'hongshan');
    staffId = (await env.database.db.selectFrom('users').select('id').where('username', '=', 'staff').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => env.close());

  async function waitFor(client: TestClient, id: number, done: (job: Job) => boolean): Promise<Job> {
    for (let i = 0; i < 200; i++) {
      const res = await client.get(`/jobs/${id}`);
      expect(res.status).toBe(200);
      if (done(res.body)) return res.body;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`job ${id} never reached the expected state`);
  }

  it('shows the creator progress while the job runs and the result when it is done', async () => {
    closeGate();
    const id = await enqueueJob(env.database.db, SLOW, { rows: 1000 }, staffId);
    const queued = (await staff.get(`/jobs/${id}`)).body as Job;
    expect(queued).toMatchObject({ id, kind: SLOW, status: 'queued', progress: 0, result: null, error: null, startedAt: null, finishedAt: null });

    const draining = env.app.deps.worker.drain();
    const running = await waitFor(staff, id, (j) => j.status === 'running' && j.progress === 0.5);
    expect(running.message).toBe('500/1000');
    expect(running.startedAt).not.toBeNull();
    expect(running.finishedAt).toBeNull();

    release();
    await draining;
    const done = (await staff.get(`/jobs/${id}`)).body as Job;
    expect(done).toMatchObject({ status: 'succeeded', progress: 1, result: { imported: 1000 }, error: null });
    expect(done.finishedAt).not.toBeNull();

    const mine = (await staff.get('/jobs')).body.items as Job[];
    expect(mine.map((j) => j.id)).toContain(id);
  });

  it("another user's job does not exist for you", async () => {
    closeGate();
    const id = await enqueueJob(env.database.db, SLOW, { rows: 2 }, staffId);
    const draining = env.app.deps.worker.drain();
    await waitFor(staff, id, (j) => j.status === 'running');
    release();
    await draining;

    const res = await hongshan.get(`/jobs/${id}`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('job.notFound');
    expect(res.body.message).toBe('任务不存在');
    expect(((await hongshan.get('/jobs')).body.items as Job[]).some((j) => j.id === id)).toBe(false);

    // Not even for an administrator, and a job id that was never issued looks the same.
    expect((await (await loggedIn(env.app, 'secadmin')).get(`/jobs/${id}`)).status).toBe(404);
    expect((await staff.get('/jobs/999999')).body.code).toBe('job.notFound');
    expect((await new TestClient(env.app).get(`/jobs/${id}`)).status).toBe(401);
    const en = await loggedIn(env.app, 'hongshan', 'en-US');
    expect((await en.get(`/jobs/${id}`)).body.message).toBe('No such job');
  });

  it('a failing job is marked failed with its error', async () => {
    const id = await enqueueJob(env.database.db, FAILING, {}, staffId);
    await env.app.deps.worker.drain();
    const job = (await staff.get(`/jobs/${id}`)).body as Job;
    expect(job).toMatchObject({ kind: FAILING, status: 'failed', result: null, error: '第 3 行：身份证号校验位错误' });
    expect(job.finishedAt).not.toBeNull();

    // The worker carries on with the next job.
    closeGate();
    const next = await enqueueJob(env.database.db, SLOW, { rows: 4 }, staffId);
    const draining = env.app.deps.worker.drain();
    await waitFor(staff, next, (j) => j.status === 'running');
    release();
    await draining;
    expect((await staff.get(`/jobs/${next}`)).body.status).toBe('succeeded');
  });

  it('refuses to queue a kind nobody handles', async () => {
    await expect(enqueueJob(env.database.db, `test.unknown-${suffix}`, {}, staffId)).rejects.toThrow(/no handler/);
  });
});
