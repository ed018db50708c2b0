import type { Context } from "@medusajs/framework/types"
import { MedusaContextType } from "@medusajs/framework/utils"
import { chunks } from "../../../runtime/batching"

/**
 * The ids for a module service's generated `delete<Model>s`, as the filter
 * `{ id: ids }` that its internal service also accepts.
 *
 * Given a list, the method turns every id into one `OR` branch that
 * MikroORM builds as its own criteria node (about 20 µs per id: 4 of the
 * 24 CPU seconds of pruning 100,000 carts); the filter is one `id IN (…)`.
 * Same rows, same `deleted` events.
 */
export function idsFilter(ids: string[]): string[] {
  return { id: ids } as unknown as string[]
}

/** Rows one delete call removes: its `deleted` events are held until it ends. */
export const DELETE_CHUNK = 500

/**
 * Hard-deletes `ids` through a module's generated `delete<Model>s`, in
 * calls of {@link DELETE_CHUNK}, each with a context of its own.
 *
 * Inside a step, a module call gets the workflow's event group, so every
 * `deleted` event of the batch would wait in memory for the workflow's end
 * — and be dropped if a later step failed, though the rows are gone. With
 * its own context each call sends its events when it commits. Measured on
 * 100,000 carts (`bench/cart-pruning.ts`): together with the chunking, the
 * heap's peak fell from 490 to 336 MB at the same speed.
 */
export async function deleteForGood(
  remove: (ids: string[], context: Context) => Promise<unknown>,
  ids: string[]
): Promise<void> {
  for (const chunk of chunks(ids, DELETE_CHUNK)) {
    await remove(idsFilter(chunk), { __type: MedusaContextType })
  }
}
