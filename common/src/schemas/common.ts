import { z } from 'zod';

// Field messages are keys of the error catalog (common/src/i18n/errors.ts); the server and the
// forms translate them into the user's language.
export const errorSchema = z.object({
  code: z.string(),
  message: z.string(),
  requestId: z.string().optional(),
  fields: z.record(z.string(), z.string()).optional(),
});
export type ApiError = z.infer<typeof errorSchema>;

export const idParam = z.object({ id: z.coerce.number().int().positive() });

export const okSchema = z.object({ ok: z.literal(true) });

/** Keyset pagination: the client sends back `nextCursor` to get the following page. */
export const pageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), nextCursor: z.string().nullable() });
}

export const nonBlank = (max: number) =>
  z.string().trim().min(1, { message: 'field.required' }).max(max, { message: 'field.tooLong' });
