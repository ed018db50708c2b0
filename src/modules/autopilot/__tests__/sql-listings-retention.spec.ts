import { at, sqlSuite, time } from "./sql-suite"

jest.setTimeout(60_000)

sqlSuite(({ service, sql, insert }) => {
  let emails = 0
  const subscription = (
    id: string,
    variantId: string,
    row: Record<string, unknown> = {}
  ) =>
    insert("autopilot_restock_subscription", {
      id,
      variant_id: variantId,
      sales_channel_id: "sc_1",
      email: `s${++emails}@example.com`,
      status: "active",
      created_at: at(0),
      ...row,
    })

  describe("restockDemand", () => {
    beforeEach(async () => {
      await subscription("s_v1_a", "v1", { created_at: at(3) })
      await subscription("s_v1_b", "v1", { created_at: at(1) })
      await subscription("s_v1_c", "v1", { created_at: at(2) })
      await subscription("s_v3_a", "v3", { created_at: at(4) })
      await subscription("s_v3_b", "v3", { created_at: at(5) })
      await subscription("s_v2_a", "v2", { created_at: at(6) })
      // not waiting: finished, unconfirmed, or soft-deleted
      await subscription("s_v2_done", "v2", { status: "notified" })
      await subscription("s_v2_new", "v2", { status: "pending_confirmation" })
      await subscription("s_v2_del", "v2", { deleted_at: at(9) })
      await subscription("s_v4_done", "v4", { status: "unsubscribed" })
    })

    const demand = (options: Record<string, unknown> = {}) =>
      service.restockDemand({ limit: 10, offset: 0, ...options })
    const variants = (rows: { variant_id: string }[]) =>
      rows.map((r) => r.variant_id)

    it("counts waiting subscriptions per variant, most wanted first", async () => {
      const { rows, count } = await demand()

      expect(count).toBe(3)
      expect(rows.map((r) => [r.variant_id, r.waiting])).toEqual([
        ["v1", 3],
        ["v3", 2],
        ["v2", 1],
      ])
      expect(time(rows[0].oldest)).toEqual(at(1))
      expect(time(rows[1].oldest)).toEqual(at(4))
    })

    it("sorts ascending, pages with limit and offset, counts all pages", async () => {
      expect(variants((await demand({ ascending: true })).rows)).toEqual([
        "v2",
        "v3",
        "v1",
      ])

      const page = await demand({ limit: 1, offset: 1 })
      expect(variants(page.rows)).toEqual(["v3"])
      expect(page.count).toBe(3)

      const past = await demand({ offset: 3 })
      expect(past).toEqual({ rows: [], count: 3 })
    })

    it("filters to one variant, and finds none for a variant nobody waits for", async () => {
      const one = await demand({ variant_id: "v2" })
      expect(one.count).toBe(1)
      expect(one.rows.map((r) => [r.variant_id, r.waiting])).toEqual([
        ["v2", 1],
      ])

      expect(await demand({ variant_id: "v4" })).toEqual({
        rows: [],
        count: 0,
      })
    })
  })

  describe("listShipmentsForAdmin", () => {
    const shipment = (id: string, status: string, row = {}) =>
      insert("autopilot_tracked_shipment", {
        id,
        provider: "fake",
        tracking_number: `TN-${id}`,
        fulfillment_id: `ful_${id}`,
        status,
        started_at: at(0),
        ...row,
      })

    beforeEach(async () => {
      await shipment("sh_transit", "in_transit", {
        updated_at: at(50),
        order_id: "order_1",
      })
      await shipment("sh_delivered", "delivered", { updated_at: at(60) })
      await shipment("sh_exception", "exception", {
        updated_at: at(10),
        order_id: "order_1",
      })
      await shipment("sh_failed", "attempt_failed", { updated_at: at(30) })
      await shipment("sh_returned", "returned_to_sender", {
        updated_at: at(20),
      })
      await shipment("sh_pending", "pending", { updated_at: at(50) })
      await shipment("sh_deleted", "exception", {
        updated_at: at(70),
        deleted_at: at(70),
      })
    })

    const ids = (rows: Record<string, unknown>[]) => rows.map((r) => r.id)

    it("lists problems first, then the most recently changed", async () => {
      const { rows, count } = await service.listShipmentsForAdmin({
        limit: 20,
        offset: 0,
      })

      expect(count).toBe(6)
      expect(ids(rows)).toEqual([
        "sh_failed",
        "sh_returned",
        "sh_exception",
        "sh_delivered",
        // same updated_at: by id
        "sh_pending",
        "sh_transit",
      ])
      expect(rows[0]).toMatchObject({
        provider: "fake",
        tracking_number: "TN-sh_failed",
        status: "attempt_failed",
      })
    })

    it("filters by status and by order, and pages", async () => {
      const byStatus = await service.listShipmentsForAdmin({
        status: "exception",
        limit: 20,
        offset: 0,
      })
      expect(ids(byStatus.rows)).toEqual(["sh_exception"])
      expect(byStatus.count).toBe(1)

      const byOrder = await service.listShipmentsForAdmin({
        order_id: "order_1",
        limit: 20,
        offset: 0,
      })
      expect(ids(byOrder.rows)).toEqual(["sh_exception", "sh_transit"])

      const page = await service.listShipmentsForAdmin({ limit: 2, offset: 2 })
      expect(ids(page.rows)).toEqual(["sh_exception", "sh_delivered"])
      expect(page.count).toBe(6)

      expect(
        await service.listShipmentsForAdmin({
          status: "expired",
          limit: 20,
          offset: 0,
        })
      ).toEqual({ rows: [], count: 0 })
    })
  })

  describe("pruneExpired", () => {
    const ids = async (table: string) =>
      (await sql<{ id: string }>(`select id from ${table} order by id`)).map(
        (r) => r.id
      )
    const token = (id: string, row: Record<string, unknown>) =>
      insert("autopilot_token", {
        id,
        hash: `hash_${id}`,
        purpose: "unsubscribe",
        subject_id: "none",
        ...row,
      })

    describe("restock subscriptions and their link tokens", () => {
      beforeEach(async () => {
        // finished long ago: past retention, oldest created first
        await subscription("s_notified", "v1", {
          status: "notified",
          notified_at: at(10),
          updated_at: at(10),
          created_at: at(2),
        })
        await subscription("s_unsub", "v1", {
          status: "unsubscribed",
          unsubscribed_at: at(10),
          updated_at: at(10),
          created_at: at(1),
        })
        // waiting, however old: never pruned
        await subscription("s_active", "v1", { updated_at: at(0) })
        // finished, but its latest sign of life is after the cutoff
        await subscription("s_recent", "v1", {
          status: "expired",
          expired_at: at(10),
          updated_at: at(200),
        })
        await token("t_notified", { subject_id: "s_notified" })
        await token("t_unsub", { subject_id: "s_unsub" })
        await token("t_active", { subject_id: "s_active" })
      })

      it("with dryRun only finds them", async () => {
        expect(
          await service.pruneExpired("restock_subscription", at(100), 10, true)
        ).toEqual({ ids: ["s_unsub", "s_notified"], tokenIds: [] })

        expect(await ids("autopilot_restock_subscription")).toHaveLength(4)
        expect(await ids("autopilot_token")).toHaveLength(3)
      })

      it("deletes them with their tokens, oldest first up to the limit", async () => {
        expect(
          await service.pruneExpired("restock_subscription", at(100), 1, false)
        ).toEqual({ ids: ["s_unsub"], tokenIds: ["t_unsub"] })

        expect(
          await service.pruneExpired("restock_subscription", at(100), 10, false)
        ).toEqual({ ids: ["s_notified"], tokenIds: ["t_notified"] })

        expect(await ids("autopilot_restock_subscription")).toEqual([
          "s_active",
          "s_recent",
        ])
        expect(await ids("autopilot_token")).toEqual(["t_active"])

        // nothing left past retention: a re-run deletes nothing
        expect(
          await service.pruneExpired("restock_subscription", at(100), 10, false)
        ).toEqual({ ids: [], tokenIds: [] })
      })
    })

    it("prunes leads by their latest sign of life", async () => {
      const lead = (id: string, row: Record<string, unknown>) =>
        insert("autopilot_cart_lead", {
          id,
          cart_id: `cart_${id}`,
          updated_at: at(0),
          ...row,
        })
      await lead("l_old", { archived_at: at(10), last_active_at: at(5) })
      await lead("l_recovered_late", {
        archived_at: at(10),
        recovered_at: at(150),
      })
      await lead("l_updated_late", { updated_at: at(150) })

      expect(
        await service.pruneExpired("cart_lead", at(100), 10, false)
      ).toEqual({ ids: ["l_old"], tokenIds: [] })
      expect(await ids("autopilot_cart_lead")).toEqual([
        "l_recovered_late",
        "l_updated_late",
      ])
    })

    it("prunes only finished cart activity", async () => {
      const row = (id: string, extra: Record<string, unknown>) =>
        insert("autopilot_cart_activity", {
          id,
          cart_id: `cart_${id}`,
          cart_created_at: at(0),
          last_active_at: at(5),
          updated_at: at(5),
          ...extra,
        })
      await row("a_completed", { state: "completed", completed_at: at(6) })
      await row("a_deleted", { state: "deleted" })
      await row("a_open", { state: "open" })
      await row("a_completed_late", {
        state: "completed",
        completed_at: at(150),
      })

      const found = await service.pruneExpired(
        "cart_activity",
        at(100),
        10,
        false
      )

      expect([...found.ids].sort()).toEqual(["a_completed", "a_deleted"])
      expect(await ids("autopilot_cart_activity")).toEqual([
        "a_completed_late",
        "a_open",
      ])
    })

    it("prunes sends sent again long ago, never one still sending or unconfirmed", async () => {
      const send = (id: string, row: Record<string, unknown>) =>
        insert("autopilot_notification_send", {
          id,
          idempotency_key: `key_${id}`,
          name: "autopilot.cart.reminder",
          item_id: `item_${id}`,
          started_at: at(1),
          created_at: at(1),
          updated_at: at(1),
          ...row,
        })
      await send("n_resent_old", { status: "resent", resent_at: at(10) })
      await send("n_resent_new", {
        status: "resent",
        resent_at: at(150),
        updated_at: at(150),
      })
      await send("n_unconfirmed", {
        status: "unconfirmed",
        unconfirmed_at: at(5),
      })
      await send("n_sending", { status: "sending" })

      expect(
        await service.pruneExpired("notification_send", at(100), 10, true)
      ).toEqual({ ids: ["n_resent_old"], tokenIds: [] })
      expect(await ids("autopilot_notification_send")).toHaveLength(4)
      expect(
        await service.pruneExpired("notification_send", at(100), 10, false)
      ).toEqual({ ids: ["n_resent_old"], tokenIds: [] })
      expect(await ids("autopilot_notification_send")).toEqual([
        "n_resent_new",
        "n_sending",
        "n_unconfirmed",
      ])
    })

    it("prunes tokens past their expiry, never tokens without one", async () => {
      await token("t_expired", { expires_at: at(10) })
      await token("t_valid", { expires_at: at(150) })
      await token("t_forever", { expires_at: null })

      expect(await service.pruneExpired("token", at(100), 10, true)).toEqual({
        ids: ["t_expired"],
        tokenIds: [],
      })
      expect(await service.pruneExpired("token", at(100), 10, false)).toEqual({
        ids: ["t_expired"],
        tokenIds: [],
      })
      expect(await ids("autopilot_token")).toEqual(["t_forever", "t_valid"])
      expect(await service.pruneExpired("token", at(100), 0, false)).toEqual({
        ids: [],
        tokenIds: [],
      })
    })
  })
})
