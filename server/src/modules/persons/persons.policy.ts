import { can, type Ctx } from '../../platform/context.js';

/** What this actor may do with a person they can see; the UI shows exactly these actions. */
export function personAbilities(ctx: Ctx) {
  return {
    update: can(ctx, 'person.update'),
    reveal: can(ctx, 'person.reveal'),
  };
}
