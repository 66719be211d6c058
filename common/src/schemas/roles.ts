import { z } from 'zod';
import { isPermission } from '../permissions.js';
import { nonBlank } from './common.js';

export const roleSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  builtIn: z.boolean(),
  permissions: z.array(z.string()),
  requireTotp: z.boolean(),
  userCount: z.number().int(),
  // Built-in roles follow the code: only whether they require TOTP is a local decision.
  abilities: z.object({ update: z.boolean(), setRequireTotp: z.boolean(), delete: z.boolean() }),
});
export type Role = z.infer<typeof roleSchema>;
export const roleListResponse = z.object({ items: z.array(roleSchema) });

const permissionList = z
  .array(z.string().refine(isPermission, { message: 'field.permission' }))
  .min(1, { message: 'field.required' })
  .max(100);

export const roleCreateBody = z.object({
  code: z.string().trim().regex(/^[a-z][a-z0-9_]{1,39}$/, { message: 'field.unitCode' }),
  name: nonBlank(40),
  nameEn: z.string().trim().max(80, { message: 'field.tooLong' }).default(''),
  permissions: permissionList,
  requireTotp: z.boolean().default(false),
});
export type RoleCreateBody = z.infer<typeof roleCreateBody>;

export const roleUpdateBody = z.object({
  name: nonBlank(40).optional(),
  nameEn: z.string().trim().max(80, { message: 'field.tooLong' }).optional(),
  permissions: permissionList.optional(),
  requireTotp: z.boolean().optional(),
});
export type RoleUpdateBody = z.infer<typeof roleUpdateBody>;

export const permissionListResponse = z.object({
  items: z.array(z.object({ code: z.string(), dutyClass: z.string() })),
});
