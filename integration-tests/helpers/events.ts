import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

/**
 * Subscribes to one of the plugin's events on the app's event bus, as a
 * shop's subscriber would, and keeps each payload. `stop()` unsubscribes.
 */
export function captureEvents<T = Record<string, unknown>>(
  container: MedusaContainer,
  name: string
): { events: T[]; stop: () => void } {
  const events: T[] = []
  const subscriberId = `test-capture-${name}-${Math.random().toString(36).slice(2)}`
  const handler = async (event: { data: T }) => {
    events.push(event.data)
  }
  const bus = container.resolve(Modules.EVENT_BUS)
  bus.subscribe(name, handler as never, { subscriberId })
  return {
    events,
    stop: () => bus.unsubscribe(name, handler as never, { subscriberId }),
  }
}
