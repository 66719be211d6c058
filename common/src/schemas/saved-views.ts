import { z } from 'zod';
import { nonBlank } from './common.js';

// A user's named list views (filters, sort, columns), per module. Private to the user.

export const SAVED_VIEW_MODULES = ['persons'] as const;

export const savedViewSchema = z.object({
  id: z.number().int(),
  module: z.enum(SAVED_VIEW_MODULES),
  name: z.string(),
  /** The list page's own state (URL query and column choice); opaque to the server. */
  state: z.record(z.string(), z.unknown()),
  updatedAt: z.string(),
});
export type SavedView = z.infer<typeof savedViewSchema>;

export const savedViewListQuery = z.object({ module: z.enum(SAVED_VIEW_MODULES) });
export const savedViewListResponse = z.object({ items: z.array(savedViewSchema) });

export const savedViewSaveBody = z.object({
  module: z.enum(SAVED_VIEW_MODULES),
  name: nonBlank(40),
  state: z.record(z.string(), z.unknown()).refine((v) => JSON.stringify(v).length <= 8000, { message: 'field.tooLong' }),
});
export type SavedViewSaveBody = z.infer<typeof savedViewSaveBody>;
