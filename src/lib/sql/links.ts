import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/**
 * A workaround, used only when the link module's own hard delete fails.
 *
 * In Medusa 2.21.2 a link module's `delete(filter)` builds
 * `DELETE … RETURNING` from the link entity's primary keys, which are empty
 * for link entities, so PostgreSQL answers "syntax error at end of input";
 * `dismiss` and `softDelete` only set `deleted_at`. A pruned cart must leave
 * no link row behind, so its rows in `table` are deleted here by cart id —
 * the same statement the link module means to run.
 */
export async function deleteCartLinkRows(
  container: MedusaContainer,
  table: string,
  cartIds: string[]
): Promise<void> {
  if (!cartIds.length) return
  await container
    .resolve(ContainerRegistrationKeys.PG_CONNECTION)
    .raw(`delete from "${table}" where cart_id = any(?)`, [cartIds])
}
