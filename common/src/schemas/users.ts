import { z } from 'zod';
import { nonBlank, pageOf } from './common.js';
import { passwordField, usernameField } from './auth.js';

export const userAbilities = z.object({
  update: z.boolean(),
  resetPassword: z.boolean(),
  unlock: z.boolean(),
  resetTotp: z.boolean(),
  deactivate: z.boolean(),
});

export const userSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  roleIds: z.array(z.number().int()),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  abilities: userAbilities,
});
export type User = z.infer<typeof userSchema>;

export const userListQuery = z.object({
  q: z.string().trim().max(64).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  roleId: z.coerce.number().int().positive().optional(),
  active: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});
export const userListResponse = pageOf(userSchema);

export const userCreateBody = z.object({
  username: usernameField,
  displayName: nonBlank(40),
  unitId: z.number({ message: 'field.required' }).int().positive(),
  roleIds: z.array(z.number().int().positive()).min(1, { message: 'field.required' }).max(10),
  password: passwordField,
});
export type UserCreateBody = z.infer<typeof userCreateBody>;

export const userUpdateBody = z.object({
  displayName: nonBlank(40).optional(),
  unitId: z.number().int().positive().optional(),
  roleIds: z.array(z.number().int().positive()).min(1, { message: 'field.required' }).max(10).optional(),
  active: z.boolean().optional(),
});
export type UserUpdateBody = z.infer<typeof userUpdateBody>;

export const resetPasswordBody = z.object({ password: passwordField });
