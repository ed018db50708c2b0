import type { MedusaContainer } from "@medusajs/framework/types"
import { forEachBatch, forEachItem, keysetAfter } from "../batching"
import type { RunContext, RunCounters } from "../types"

function fakeContext(timeLeft: () => number = () => 60_000) {
  const counters: RunCounters = {
    scanned: 0,
    changed: 0,
    skipped: 0,
    failed: 0,
  }
  const failures: { id: string; reason: string }[] = []
  const progress: [number, number | null | undefined][] = []
  const cleared: string[] = []
  const backingOff = new Set<string>()
  let stoppedEarly = false
  const ctx: RunContext = {
    container: {} as MedusaContainer,
    jobName: "cart-pruning",
    runId: "aprun_test",
    dryRun: false,
    options: {},
    now: () => new Date(),
    timeLeft,
    count: (c, by = 1) => {
      counters[c] += by
    },
    changed: () => {
      counters.changed += 1
    },
    fail: (id, reason) => {
      counters.failed += 1
      failures.push({ id, reason })
    },
    failuresOf: (id) => failures.filter((f) => f.id === id).length,
    succeeded: (id) => {
      cleared.push(id)
    },
    attemptable: async (ids) =>
      new Set(ids.filter((id) => !backingOff.has(id))),
    progress: async (done, total) => {
      progress.push([done, total])
    },
    note: () => undefined,
    markStoppedEarly: () => {
      stoppedEarly = true
    },
    notify: async () => true,
    notifyAll: async (inputs: unknown[]) => inputs.map(() => true),
  }
  return {
    ctx,
    counters,
    failures,
    progress,
    cleared,
    backingOff,
    stopped: () => stoppedEarly,
  }
}

const rows = Array.from({ length: 23 }, (_, i) => ({
  id: `r${String(i).padStart(2, "0")}`,
}))

/** Keyset fetch over `rows` by id, counting calls and the largest batch. */
function keysetSource() {
  const calls: (string | null)[] = []
  return {
    calls,
    fetch: async (after: string | null, limit: number) => {
      calls.push(after)
      return rows.filter((r) => after === null || r.id > after).slice(0, limit)
    },
  }
}

describe("forEachBatch", () => {
  it("walks every row once in keyset order with bounded batches", async () => {
    const { ctx, progress } = fakeContext()
    const source = keysetSource()
    const seen: string[] = []
    let largest = 0
    const result = await forEachBatch(ctx, {
      batchSize: 10,
      fetch: source.fetch,
      cursorOf: (r) => r.id,
      total: rows.length,
      handle: async (batch) => {
        largest = Math.max(largest, batch.length)
        seen.push(...batch.map((r) => r.id))
      },
    })
    expect(seen).toEqual(rows.map((r) => r.id))
    expect(largest).toBe(10)
    expect(result).toEqual({ processed: 23, batches: 3, stoppedEarly: false })
    expect(source.calls).toEqual([null, "r09", "r19"])
    expect(progress).toEqual([
      [0, 23],
      [10, undefined],
      [20, undefined],
      [23, undefined],
    ])
  })

  it("stops cleanly between batches when the time budget ends", async () => {
    let left = 2
    const { ctx, stopped } = fakeContext(() => (left-- > 0 ? 1000 : 0))
    const source = keysetSource()
    const result = await forEachBatch(ctx, {
      batchSize: 5,
      fetch: source.fetch,
      cursorOf: (r) => r.id,
      handle: async () => undefined,
    })
    expect(result).toEqual({ processed: 10, batches: 2, stoppedEarly: true })
    expect(stopped()).toBe(true)
  })
})

describe("forEachItem", () => {
  it("skips items backing off and clears the ones that go through", async () => {
    const { ctx, counters, cleared, backingOff } = fakeContext()
    backingOff.add("r02")
    const done: string[] = []
    await forEachItem(
      ctx,
      rows.slice(0, 4),
      (r) => r.id,
      async (r) => {
        if (r.id === "r03") ctx.fail(r.id, "send failed")
        done.push(r.id)
      }
    )
    expect(done).toEqual(["r00", "r01", "r03"])
    expect(cleared).toEqual(["r00", "r01"])
    expect(counters).toMatchObject({ scanned: 4, skipped: 1, failed: 1 })
  })

  it("records a failing item and goes on with the rest", async () => {
    const { ctx, counters, failures } = fakeContext()
    const done: string[] = []
    await forEachItem(
      ctx,
      rows.slice(0, 4),
      (r) => r.id,
      async (r) => {
        if (r.id === "r01") throw new Error("carrier timeout")
        done.push(r.id)
      }
    )
    expect(done).toEqual(["r00", "r02", "r03"])
    expect(counters).toMatchObject({ scanned: 4, failed: 1 })
    expect(failures).toEqual([{ id: "r01", reason: "carrier timeout" }])
  })
})

describe("keysetAfter", () => {
  const at = new Date("2026-01-01T00:00:00Z")

  it("starts unfiltered, or with the bound alone", () => {
    expect(keysetAfter("created_at", null)).toEqual({})
    expect(keysetAfter("created_at", null, { $lt: at })).toEqual({
      created_at: { $lt: at },
    })
  })

  it("continues after (field, id) and keeps the bound on the field", () => {
    expect(
      keysetAfter("created_at", { created_at: at, id: "x_9" }, { $lt: at })
    ).toEqual({
      $or: [
        { created_at: { $gt: at, $lt: at } },
        { created_at: at, id: { $gt: "x_9" } },
      ],
    })
  })
})
