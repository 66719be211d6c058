import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../../common/src/schemas/common.js';
import {
  duplicateCheckBody,
  duplicateCheckResponse,
  personCountResponse,
  personExportBody,
  personCreateBody,
  personFilterQuery,
  personHistoryResponse,
  personListQuery,
  personListResponse,
  personRevealBody,
  personRevealResponse,
  personSchema,
  personSearchQuery,
  personSearchResponse,
  personSourcesResponse,
  personUpdateBody,
  type Person,
  type PersonListItem,
} from '../../../../common/src/schemas/persons.js';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { decodeCursor, encodeCursor } from '../../platform/pagination.js';
import { personAbilities } from './persons.policy.js';
import { parseList } from './person-writer.js';
import { assertExportAllowed } from './persons.export.js';
import { enqueueJob } from '../../platform/jobs.js';
import { requireUser } from '../../platform/context.js';
import {
  countPersonsInScope,
  countSourceRecords,
  listHistory,
  listPersonsInScope,
  listSourceRecords,
  type PersonListRow,
  type PersonRow,
} from './persons.repository.js';
import { searchPersons, checkDuplicates, presentSourceRecord } from './persons.search.js';
import { createPersonCommand, requirePerson, revealPersonField, updatePersonCommand } from './persons.service.js';

const tags = ['persons'];

const nullIfBlank = (v: string | null): string | null => (v ? v : null);
const ref = (id: number | null, name: string | null) => (id && name ? { id, name } : null);

/** What list rows and full records share: identity, masked ID and mobile, the headline codes. */
function presentIdentity(p: PersonListRow | PersonRow) {
  return {
    id: p.id,
    name: p.name,
    gender: p.gender,
    ethnicity: p.ethnicity,
    birthDate: nullIfBlank(p.birth_date),
    residentId: p.resident_id_masked,
    residentIdValid: p.resident_id_valid === 1,
    mobile: p.mobile_masked,
    political: p.political,
    education: p.education,
    groups: parseList(p.groups),
    tags: parseList(p.tags),
    repLevel: p.rep_level,
    status: p.status,
    updatedAt: p.updated_at,
  };
}

export function presentPerson(ctx: Ctx, p: PersonRow, sourceCount: number): Person {
  return {
    ...presentIdentity(p),
    formerNames: p.former_names,
    penName: p.pen_name,
    political2: p.political2,
    partyJoinDate: p.party_join_date,
    party2JoinDate: p.party2_join_date,
    degree: p.degree,
    school: p.school,
    major: p.major,
    employer: p.organisation_id && p.employer_name ? { id: p.organisation_id, name: p.employer_name, uscc: p.employer_uscc, kind: p.employer_kind, industry: p.employer_industry } : null,
    post: p.post,
    title: p.title,
    qualification: p.qualification,
    workTown: ref(p.work_town_id, p.work_town_name),
    workCommunity: ref(p.work_community_id, p.work_community_name),
    residenceTown: ref(p.residence_town_id, p.residence_town_name),
    residenceCommunity: ref(p.residence_community_id, p.residence_community_name),
    unit: { id: p.unit_id, name: p.unit_name },
    notes: p.notes,
    version: p.version,
    sourceCount,
    createdAt: p.created_at,
    abilities: personAbilities(ctx),
  };
}

export function presentListItem(ctx: Ctx, p: PersonListRow): PersonListItem {
  return {
    ...presentIdentity(p),
    employerName: p.employer_name ?? '',
    post: p.post,
    workTownName: p.work_town_name,
    workCommunityName: p.work_community_name,
    abilities: personAbilities(ctx),
  };
}

export async function registerPersonRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const { cipher } = app.deps;

  r.get('/persons', { config: { access: 'person.read' }, schema: { tags, querystring: personListQuery, response: { 200: personListResponse } } }, async (req) => {
    const { sort, order, cursor, limit, ...filter } = req.query;
    const after = decodeCursor<{ k: string; id: number }>(cursor, ['k', 'id']);
    const rows = await listPersonsInScope(db, req.ctx, cipher, filter, { sort, order, after, limit });
    const hasMore = rows.length > limit;
    const items = hasMore ? rows.slice(0, limit) : rows;
    const last = items[items.length - 1];
    return { items: items.map((p) => presentListItem(req.ctx, p)), nextCursor: hasMore && last ? encodeCursor({ k: last.sort_key, id: last.id }) : null };
  });

  // Counting a large district is slower than a page, so the list asks for it separately.
  r.get('/persons/count', { config: { access: 'person.read' }, schema: { tags, querystring: personFilterQuery, response: { 200: personCountResponse } } }, async (req) => ({
    total: await countPersonsInScope(db, req.ctx, cipher, req.query),
  }));

  r.get('/persons/search', { config: { access: 'person.read' }, schema: { tags, querystring: personSearchQuery, response: { 200: personSearchResponse } } }, async (req) => ({
    items: await searchPersons(db, req.ctx, cipher, req.query.q, req.query.limit),
  }));

  r.post('/persons/duplicates', { config: { access: 'person.read' }, schema: { tags, body: duplicateCheckBody, response: { 200: duplicateCheckResponse } } }, async (req) => ({
    items: await checkDuplicates(db, req.ctx, cipher, req.body),
  }));

  r.post(
    '/persons/export',
    { config: { access: 'person.export' }, schema: { tags, body: personExportBody, response: { 200: z.object({ jobId: z.number().int() }) } } },
    async (req) => {
      assertExportAllowed(req.ctx, req.body);
      return { jobId: await enqueueJob(db, 'person.export', { ...req.body, requestedAt: new Date().toISOString() }, requireUser(req.ctx).userId) };
    },
  );

  r.get('/persons/:id', { config: { access: 'person.read' }, schema: { tags, params: idParam, response: { 200: personSchema } } }, async (req) => {
    const row = await requirePerson(db, req.ctx, req.params.id);
    return presentPerson(req.ctx, row, await countSourceRecords(db, row.id));
  });

  r.post('/persons', { config: { access: 'person.create' }, schema: { tags, body: personCreateBody, response: { 200: personSchema } } }, async (req) => {
    const row = await createPersonCommand(db, req.ctx, cipher, req.body);
    return presentPerson(req.ctx, row, 0);
  });

  r.patch('/persons/:id', { config: { access: 'person.update' }, schema: { tags, params: idParam, body: personUpdateBody, response: { 200: personSchema } } }, async (req) => {
    const row = await updatePersonCommand(db, req.ctx, cipher, req.params.id, req.body);
    return presentPerson(req.ctx, row, await countSourceRecords(db, row.id));
  });

  r.post(
    '/persons/:id/reveal',
    { config: { access: 'person.reveal' }, schema: { tags, params: idParam, body: personRevealBody, response: { 200: personRevealResponse } } },
    async (req) => ({ value: await revealPersonField(db, req.ctx, cipher, req.params.id, req.body.field, req.body.reason) }),
  );

  r.get(
    '/persons/:id/history',
    { config: { access: 'person.read' }, schema: { tags, params: idParam, querystring: z.object({ cursor: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }), response: { 200: personHistoryResponse } } },
    async (req) => {
      await requirePerson(db, req.ctx, req.params.id);
      const before = decodeCursor<{ id: number }>(req.query.cursor, ['id']);
      const rows = await listHistory(db, req.params.id, before?.id ?? null, req.query.limit);
      const hasMore = rows.length > req.query.limit;
      const items = hasMore ? rows.slice(0, req.query.limit) : rows;
      return {
        items: items.map((h) => ({
          id: h.id,
          field: h.field,
          oldValue: h.old_value,
          newValue: h.new_value,
          actorName: h.actor_name,
          source: h.source_record_id ? { sourceRecordId: h.source_record_id, sourceName: h.source_name ?? '', batchId: h.batch_id ?? 0, fileName: h.file_name ?? '', rowNumber: h.row_number ?? 0 } : null,
          at: h.at,
        })),
        nextCursor: hasMore ? encodeCursor({ id: items[items.length - 1]!.id }) : null,
      };
    },
  );

  r.get('/persons/:id/sources', { config: { access: 'person.read' }, schema: { tags, params: idParam, response: { 200: personSourcesResponse } } }, async (req) => {
    await requirePerson(db, req.ctx, req.params.id);
    const rows = await listSourceRecords(db, req.params.id);
    return { items: rows.map((row) => presentSourceRecord(cipher, row)) };
  });
}
