import { z } from 'zod';
import { nonBlank } from './common.js';
import { UNIT_KINDS } from '../dictionaries/unit-kinds.js';

export const unitKind = z.enum(UNIT_KINDS);

export const unitAbilities = z.object({
  update: z.boolean(),
  move: z.boolean(),
  deactivate: z.boolean(),
  delete: z.boolean(),
  addChild: z.boolean(),
});

export const unitSchema = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  kind: unitKind,
  code: z.string().nullable(),
  name: z.string(),
  nameEn: z.string(),
  path: z.string(),
  depth: z.number().int(),
  sortOrder: z.number().int(),
  active: z.boolean(),
  childCount: z.number().int(),
  abilities: unitAbilities,
});
export type Unit = z.infer<typeof unitSchema>;

export const unitListQuery = z.object({
  // stringbool, not coerce.boolean: the query string "false" is a non-empty string, which coerces to true.
  includeInactive: z.stringbool().default(true),
});
export const unitListResponse = z.object({ items: z.array(unitSchema) });

const unitCode = z
  .string()
  .trim()
  .max(40, { message: 'field.tooLong' })
  .regex(/^[A-Za-z0-9_-]*$/, { message: 'field.unitCode' });

export const unitCreateBody = z.object({
  parentId: z.number().int().positive({ message: 'field.required' }),
  kind: unitKind,
  name: nonBlank(60),
  nameEn: z.string().trim().max(120, { message: 'field.tooLong' }).default(''),
  code: unitCode.optional(),
  sortOrder: z.number().int().min(0).max(100000).default(0),
});
export type UnitCreateBody = z.infer<typeof unitCreateBody>;

export const unitUpdateBody = z.object({
  name: nonBlank(60).optional(),
  nameEn: z.string().trim().max(120, { message: 'field.tooLong' }).optional(),
  code: unitCode.optional(),
  sortOrder: z.number().int().min(0).max(100000).optional(),
  parentId: z.number().int().positive().optional(),
  active: z.boolean().optional(),
});
export type UnitUpdateBody = z.infer<typeof unitUpdateBody>;
