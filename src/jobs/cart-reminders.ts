import { jobTicker } from "../features"
import { TICK_MS } from "../runtime/scheduler"

/**
 * Ticks the `cart-reminders` job. Medusa calls this every tick (30 s by default); the
 * plugin's runtime runs the job only when a slot of its stored schedule is
 * due and the job is switched on, under its lock, and records the run.
 * Failures are recorded in the run history, never thrown.
 */
export default jobTicker("cart-reminders")

export const config = {
  name: "autopilot-cart-reminders",
  schedule: { interval: TICK_MS },
}
