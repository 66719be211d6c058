import type { PersonCreateInput, PersonUpdateInput } from '../../../../common/src/schemas/persons.js';
import { writeAudit, writeAuditNow } from '../../platform/audit.js';
import { requireUser, type Ctx } from '../../platform/context.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import type { PersonalDataCipher } from '../../platform/personal-data.js';
import { nowIso, type Db, type Executor } from '../../db/database.js';
import { changePerson, createPerson, type PersonWrite, type WriterCtx } from './person-writer.js';
import { findDuplicateCandidates, findPersonInScope, type PersonRow } from './persons.repository.js';

const TOWN_KINDS = ['town', 'street'];
const COMMUNITY_KINDS = ['community', 'village'];

export function writerCtx(ctx: Ctx, cipher: PersonalDataCipher, sourceRecordId: number | null = null): WriterCtx {
  const actor = ctx.actor;
  return {
    cipher,
    actorId: actor?.kind === 'user' ? actor.userId : null,
    actorName: actor?.kind === 'user' ? actor.displayName : actor?.kind === 'system' ? `system:${actor.name}` : null,
    sourceRecordId,
    at: nowIso(),
  };
}

/** Form input → writer input: the employer's four fields become one organisation reference. */
function toWrite(body: Partial<PersonCreateInput>): Partial<PersonWrite> {
  const { employerName, employerUscc, employerKind, employerIndustry, residentId, ...rest } = body;
  const out: Partial<PersonWrite> = { ...rest };
  if (employerName !== undefined) {
    out.employer = employerName ? { name: employerName, uscc: employerUscc ?? null, kind: employerKind ?? null, industry: employerIndustry ?? null } : null;
  }
  if (residentId !== undefined) out.residentId = residentId ? { value: residentId, valid: true } : null;
  return out;
}

/** Town fields must name a town or street, community fields a community or village inside it. */
async function assertPlaces(exec: Executor, body: Partial<PersonCreateInput>, existing?: PersonRow): Promise<void> {
  const pairs = [
    ['workTownId', 'workCommunityId', existing?.work_town_id, existing?.work_community_id],
    ['residenceTownId', 'residenceCommunityId', existing?.residence_town_id, existing?.residence_community_id],
  ] as const;
  for (const [townField, communityField, oldTown, oldCommunity] of pairs) {
    const townId = body[townField] !== undefined ? body[townField] : (oldTown ?? null);
    const communityId = body[communityField] !== undefined ? body[communityField] : (oldCommunity ?? null);
    const ids = [townId, communityId].filter((x): x is number => !!x);
    if (!ids.length) continue;
    const units = await exec.selectFrom('units').select(['id', 'kind', 'parent_id', 'active']).where('id', 'in', ids).execute();
    const town = townId ? units.find((u) => u.id === townId) : null;
    const community = communityId ? units.find((u) => u.id === communityId) : null;
    if (townId && (!town || !TOWN_KINDS.includes(town.kind))) throw fieldError(townField, 'field.invalidChoice');
    if (communityId && (!community || !COMMUNITY_KINDS.includes(community.kind))) throw fieldError(communityField, 'field.invalidChoice');
    if (town && community && community.parent_id !== town.id) throw fieldError(communityField, 'person.communityNotInTown');
  }
}

async function requirePerson(exec: Executor, ctx: Ctx, id: number): Promise<PersonRow> {
  const row = await findPersonInScope(exec, ctx, id);
  if (!row) throw notFound();
  return row;
}

export async function createPersonCommand(db: Db, ctx: Ctx, cipher: PersonalDataCipher, body: PersonCreateInput): Promise<PersonRow> {
  const actor = requireUser(ctx);
  return db.transaction().execute(async (trx) => {
    await assertPlaces(trx, body);
    if (body.residentId) {
      // The ID is identity: one person per ID. Only persons the actor may see are checked, so
      // the answer never tells a town officer about another town's people.
      const [dup] = await findDuplicateCandidates(trx, ctx, { residentIdBidx: cipher.blindIndex('residentId', body.residentId), name: null, birthDate: null, mobileBidx: null });
      if (dup) throw new AppError(409, 'person.residentIdTaken', { name: dup.name, id: dup.id }, { residentId: { key: 'person.residentIdTaken', params: { name: dup.name, id: dup.id } } });
    }
    const w = writerCtx(ctx, cipher);
    const write = toWrite(body) as PersonWrite;
    write.employer ??= null;
    const id = await createPerson(trx, w, write, actor.unitId);
    await writeAudit(trx, ctx, { action: 'person.create', objectType: 'person', objectId: id });
    return requirePerson(trx, ctx, id);
  });
}

export async function updatePersonCommand(db: Db, ctx: Ctx, cipher: PersonalDataCipher, id: number, body: PersonUpdateInput): Promise<PersonRow> {
  const actor = requireUser(ctx);
  return db.transaction().execute(async (trx) => {
    const existing = await requirePerson(trx, ctx, id);
    if (existing.version !== body.version) throw new AppError(409, 'person.versionConflict');
    await assertPlaces(trx, body, existing);
    if (body.residentId) {
      const dup = (await findDuplicateCandidates(trx, ctx, { residentIdBidx: cipher.blindIndex('residentId', body.residentId), name: null, birthDate: null, mobileBidx: null }, id))[0];
      if (dup) throw new AppError(409, 'person.residentIdTaken', { name: dup.name, id: dup.id }, { residentId: { key: 'person.residentIdTaken', params: { name: dup.name, id: dup.id } } });
    }
    const { version: _version, ...changes } = body;
    const fields = await changePerson(trx, writerCtx(ctx, cipher), existing, toWrite(changes), { fallbackUnitId: actor.unitId });
    if (fields.length) await writeAudit(trx, ctx, { action: 'person.update', objectType: 'person', objectId: id, detail: { fields } });
    // A change of place may move the record out of the actor's scope; return what they sent then.
    return (await findPersonInScope(trx, ctx, id)) ?? existing;
  });
}

/** Shows one resident ID or mobile unmasked: needs a reason, and the audit log records it. */
export async function revealPersonField(db: Db, ctx: Ctx, cipher: PersonalDataCipher, id: number, field: 'residentId' | 'mobile', reason: string): Promise<string | null> {
  const person = await requirePerson(db, ctx, id);
  const value = cipher.decryptNullable(field === 'residentId' ? person.resident_id_enc : person.mobile_enc);
  await writeAuditNow(db, ctx, { action: 'person.reveal', objectType: 'person', objectId: id, detail: { field, reason } });
  return value;
}

export { requirePerson };
