import type { RunContext } from "../../runtime/types"

/**
 * A view of the run with the job's own time budget (`time_budget_minutes`)
 * on top of the runtime's.
 */
export function withTimeBudget(ctx: RunContext, budgetMs: number): RunContext {
  const deadline = ctx.now().getTime() + budgetMs
  const timeLeft = () =>
    Math.max(0, Math.min(ctx.timeLeft(), deadline - ctx.now().getTime()))
  // Bound once per method: the job calls `count` and `changed` per cart.
  const bound = new Map<PropertyKey, unknown>()
  return new Proxy(ctx, {
    get(target, prop) {
      if (prop === "timeLeft") return timeLeft
      const value = Reflect.get(target, prop, target)
      if (typeof value !== "function") return value
      if (!bound.has(prop)) bound.set(prop, value.bind(target))
      return bound.get(prop)
    },
  })
}
