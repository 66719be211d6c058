import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { setupBody, setupStatusResponse } from '../../../../common/src/schemas/auth.js';
import { okSchema } from '../../../../common/src/schemas/common.js';
import { completeSetup, needsSetup } from './setup.service.js';

const tags = ['setup'];

export async function registerSetupRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  r.get('/setup/status', { config: { access: 'public' }, schema: { tags, response: { 200: setupStatusResponse } } }, async () => ({
    needsSetup: await needsSetup(db),
  }));

  r.post(
    '/setup',
    { config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } }, schema: { tags, body: setupBody, response: { 200: okSchema } } },
    async (req) => {
      await completeSetup(db, req.ctx, req.body);
      return { ok: true as const };
    },
  );
}
