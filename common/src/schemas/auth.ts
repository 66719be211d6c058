import { z } from 'zod';
import { passwordMeetsPolicy } from '../validation/password.js';
import { LOCALES } from '../i18n/locale.js';

export const passwordField = z
  .string()
  .max(128, { message: 'field.tooLong' })
  .refine(passwordMeetsPolicy, { message: 'field.passwordPolicy' });

export const usernameField = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9._-]{2,31}$/, { message: 'field.username' });

export const totpCodeField = z.string().trim().regex(/^\d{6}$/, { message: 'field.totpCode' });

export const loginBody = z.object({
  username: z.string().trim().min(1, { message: 'field.required' }).max(64),
  password: z.string().min(1, { message: 'field.required' }).max(128),
  totp: totpCodeField.optional(),
});
export type LoginBody = z.infer<typeof loginBody>;

/**
 * What the session may do: `full`, or a restricted stage that only allows finishing a required
 * step (changing an administrator-issued password, enrolling TOTP when the role demands it).
 */
export const sessionStage = z.enum(['full', 'changePassword', 'enrolTotp']);
export type SessionStage = z.infer<typeof sessionStage>;

export const meSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  unit: z.object({ id: z.number().int(), name: z.string(), kind: z.string(), path: z.string() }),
  roles: z.array(z.object({ id: z.number().int(), code: z.string(), name: z.string(), nameEn: z.string() })),
  permissions: z.array(z.string()),
  stage: sessionStage,
  totpEnabled: z.boolean(),
  totpRequired: z.boolean(),
  locale: z.enum(LOCALES),
  districtName: z.string(),
  districtNameEn: z.string(),
});
export type Me = z.infer<typeof meSchema>;

export const sessionResponse = z.object({ user: meSchema, csrfToken: z.string() });
export type SessionResponse = z.infer<typeof sessionResponse>;

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1, { message: 'field.required' }).max(128),
  newPassword: passwordField,
});
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;

export const totpSetupResponse = z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() });
export const totpEnableBody = z.object({ code: totpCodeField });
export const totpDisableBody = z.object({ password: z.string().min(1, { message: 'field.required' }).max(128) });

export const localeBody = z.object({ locale: z.enum(LOCALES) });

export const setupStatusResponse = z.object({ needsSetup: z.boolean() });
export const setupBody = z.object({
  token: z.string().trim().min(1, { message: 'field.required' }).max(200),
  districtName: z.string().trim().min(1, { message: 'field.required' }).max(60, { message: 'field.tooLong' }),
  districtNameEn: z.string().trim().max(80, { message: 'field.tooLong' }).default(''),
  districtCode: z.string().trim().regex(/^\d{6}$/, { message: 'field.invalid' }),
  username: usernameField,
  displayName: z.string().trim().min(1, { message: 'field.required' }).max(40, { message: 'field.tooLong' }),
  password: passwordField,
});
export type SetupBody = z.infer<typeof setupBody>;
