import type { MedusaContainer } from "@medusajs/framework/types"
import { autopilotService } from "../../../runtime/settings"

type Waiter = { resolve: () => void; reject: (e: unknown) => void }

/** The carts waiting for the next write, and who waits for it. */
type Feed = {
  pending: Map<string, Waiter[]>
  writing: boolean
}

const feeds = new WeakMap<MedusaContainer, Feed>()

/**
 * The cart activity feed's write, on the process that serves the
 * storefront: records a changed cart's activity row, and resolves once the
 * row is written (rejects when the write failed, so the event bus sees the
 * failure as it would any subscriber's).
 *
 * Cheap by construction. The row is derived by the database from the cart
 * in one statement (the module's `recordCartActivity`: no Query read, no
 * ORM entities, no workflow). Carts that change while a write is under way
 * are coalesced: they go together in the next statement, once each however
 * many events they had (a new cart with items emits `cart.created` and
 * `cart.updated` at once). A quiet shop writes at once; a busy one writes
 * one statement per round trip, not per event. The statement reads each
 * cart as it is when it runs, so a coalesced event loses nothing.
 *
 * A single statement needs no compensation: it writes every row of the
 * batch or none.
 */
export function recordCartActivityFeed(
  container: MedusaContainer,
  cartId: string
): Promise<void> {
  let feed = feeds.get(container)
  if (!feed) {
    feed = { pending: new Map(), writing: false }
    feeds.set(container, feed)
  }
  const current = feed
  const done = new Promise<void>((resolve, reject) => {
    const waiters = current.pending.get(cartId) ?? []
    waiters.push({ resolve, reject })
    current.pending.set(cartId, waiters)
  })
  if (!current.writing) {
    current.writing = true
    // The events of one request (a new cart with items emits two) arrive
    // in the same turn of the event loop: they go in one statement.
    setImmediate(() => void write(container, current))
  }
  return done
}

/** Carts per statement, at most. */
const BATCH = 500

/** Writes the pending carts, then whatever came meanwhile, until none is left. */
async function write(container: MedusaContainer, feed: Feed): Promise<void> {
  try {
    while (feed.pending.size) {
      const batch = new Map<string, Waiter[]>()
      for (const [id, waiters] of feed.pending) {
        if (batch.size === BATCH) break
        batch.set(id, waiters)
      }
      for (const id of batch.keys()) feed.pending.delete(id)
      try {
        await autopilotService(container).recordCartActivity([...batch.keys()])
        for (const waiters of batch.values())
          waiters.forEach((w) => w.resolve())
      } catch (e) {
        for (const waiters of batch.values())
          waiters.forEach((w) => w.reject(e))
      }
    }
  } finally {
    feed.writing = false
  }
}
