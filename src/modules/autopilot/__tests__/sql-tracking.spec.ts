import { at, sqlSuite, time } from "./sql-suite"

jest.setTimeout(60_000)

sqlSuite(({ service, sql, insert }) => {
  const parcel = (id: string, row: Record<string, unknown> = {}) =>
    insert("autopilot_tracked_shipment", {
      id,
      provider: "17track",
      tracking_number: `N-${id}`,
      fulfillment_id: `ful_${id}`,
      started_at: at(0),
      next_check_at: at(10),
      ...row,
    })
  const event = (id: string, shipment: string, key: string, row = {}) =>
    insert("autopilot_shipment_event", {
      id,
      shipment_id: shipment,
      status: "in_transit",
      occurred_at: at(1),
      source: "poll",
      dedupe_key: key,
      ...row,
    })
  const rowOf = async (id: string) =>
    (
      await sql(`select * from autopilot_tracked_shipment where id = ?`, [id])
    )[0]

  describe("readShipmentsForUpdate", () => {
    it("reads parcels with the keys of their live events only", async () => {
      await parcel("s1")
      await parcel("s2")
      await parcel("s_gone", { deleted_at: at(0) })
      await event("e1", "s1", "k1")
      await event("e2", "s1", "k2")
      await event("e3", "s1", "k_gone", { deleted_at: at(2) })

      const rows = await service.readShipmentsForUpdate(["s1", "s2", "s_gone"])

      const byId = new Map(rows.map((r) => [r.id, r]))
      expect([...byId.keys()].sort()).toEqual(["s1", "s2"])
      expect([...byId.get("s1")!.known_keys].sort()).toEqual(["k1", "k2"])
      expect(byId.get("s2")!.known_keys).toEqual([])
      expect(time(byId.get("s1")!.next_check_at)).toEqual(at(10))

      const [bare] = await service.readShipmentsForUpdate(["s1"], false)
      expect(bare.known_keys).toEqual([])
    })
  })

  describe("writeShipmentUpdates", () => {
    it("writes only the fields each patch names, per parcel", async () => {
      await parcel("s1", {
        status: "info_received",
        raw_message: "label",
        notified: JSON.stringify({ shipped: "x" }),
        notify_pending: false,
      })
      await parcel("s2", { last_error: "boom", carrier: "usps" })

      await service.writeShipmentUpdates({
        patches: [
          {
            id: "s1",
            status: "in_transit",
            raw_message: null,
            next_check_at: at(30),
            notify_pending: true,
          },
          { id: "s2", last_error: null, notified: { delivered: "t" } },
        ],
      })

      const s1 = await rowOf("s1")
      expect(s1).toMatchObject({
        status: "in_transit",
        raw_message: null,
        notify_pending: true,
        notified: { shipped: "x" },
      })
      expect(time(s1.next_check_at)).toEqual(at(30))
      const s2 = await rowOf("s2")
      expect(s2).toMatchObject({
        last_error: null,
        carrier: "usps",
        status: "pending",
        notified: { delivered: "t" },
      })
      expect(time(s2.next_check_at)).toEqual(at(10))
    })

    it("does not write a parcel the patch leaves as it is", async () => {
      await parcel("s1", { status: "in_transit", updated_at: at(0) })
      await parcel("s2", { status: "in_transit", updated_at: at(0) })

      await service.writeShipmentUpdates({
        patches: [
          { id: "s1", status: "in_transit", next_check_at: at(10) },
          { id: "s2", status: "delivered" },
        ],
      })

      expect(time((await rowOf("s1")).updated_at)).toEqual(at(0))
      expect(time((await rowOf("s2")).updated_at)).not.toEqual(at(0))
    })

    it("stores null json as SQL null, and refuses an unknown column", async () => {
      await parcel("s1", { notified: JSON.stringify({ shipped: "x" }) })

      await service.writeShipmentUpdates({
        patches: [{ id: "s1", notified: null }],
      })
      const [{ is_null }] = await sql(
        `select notified is null as is_null from autopilot_tracked_shipment where id = 's1'`
      )
      expect(is_null).toBe(true)

      await expect(
        service.writeShipmentUpdates({
          patches: [{ id: "s1", provider: "easypost" }],
        })
      ).rejects.toThrow(/not patchable/)
      expect((await rowOf("s1")).provider).toBe("17track")
    })

    it("inserts new events in one go and skips a key the parcel holds", async () => {
      await parcel("s1")
      await event("e_old", "s1", "known")
      const base = {
        shipment_id: "s1",
        status: "in_transit",
        raw_status: "InTransit",
        message: "moving",
        location: null,
        occurred_at: at(5),
        source: "poll",
        applied: true,
      }

      const ids = await service.writeShipmentUpdates({
        events: [
          { ...base, dedupe_key: "known" },
          { ...base, dedupe_key: "fresh", applied: false },
        ],
        patches: [{ id: "s1", status: "in_transit" }],
      })

      expect(ids).toHaveLength(1)
      expect(ids[0]).toMatch(/^apsev_/)
      const events = await sql(
        `select id, dedupe_key, applied, occurred_at from autopilot_shipment_event
          where shipment_id = 's1' order by dedupe_key`
      )
      expect(events.map((e) => e.dedupe_key)).toEqual(["fresh", "known"])
      expect(events[0]).toMatchObject({ id: ids[0], applied: false })
      expect(time(events[0].occurred_at)).toEqual(at(5))
      expect((await rowOf("s1")).status).toBe("in_transit")
    })

    it("writes nothing when the update fails (one transaction)", async () => {
      await parcel("s1")
      const base = {
        shipment_id: "s1",
        status: "in_transit",
        raw_status: null,
        message: null,
        location: null,
        occurred_at: at(5),
        source: "poll",
        applied: true,
        dedupe_key: "k",
      }

      await expect(
        service.writeShipmentUpdates({
          events: [base],
          // Not a status the check constraint allows.
          patches: [{ id: "s1", status: "lost_in_space" }],
        })
      ).rejects.toThrow()

      expect(
        await sql(
          `select id from autopilot_shipment_event where shipment_id = 's1'`
        )
      ).toEqual([])
      expect((await rowOf("s1")).status).toBe("pending")
    })
  })
})
