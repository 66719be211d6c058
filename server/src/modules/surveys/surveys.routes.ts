import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam, okSchema } from '../../../../common/src/schemas/common.js';
import {
  campaignSchema,
  campaignsResponse,
  itemParams,
  openCampaignBody,
  progressResponse,
  surveyItemsQuery,
  surveyItemsResponse,
  verifyBody,
} from '../../../../common/src/schemas/surveys.js';
import { campaigns, closeCampaign, items, openCampaign, progress, verify } from './surveys.service.js';

const tags = ['surveys'];

export async function registerSurveyRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const { cipher } = app.deps;

  r.get('/surveys', { config: { access: 'person.read' }, schema: { tags, response: { 200: campaignsResponse } } }, async () => ({ items: await campaigns(db) }));

  r.post('/surveys', { config: { access: 'survey.manage' }, schema: { tags, body: openCampaignBody, response: { 200: campaignSchema } } }, async (req) =>
    openCampaign(db, req.ctx, req.body.name),
  );

  r.post('/surveys/:id/close', { config: { access: 'survey.manage' }, schema: { tags, params: idParam, response: { 200: campaignSchema } } }, async (req) =>
    closeCampaign(db, req.ctx, req.params.id),
  );

  r.get('/surveys/:id/progress', { config: { access: 'person.read' }, schema: { tags, params: idParam, response: { 200: progressResponse } } }, async (req) =>
    progress(db, req.ctx, req.params.id),
  );

  r.get('/surveys/:id/items', { config: { access: 'person.read' }, schema: { tags, params: idParam, querystring: surveyItemsQuery, response: { 200: surveyItemsResponse } } }, async (req) =>
    items(db, req.ctx, req.params.id, req.query),
  );

  r.post('/surveys/:id/items/:itemId', { config: { access: 'person.update' }, schema: { tags, params: itemParams, body: verifyBody, response: { 200: okSchema } } }, async (req) => {
    await verify(db, req.ctx, cipher, req.params.id, req.params.itemId, req.body.status, req.body.note);
    return { ok: true as const };
  });
}
