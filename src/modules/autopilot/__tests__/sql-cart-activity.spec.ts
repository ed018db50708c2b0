import type { CartActivityUpsert } from "../service"
import { at, sqlSuite, time } from "./sql-suite"

jest.setTimeout(60_000)

/** A cart feed row: an open cart with one item, unless overridden. */
const feedRow = (
  cartId: string,
  row: Partial<CartActivityUpsert> = {}
): CartActivityUpsert => ({
  cart_id: cartId,
  email: null,
  customer_id: null,
  sales_channel_id: "sc_1",
  region_id: "reg_1",
  currency_code: "eur",
  item_count: 1,
  cart_created_at: at(0),
  last_active_at: at(10),
  state: "open",
  completed_at: null,
  order_id: null,
  ...row,
})

sqlSuite(({ service, sql, insert }) => {
  const activity = async (cartId: string) =>
    (
      await sql(`select * from autopilot_cart_activity where cart_id = ?`, [
        cartId,
      ])
    )[0]
  const activityCount = async () =>
    (await sql(`select count(*)::int as n from autopilot_cart_activity`))[0].n

  describe("upsertCartActivities", () => {
    it("writes nothing for an empty batch", async () => {
      expect(await service.upsertCartActivities([])).toBe(0)
      expect(await activityCount()).toBe(0)
    })

    it("inserts new carts with a prefixed id", async () => {
      const written = await service.upsertCartActivities([
        feedRow("cart_a", { email: "a@example.com", item_count: 2 }),
        feedRow("cart_b"),
      ])

      expect(written).toBe(2)
      const a = await activity("cart_a")
      expect(a).toMatchObject({
        email: "a@example.com",
        item_count: 2,
        state: "open",
        reminders_sent: 0,
      })
      expect(a.id).toMatch(/^apca_[0-9a-f]{32}$/)
      expect(time(a.last_active_at)).toEqual(at(10))
    })

    it("refreshes a row: last activity only moves forward, completion sticks", async () => {
      await service.upsertCartActivities([feedRow("cart_a")])

      // an older event arrives late, with the cart completed
      await service.upsertCartActivities([
        feedRow("cart_a", {
          email: "late@example.com",
          item_count: 3,
          last_active_at: at(5),
          state: "completed",
          completed_at: at(5),
          order_id: "order_1",
        }),
      ])
      let row = await activity("cart_a")
      expect(row).toMatchObject({
        email: "late@example.com",
        item_count: 3,
        state: "completed",
        order_id: "order_1",
      })
      expect(time(row.last_active_at)).toEqual(at(10))
      expect(time(row.completed_at)).toEqual(at(5))

      // a later "open" event cannot reopen it, nor replace its order
      await service.upsertCartActivities([
        feedRow("cart_a", {
          last_active_at: at(20),
          state: "open",
          order_id: "order_2",
        }),
      ])
      row = await activity("cart_a")
      expect(row).toMatchObject({ state: "completed", order_id: "order_1" })
      expect(time(row.last_active_at)).toEqual(at(20))
      expect(await activityCount()).toBe(1)
    })

    it("keeps a pruned (deleted) cart deleted", async () => {
      await service.upsertCartActivities([feedRow("cart_a")])
      await service.setCartActivityState(["cart_a"], "deleted")

      await service.upsertCartActivities([feedRow("cart_a")])

      expect((await activity("cart_a")).state).toBe("deleted")
    })

    it("with onlyMissing (the backfill) inserts new carts and leaves the rest", async () => {
      await service.upsertCartActivities([
        feedRow("cart_a", { email: "kept@example.com" }),
      ])

      const written = await service.upsertCartActivities(
        [
          feedRow("cart_a", { email: "other@example.com", item_count: 9 }),
          feedRow("cart_b"),
        ],
        { onlyMissing: true }
      )

      expect(written).toBe(1)
      expect(await activity("cart_a")).toMatchObject({
        email: "kept@example.com",
        item_count: 1,
      })
      expect(await activity("cart_b")).toBeDefined()
    })
  })

  describe("claimCartReminder", () => {
    const claim = (step: number, run_id = "run_1", cart_id = "cart_a") =>
      service.claimCartReminder({
        cart_id,
        step,
        email: "a@example.com",
        run_id,
      })

    it("claims a step once; another run cannot claim it again", async () => {
      expect(await claim(1, "run_1")).toBe(true)
      expect(await claim(1, "run_2")).toBe(false)
      // the next step and another cart are separate claims
      expect(await claim(2, "run_2")).toBe(true)
      expect(await claim(1, "run_2", "cart_b")).toBe(true)

      const rows = await sql(
        `select id, cart_id, step, status, run_id from autopilot_cart_reminder
          order by cart_id, step`
      )
      expect(rows.map((r) => [r.cart_id, r.step, r.status, r.run_id])).toEqual([
        ["cart_a", 1, "claimed", "run_1"],
        ["cart_a", 2, "claimed", "run_2"],
        ["cart_b", 1, "claimed", "run_2"],
      ])
      expect(rows[0].id).toMatch(/^apcr_[0-9a-f]{32}$/)
    })

    it("lets one of several concurrent runs claim a step", async () => {
      const results = await Promise.all(
        ["r1", "r2", "r3", "r4"].map((run) => claim(1, run))
      )

      expect(results.filter(Boolean)).toHaveLength(1)
      const [row] = await sql(`select run_id from autopilot_cart_reminder`)
      expect(row.run_id).toBe(["r1", "r2", "r3", "r4"][results.indexOf(true)])
    })

    it("can claim a step again once its ledger row is soft-deleted", async () => {
      await claim(1, "run_1")
      await sql(`update autopilot_cart_reminder set deleted_at = now()`)

      expect(await claim(1, "run_2")).toBe(true)
    })
  })

  describe("prune candidates", () => {
    const row = (
      id: string,
      minutes: number,
      extra: Record<string, unknown> = {}
    ) =>
      insert("autopilot_cart_activity", {
        id,
        cart_id: `cart_${id}`,
        item_count: 1,
        cart_created_at: at(0),
        last_active_at: at(minutes),
        state: "open",
        ...extra,
      })

    beforeEach(async () => {
      await row("e1", 1, { item_count: 0 })
      await row("e2", 2, { item_count: 0, email: "e@example.com" })
      await row("a1", 1)
      await row("a2", 3)
      await row("a3", 3) // same time as a2: ordered by id
      await row("a4", 4)
      await row("c1", 1, { email: "c@example.com" })
      await row("c2", 2, { customer_id: "cus_1" })
      // never candidates: too recent, not open, soft-deleted
      await row("a_new", 100)
      await row("a_done", 1, { state: "completed" })
      await row("a_gone", 1, { state: "deleted" })
      await row("a_del", 1, { deleted_at: at(50) })
    })

    const ids = (rows: { id: string }[]) => rows.map((r) => r.id)

    it("lists each lifetime class oldest first, before the cutoff", async () => {
      const list = (lifetimeClass: "empty" | "anonymous" | "customer") =>
        service.listPruneCandidates({
          lifetimeClass,
          before: at(60),
          after: null,
          limit: 100,
        })

      expect(ids(await list("empty"))).toEqual(["e1", "e2"])
      expect(ids(await list("anonymous"))).toEqual(["a1", "a2", "a3", "a4"])
      expect(ids(await list("customer"))).toEqual(["c1", "c2"])

      const [first] = await list("anonymous")
      expect(first.cart_id).toBe("cart_a1")
      expect(first.last_active_at).toEqual(at(1))
    })

    it("pages with the keyset cursor and the limit", async () => {
      const page = (after: { last_active_at: Date; id: string } | null) =>
        service.listPruneCandidates({
          lifetimeClass: "anonymous",
          before: at(60),
          after,
          limit: 2,
        })

      const first = await page(null)
      expect(ids(first)).toEqual(["a1", "a2"])
      const second = await page(first[1])
      expect(ids(second)).toEqual(["a3", "a4"])
      expect(await page(second[1])).toEqual([])
    })

    it("counts each class as the list finds it", async () => {
      expect(await service.countPruneCandidates("empty", at(60))).toBe(2)
      expect(await service.countPruneCandidates("anonymous", at(60))).toBe(4)
      expect(await service.countPruneCandidates("customer", at(60))).toBe(2)
      // the cutoff is exclusive
      expect(await service.countPruneCandidates("anonymous", at(3))).toBe(1)
      expect(await service.countPruneCandidates("anonymous", at(1))).toBe(0)
      expect(await service.countPruneCandidates("anonymous", at(1000))).toBe(5)
    })
  })

  describe("setCartActivityState", () => {
    beforeEach(async () => {
      await service.upsertCartActivities([
        feedRow("cart_a"),
        feedRow("cart_b"),
        feedRow("cart_c"),
      ])
      await sql(
        `update autopilot_cart_activity set deleted_at = now() where cart_id = 'cart_c'`
      )
    })

    it("sets the state of live rows of these carts only", async () => {
      expect(
        await service.setCartActivityState(
          ["cart_a", "cart_c", "cart_unknown"],
          "deleted"
        )
      ).toBe(1)

      const rows = await sql(
        `select cart_id, state from autopilot_cart_activity order by cart_id`
      )
      expect(rows.map((r) => [r.cart_id, r.state])).toEqual([
        ["cart_a", "deleted"],
        ["cart_b", "open"],
        ["cart_c", "open"],
      ])
    })

    it("changes nothing for an empty list, and re-runs to the same state", async () => {
      expect(await service.setCartActivityState([], "completed")).toBe(0)
      expect(
        await service.setCartActivityState(["cart_a", "cart_b"], "completed")
      ).toBe(2)
      expect(
        await service.setCartActivityState(["cart_a", "cart_b"], "completed")
      ).toBe(2)

      const states = await sql(
        `select state from autopilot_cart_activity where deleted_at is null`
      )
      expect(states.map((s) => s.state)).toEqual(["completed", "completed"])
    })
  })
})
