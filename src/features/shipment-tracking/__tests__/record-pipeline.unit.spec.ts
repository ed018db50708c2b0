import type { ShipmentUpdate } from "../apply"
import { RecordPipeline } from "../poll"

const update = (n: number): ShipmentUpdate => ({
  shipmentId: `apship_${n}`,
  update: { number: `N${n}`, events: [] } as never,
})
const updates = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => update(from + i))

/** A writer whose groups finish only when the test says so. */
function controlledWriter() {
  const groups: string[][] = []
  const pending: (() => void)[] = []
  let running = 0
  let maxRunning = 0
  const write = (group: ShipmentUpdate[]) => {
    groups.push(group.map((g) => g.shipmentId))
    running += 1
    maxRunning = Math.max(maxRunning, running)
    return new Promise<void>((resolve) =>
      pending.push(() => {
        running -= 1
        resolve()
      })
    )
  }
  const finishOne = async () => {
    pending.shift()?.()
    await new Promise((r) => setImmediate(r))
  }
  return {
    write,
    groups,
    finishOne,
    pending: () => pending.length,
    maxRunning: () => maxRunning,
  }
}

describe("RecordPipeline", () => {
  it("records full groups as answers come, the rest on drain, each once and in order", async () => {
    const written: string[][] = []
    const pipeline = new RecordPipeline(async (group) => {
      written.push(group.map((g) => g.shipmentId))
    }, 3)

    pipeline.add(updates(0, 2))
    expect(written).toEqual([])
    pipeline.add(updates(2, 5))
    await new Promise((r) => setImmediate(r))
    expect(written.flat()).toEqual(updates(0, 6).map((u) => u.shipmentId))

    await pipeline.drain()
    expect(written.map((g) => g.length)).toEqual([3, 3, 1])
    expect(written.flat()).toEqual(updates(0, 7).map((u) => u.shipmentId))
  })

  it("records at most two groups at once and holds requests back once four wait", async () => {
    const writer = controlledWriter()
    const pipeline = new RecordPipeline(writer.write, 1)

    pipeline.add(updates(0, 6))
    expect(writer.pending()).toBe(2)
    // Two running, four queued: no room for more answers.
    let roomy = false
    const room = pipeline.room().then(() => {
      roomy = true
    })
    await new Promise((r) => setImmediate(r))
    expect(roomy).toBe(false)

    await writer.finishOne()
    await room
    expect(roomy).toBe(true)

    const drained = pipeline.drain()
    while (writer.pending()) await writer.finishOne()
    await drained
    expect(writer.groups.flat()).toEqual(updates(0, 6).map((u) => u.shipmentId))
    expect(writer.maxRunning()).toBe(2)
  })

  it("goes on after a group fails", async () => {
    const written: string[] = []
    const pipeline = new RecordPipeline(async (group) => {
      if (group[0].shipmentId === "apship_0") throw new Error("database down")
      written.push(...group.map((g) => g.shipmentId))
    }, 1)

    pipeline.add(updates(0, 3))
    await pipeline.drain()

    expect(written).toEqual(["apship_1", "apship_2"])
  })
})
