import { configManager } from "@medusajs/framework/config"
import { Migration } from "@medusajs/framework/mikro-orm/migrations"
import {
  CART_DELETE_INDEXES,
  createCartIndexSql,
  dropCartIndexSql,
  wantsCartIndexes,
} from "../../../lib/sql/cart-indexes"

/**
 * Indexes for cart pruning (written by hand, not generated).
 *
 * 1. The plugin's own: one partial index per lifetime class on
 *    `autopilot_cart_activity`, so each class's scan for carts past their
 *    lifetime reads only candidates of that class (an idle run is three
 *    empty index range scans, whatever the number of carts).
 * 2. Plain indexes on the cart module's foreign-key columns, without which
 *    every deleted cart scans the cart tables (see `lib/sql/cart-indexes.ts`).
 *    Skipped when the plugin options say `add_indexes: false`; the pruning
 *    job also creates them later if the option is turned on.
 */
/** The modules of the configuration Medusa loaded; none when run without one. */
function loadedModules(): unknown {
  try {
    return configManager.config.modules
  } catch {
    return undefined
  }
}

export class Migration20261128090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_autopilot_cart_activity_prune_empty" ON "autopilot_cart_activity" ("last_active_at", "id") WHERE deleted_at IS NULL AND state = 'open' AND item_count = 0;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_autopilot_cart_activity_prune_anonymous" ON "autopilot_cart_activity" ("last_active_at", "id") WHERE deleted_at IS NULL AND state = 'open' AND item_count > 0 AND email IS NULL AND customer_id IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_autopilot_cart_activity_prune_customer" ON "autopilot_cart_activity" ("last_active_at", "id") WHERE deleted_at IS NULL AND state = 'open' AND item_count > 0 AND (email IS NOT NULL OR customer_id IS NOT NULL);`
    )
    if (wantsCartIndexes(loadedModules())) {
      // In a new shop this module may migrate before the cart module has
      // its tables: skip those indexes then; the job creates them at its
      // first run (ensureCartIndexes).
      createCartIndexSql(false).forEach((sql, i) => {
        const table = CART_DELETE_INDEXES[i].table
        this.addSql(
          `DO $$ BEGIN IF to_regclass('public.${table}') IS NOT NULL THEN ${sql}; END IF; END $$;`
        )
      })
    }
  }

  override async down(): Promise<void> {
    for (const sql of dropCartIndexSql()) this.addSql(`${sql};`)
    this.addSql(
      `DROP INDEX IF EXISTS "IDX_autopilot_cart_activity_prune_empty";`
    )
    this.addSql(
      `DROP INDEX IF EXISTS "IDX_autopilot_cart_activity_prune_anonymous";`
    )
    this.addSql(
      `DROP INDEX IF EXISTS "IDX_autopilot_cart_activity_prune_customer";`
    )
  }
}
