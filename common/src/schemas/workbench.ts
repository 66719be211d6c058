import { z } from 'zod';

export const workbenchResponse = z.object({
  scopeUnit: z.object({ id: z.number().int(), name: z.string(), kind: z.string() }),
  unitCounts: z.record(z.string(), z.number().int()),
  lastLogin: z.object({ at: z.string(), ip: z.string().nullable() }).nullable(),
});
export type Workbench = z.infer<typeof workbenchResponse>;
