import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { workbenchResponse } from '../../../../common/src/schemas/workbench.js';
import { requireUser } from '../../platform/context.js';
import { loadMe } from '../auth/auth.repository.js';
import { countSubUnitsByKindInScope } from '../units/units.repository.js';

export async function registerWorkbenchRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  r.get('/workbench', { config: { access: 'workbench.read' }, schema: { tags: ['workbench'], response: { 200: workbenchResponse } } }, async (req) => {
    const actor = requireUser(req.ctx);
    const { user } = await loadMe(db, actor.userId);
    return {
      scopeUnit: { id: user.unit_id, name: user.unit_name, kind: user.unit_kind },
      unitCounts: await countSubUnitsByKindInScope(db, req.ctx),
      lastLogin: user.prev_login_at ? { at: user.prev_login_at, ip: user.prev_login_ip } : null,
    };
  });
}
