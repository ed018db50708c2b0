import { at, sqlSuite } from "./sql-suite"

jest.setTimeout(60_000)

sqlSuite(({ service, sql, insert }) => {
  const queued = () =>
    sql<{ id: string; variant_id: string; reason: string | null }>(
      `select id, variant_id, reason from autopilot_restock_queue
        where deleted_at is null order by variant_id`
    )

  describe("queueRestockVariants", () => {
    it("queues each variant once, with the reason", async () => {
      const added = await service.queueRestockVariants(
        ["variant_b", "variant_a"],
        "inventory-level.updated"
      )

      expect(added.sort()).toEqual(["variant_a", "variant_b"])
      const rows = await queued()
      expect(rows.map((r) => [r.variant_id, r.reason])).toEqual([
        ["variant_a", "inventory-level.updated"],
        ["variant_b", "inventory-level.updated"],
      ])
      for (const row of rows) {
        expect(row.id).toMatch(/^aprq_[0-9A-HJKMNP-TV-Z]{26}$/)
      }
    })

    it("leaves a variant queued already as it is and returns only the new ones", async () => {
      await insert("autopilot_restock_queue", {
        id: "aprq_old",
        variant_id: "variant_a",
        reason: "sweep",
      })
      // A removed row does not count as queued.
      await insert("autopilot_restock_queue", {
        id: "aprq_removed",
        variant_id: "variant_b",
        reason: "sweep",
        deleted_at: at(0),
      })

      const added = await service.queueRestockVariants(
        ["variant_a", "variant_b"],
        "inventory-level.updated"
      )

      expect(added).toEqual(["variant_b"])
      const rows = await queued()
      expect(
        rows.map((r) => [r.id === "aprq_old", r.variant_id, r.reason])
      ).toEqual([
        [true, "variant_a", "sweep"],
        [false, "variant_b", "inventory-level.updated"],
      ])
    })

    it("queues nothing for no variants", async () => {
      expect(await service.queueRestockVariants([], "sweep")).toEqual([])
      expect(await queued()).toEqual([])
    })
  })
})
