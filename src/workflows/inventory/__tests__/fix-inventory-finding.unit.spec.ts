import { asValue } from "@medusajs/framework/awilix"
import type { MedusaContainer } from "@medusajs/framework/types"
import { createMedusaContainer, Modules } from "@medusajs/framework/utils"
import { AUTOPILOT_MODULE } from "../../../modules/autopilot"
import { ManualClock, resetClock, setClock } from "../../../runtime/clock"
import { runInventoryFindingFix } from "../utils/run-inventory-finding-fix"
import { fixInventoryFindingWorkflow } from "../workflows/fix-inventory-finding"

type Row = Record<string, unknown> & { id: string }

const AT = new Date("2026-12-01T12:00:00Z")

/** The autopilot module's finding methods, in memory. */
function fakeAutopilot(rows: Row[], failOn?: (patch: Row) => boolean) {
  const byId = new Map(rows.map((r) => [r.id, { ...r }]))
  return {
    rows: byId,
    listInventoryFindings: jest.fn(async ({ id }: { id: string }) =>
      byId.has(id) ? [{ ...byId.get(id)! }] : []
    ),
    updateInventoryFindings: jest.fn(async (patch: Row) => {
      if (failOn?.(patch)) throw new Error("database is gone")
      const next = { ...byId.get(patch.id)!, ...patch }
      byId.set(patch.id, next)
      return { ...next }
    }),
  }
}

/** A level with its reservations, behind the inventory module's methods. */
function fakeInventory(level?: { reserved_quantity: number }, sum = 0) {
  return {
    level,
    listInventoryLevels: jest.fn(async () => (level ? [{ ...level }] : [])),
    listReservationItems: jest.fn(async (filters: { id?: string[] }) =>
      filters.id
        ? filters.id.map((id) => ({ id, inventory_item_id: "iitem_1" }))
        : [{ quantity: sum }]
    ),
    adjustInventoryLevelsForReservationsDeletion: jest.fn(
      async (r: { quantity: number }[]) => {
        level!.reserved_quantity -= r[0].quantity
      }
    ),
    adjustInventoryLevelsForReservationsRestore: jest.fn(
      async (r: { quantity: number }[]) => {
        level!.reserved_quantity += r[0].quantity
      }
    ),
    softDeleteReservationItems: jest.fn(async () => undefined),
    restoreReservationItems: jest.fn(async () => undefined),
  }
}

function containerWith(
  autopilot: ReturnType<typeof fakeAutopilot>,
  inventory: ReturnType<typeof fakeInventory>
) {
  const container = createMedusaContainer()
  const eventBus = {
    emit: jest.fn(async () => undefined),
    releaseGroupedEvents: jest.fn(async () => undefined),
    clearGroupedEvents: jest.fn(async () => undefined),
  }
  container.register({
    [AUTOPILOT_MODULE]: asValue(autopilot),
    [Modules.INVENTORY]: asValue(inventory),
    [Modules.LOCKING]: asValue({
      execute: async (_keys: unknown, job: () => Promise<unknown>) => job(),
    }),
    [Modules.EVENT_BUS]: asValue(eventBus),
  })
  return { container: container as MedusaContainer, eventBus }
}

const finding = (over: Partial<Row> = {}): Row => ({
  id: "apinv_1",
  type: "reserved_drift",
  status: "open",
  inventory_item_id: "iitem_1",
  location_id: "sloc_1",
  reservation_id: null,
  details: { before: { reserved_quantity: 4, reservations_sum: 1 } },
  fixed_at: null,
  fix_error: null,
  last_run_id: "aprun_seen",
  ...over,
})

beforeEach(() => setClock(new ManualClock(AT)))
afterEach(() => resetClock())

describe("fixInventoryFindingWorkflow", () => {
  it("sets a drifted reserved quantity to its reservations and marks the finding fixed", async () => {
    const autopilot = fakeAutopilot([finding()])
    const inventory = fakeInventory({ reserved_quantity: 4 }, 1)
    const { container } = containerWith(autopilot, inventory)

    const { result } = await fixInventoryFindingWorkflow(container).run({
      input: { id: "apinv_1", run_id: "aprun_2" },
    })

    expect(inventory.level).toEqual({ reserved_quantity: 1 })
    expect(
      inventory.adjustInventoryLevelsForReservationsDeletion
    ).toHaveBeenCalledWith([
      { inventory_item_id: "iitem_1", location_id: "sloc_1", quantity: 3 },
    ])
    expect(inventory.softDeleteReservationItems).not.toHaveBeenCalled()
    expect(result).toMatchObject({
      status: "fixed",
      fix_error: null,
      last_run_id: "aprun_2",
      details: {
        before: { reserved_quantity: 4, reservations_sum: 1 },
        after: { reserved_quantity: 1 },
      },
    })
    expect(new Date(result.fixed_at as Date).toISOString()).toBe(
      AT.toISOString()
    )
  })

  it("keeps the finding's last run when fixed from the admin", async () => {
    const autopilot = fakeAutopilot([finding()])
    const { container } = containerWith(
      autopilot,
      fakeInventory({ reserved_quantity: 0 }, 2)
    )
    const { result } = await fixInventoryFindingWorkflow(container).run({
      input: { id: "apinv_1" },
    })
    expect(result).toMatchObject({
      last_run_id: "aprun_seen",
      details: { after: { reserved_quantity: 2 } },
    })
  })

  it("deletes an orphaned reservation through Medusa's workflow", async () => {
    const autopilot = fakeAutopilot([
      finding({ type: "orphaned_reservation", reservation_id: "resitem_9" }),
    ])
    const inventory = fakeInventory({ reserved_quantity: 1 }, 1)
    const { container, eventBus } = containerWith(autopilot, inventory)

    const { result } = await fixInventoryFindingWorkflow(container).run({
      input: { id: "apinv_1" },
    })

    expect(inventory.softDeleteReservationItems).toHaveBeenCalledWith([
      "resitem_9",
    ])
    expect(
      inventory.adjustInventoryLevelsForReservationsDeletion
    ).not.toHaveBeenCalled()
    expect(eventBus.emit).toHaveBeenCalledWith([
      expect.objectContaining({
        name: "reservation-item.deleted",
        data: { id: "resitem_9" },
      }),
    ])
    expect(result).toMatchObject({
      status: "fixed",
      details: { after: { reservation_deleted: "resitem_9" } },
    })
  })

  it("refuses an unknown finding with NOT_FOUND", async () => {
    const { container } = containerWith(fakeAutopilot([]), fakeInventory())
    await expect(
      fixInventoryFindingWorkflow(container).run({ input: { id: "apinv_x" } })
    ).rejects.toMatchObject({ type: "not_found" })
  })

  it.each([
    ["a report-only type", { type: "negative_stock" }, /reported only/],
    ["a fixed finding", { status: "fixed" }, /is fixed, not open/],
    ["a resolved finding", { status: "resolved" }, /is resolved, not open/],
  ])(
    "refuses %s with NOT_ALLOWED and touches nothing",
    async (_, over, message) => {
      const autopilot = fakeAutopilot([finding(over)])
      const inventory = fakeInventory({ reserved_quantity: 4 }, 1)
      const { container } = containerWith(autopilot, inventory)
      await expect(
        runInventoryFindingFix(container, { id: "apinv_1" })
      ).rejects.toMatchObject({ type: "not_allowed", message })
      expect(inventory.level).toEqual({ reserved_quantity: 4 })
      // A refusal is not a failed fix: no fix_error is written.
      expect(autopilot.updateInventoryFindings).not.toHaveBeenCalled()
    }
  )

  it("undoes the fix when the finding cannot be marked fixed", async () => {
    const autopilot = fakeAutopilot(
      [finding()],
      (patch) => patch.status === "fixed"
    )
    const inventory = fakeInventory({ reserved_quantity: 4 }, 1)
    const { container } = containerWith(autopilot, inventory)

    await expect(
      fixInventoryFindingWorkflow(container).run({ input: { id: "apinv_1" } })
    ).rejects.toMatchObject({ message: "database is gone" })
    expect(inventory.level).toEqual({ reserved_quantity: 4 })
    expect(autopilot.rows.get("apinv_1")).toMatchObject({ status: "open" })
  })
})

describe("runInventoryFindingFix", () => {
  it("returns the fixed finding", async () => {
    const { container } = containerWith(
      fakeAutopilot([finding()]),
      fakeInventory({ reserved_quantity: 4 }, 1)
    )
    await expect(
      runInventoryFindingFix(container, { id: "apinv_1" })
    ).resolves.toMatchObject({ id: "apinv_1", status: "fixed" })
  })

  it("notes why a fix failed on the finding, and throws", async () => {
    const autopilot = fakeAutopilot([finding()])
    // The level is gone: the drift fix cannot read it.
    const { container } = containerWith(autopilot, fakeInventory(undefined, 1))
    await expect(
      runInventoryFindingFix(container, { id: "apinv_1" })
    ).rejects.toMatchObject({
      message: expect.stringMatching(/reserved_quantity/),
    })
    expect(autopilot.rows.get("apinv_1")).toMatchObject({
      status: "open",
      fix_error: expect.stringMatching(/reserved_quantity/),
    })
  })
})
