import "../helpers/tick-env"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules, PromotionActions } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import {
  addShippingMethodToCartWorkflow,
  completeCartWorkflow,
  createCartWorkflow,
  createPaymentCollectionForCartWorkflow,
  createPaymentSessionsWorkflow,
  updateCartPromotionsWorkflow,
} from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { CART_DELETE_INDEXES } from "../../src/lib/sql/cart-indexes"
import { Migration20261128090000 } from "../../src/modules/autopilot/migrations/Migration20261128090000"
import { ManualClock, resetClock, setClock } from "../../src/runtime/clock"
import { overrideJobHandler } from "../../src/runtime/registry"
import {
  cartPruningJob,
  cartPruningJobWith,
} from "../../src/features/cart-pruning/job"
import { autopilotService } from "../../src/runtime/settings"
import { createAdminUser } from "../helpers/admin"
import {
  type CartFootprint,
  footprintOf,
  leftovers,
  rowsOf,
} from "../helpers/cart-rows"
import { setPluginOptions } from "../helpers/plugin-options"
import { runJob } from "../helpers/run-job"
import { createShopFixture, type ShopFixture } from "../helpers/shop-fixture"
import { waitFor } from "../helpers/wait"

jest.setTimeout(300_000)

const HOUR = 3_600_000
const DAY = 24 * HOUR

// Small batches, so a handful of carts already spans several keyset batches.
setPluginOptions({ jobs: { "cart-pruning": { options: { batch_size: 4 } } } })

type Who = "email" | "customer" | "anonymous"
type Payment = "none" | "pending" | "authorized" | "canceled" | "error"
type CartSpec = {
  items: boolean
  who: Who
  order: boolean
  payment: Payment
  credit: boolean
  promo: boolean
  shipping: boolean
}

/** A small seeded PRNG (mulberry32): the same mix on every run. */
function random(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]
}

/** A cart with nothing in it and nobody behind it; the tests vary it. */
const EMPTY_ANONYMOUS: CartSpec = {
  items: false,
  who: "anonymous",
  order: false,
  payment: "none",
  credit: false,
  promo: false,
  shipping: false,
}

const address = {
  first_name: "Bo",
  last_name: "Buyer",
  address_1: "Hauptstr. 1",
  city: "Berlin",
  postal_code: "10115",
  country_code: "de",
}

/**
 * Records the id of every event on the bus, by event name, until stopped.
 * `heardAll` waits until `name` was heard for all of `ids` and returns
 * every id it was heard for.
 */
function eventRecorder(container: MedusaContainer, subscriberId: string) {
  const events: { name: string; id: string }[] = []
  const collect = async (event: { name: string; data: unknown }) => {
    const id = (event.data as { id?: unknown } | null)?.id
    if (typeof id === "string") events.push({ name: event.name, id })
  }
  const bus = container.resolve(Modules.EVENT_BUS)
  bus.subscribe("*", collect, { subscriberId })
  const heard = (name: string) =>
    events
      .filter((e) => e.name === name)
      .map((e) => e.id)
      .sort()
  return {
    heardAll: (name: string, ids: string[]) =>
      waitFor(
        async () => heard(name),
        (got) => ids.every((id) => got.includes(id)),
        { what: `${name} for ${ids.length} ids` }
      ),
    stop: () => bus.unsubscribe("*", collect, { subscriberId }),
  }
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let container: MedusaContainer
    let shop: ShopFixture
    let db: Knex
    let promoCode: string

    beforeAll(async () => {
      shop = await createShopFixture(getContainer(), 1000)
      promoCode = `TEN-${Date.now()}`
      await getContainer()
        .resolve(Modules.PROMOTION)
        .createPromotions({
          code: promoCode,
          type: "standard",
          status: "active",
          application_method: {
            type: "percentage",
            target_type: "items",
            allocation: "across",
            value: 10,
            currency_code: "eur",
          },
        })
    })

    beforeEach(() => {
      container = getContainer()
      db = dbConnection as unknown as Knex
    })
    afterEach(() => resetClock())

    const service = () => autopilotService(container)

    async function makeCart(spec: CartSpec): Promise<string> {
      const email = `shopper-${Math.random().toString(36).slice(2)}@example.com`
      let customerId: string | undefined
      if (spec.who === "customer") {
        const customer = await container
          .resolve(Modules.CUSTOMER)
          .createCustomers({ email })
        customerId = customer.id
      }
      const { result: cart } = await createCartWorkflow(container).run({
        input: {
          region_id: shop.regionId,
          sales_channel_id: shop.salesChannelId,
          currency_code: "eur",
          ...(spec.who === "email" && { email }),
          ...(customerId && { customer_id: customerId }),
          items: spec.items
            ? [{ variant_id: shop.variantId, quantity: 2 }]
            : [],
          shipping_address: address,
          billing_address: address,
        },
      })
      if (spec.shipping || spec.order) {
        await addShippingMethodToCartWorkflow(container).run({
          input: { cart_id: cart.id, options: [{ id: shop.shippingOptionId }] },
        })
      }
      if (spec.promo) {
        await updateCartPromotionsWorkflow(container).run({
          input: {
            cart_id: cart.id,
            promo_codes: [promoCode],
            action: PromotionActions.ADD,
          },
        })
      }
      if (spec.credit) {
        await (
          container.resolve(Modules.CART) as unknown as {
            createCreditLines(d: Record<string, unknown>[]): Promise<unknown>
          }
        ).createCreditLines([
          {
            cart_id: cart.id,
            amount: 5,
            reference: "test",
            reference_id: "gift-1",
          },
        ])
      }
      if (spec.payment !== "none" || spec.order) {
        const { result: collection } =
          await createPaymentCollectionForCartWorkflow(container).run({
            input: { cart_id: cart.id },
          })
        const { result: session } = await createPaymentSessionsWorkflow(
          container
        ).run({
          input: {
            payment_collection_id: collection.id,
            provider_id: "pp_system_default",
          },
        })
        if (!spec.order && spec.payment !== "pending") {
          await container.resolve(Modules.PAYMENT).updatePaymentSession({
            id: session.id,
            data: {},
            amount: session.amount,
            currency_code: "eur",
            status: spec.payment as "authorized" | "canceled" | "error",
          })
        }
      }
      if (spec.order) {
        await completeCartWorkflow(container).run({ input: { id: cart.id } })
      }
      return cart.id
    }

    const activityOf = async (cartId: string) =>
      (await service().listCartActivities({ cart_id: cartId }))[0]

    /** Waits for the real feed to have recorded every cart. */
    async function fed(cartIds: string[]) {
      for (const id of cartIds) {
        await waitFor(
          () => activityOf(id),
          (row) => !!row,
          { what: `the activity row of ${id}` }
        )
      }
    }

    /** Deleting one cart per carts-table FK must probe the plugin's indexes. */
    it("creates the foreign-key indexes, which the cascade lookups use, and its migration goes down and up cleanly", async () => {
      const { rows } = await db.raw(
        `select indexname from pg_indexes where indexname like 'IDX_autopilot_fk_%'`
      )
      expect(
        (rows as { indexname: string }[]).map((r) => r.indexname).sort()
      ).toEqual(CART_DELETE_INDEXES.map((i) => i.name).sort())

      // The queries PostgreSQL's FK triggers run per deleted row.
      await db.raw("set enable_seqscan = off")
      for (const i of CART_DELETE_INDEXES) {
        const { rows: plan } = await db.raw(
          `explain select 1 from "${i.table}" where "${i.column}" = 'x'`
        )
        const text = (plan as { "QUERY PLAN": string }[])
          .map((p) => p["QUERY PLAN"])
          .join("\n")
        expect(text).toContain(i.name.slice(0, 40))
      }
      await db.raw("set enable_seqscan = on")

      const migration = new Migration20261128090000({} as never, {} as never)
      await migration.down()
      for (const sql of migration.getQueries()) await db.raw(sql as string)
      const after = await db.raw(
        `select count(*)::int as n from pg_indexes where indexname like 'IDX_autopilot_fk_%' or indexname like 'IDX_autopilot_cart_activity_prune_%'`
      )
      expect(after.rows[0].n).toBe(0)
      migration.reset()
      await migration.up()
      for (const sql of migration.getQueries()) await db.raw(sql as string)
      const again = await db.raw(
        `select count(*)::int as n from pg_indexes where indexname like 'IDX_autopilot_fk_%' or indexname like 'IDX_autopilot_cart_activity_prune_%'`
      )
      expect(again.rows[0].n).toBe(CART_DELETE_INDEXES.length + 3)
    })

    it("prunes exactly the carts past their lifetime over a generated mix, archives their leads, leaves no row behind and does not touch the others", async () => {
      const rnd = random(7)
      const specs: CartSpec[] = []
      for (let i = 0; i < 28; i++) {
        const order = rnd() < 0.15
        specs.push({
          order,
          items: order || rnd() < 0.75,
          who: order ? "email" : pick(rnd, ["email", "customer", "anonymous"]),
          payment: order
            ? "none"
            : pick(rnd, [
                "none",
                "none",
                "pending",
                "authorized",
                "canceled",
                "error",
              ]),
          credit: rnd() < 0.2,
          promo: false,
          shipping: rnd() < 0.4,
        })
      }
      // Make sure every interesting case is there at least once.
      specs.push(
        {
          order: false,
          items: true,
          who: "anonymous",
          payment: "canceled",
          credit: true,
          promo: true,
          shipping: true,
        },
        {
          order: false,
          items: true,
          who: "email",
          payment: "error",
          credit: true,
          promo: true,
          shipping: true,
        },
        {
          order: false,
          items: false,
          who: "email",
          payment: "none",
          credit: false,
          promo: false,
          shipping: false,
        },
        {
          order: false,
          items: true,
          who: "anonymous",
          payment: "authorized",
          credit: false,
          promo: false,
          shipping: false,
        },
        {
          order: true,
          items: true,
          who: "email",
          payment: "none",
          credit: false,
          promo: false,
          shipping: true,
        }
      )
      const carts: { id: string; spec: CartSpec }[] = []
      for (const spec of specs) carts.push({ id: await makeCart(spec), spec })
      await fed(carts.map((c) => c.id))

      // A feed that missed events must not make the job unsafe: the order
      // carts look open, and one customer cart with items looks empty.
      const orderCarts = carts.filter((c) => c.spec.order)
      for (const c of orderCarts) {
        const row = await activityOf(c.id)
        await service().updateCartActivities({ id: row.id, state: "open" })
      }
      const staleCustomer = carts.find(
        (c) => !c.spec.order && c.spec.items && c.spec.who !== "anonymous"
      )!
      const staleRow = await activityOf(staleCustomer.id)
      await service().updateCartActivities({ id: staleRow.id, item_count: 0 })

      const live = (p: Payment) => p === "pending" || p === "authorized"
      const expectedAt = (days: number) =>
        carts
          .filter(({ spec }) => {
            if (spec.order || live(spec.payment)) return false
            const lifetime = !spec.items
              ? 6 * HOUR
              : spec.who === "anonymous"
                ? 30 * DAY
                : 90 * DAY
            return days * DAY > lifetime
          })
          .map((c) => c.id)
          .sort()

      const all = carts.map((c) => c.id)
      const footprint: Record<string, CartFootprint> = {}
      for (const id of all) footprint[id] = await footprintOf(db, [id])
      const before: Record<string, Record<string, unknown[]>> = {}
      for (const id of all) before[id] = await rowsOf(db, footprint[id])
      // Every kind of row is really there before the run.
      const kinds = new Set(
        Object.values(before).flatMap((rows) => Object.keys(leftovers(rows)))
      )
      for (const table of [
        "cart_line_item",
        "cart_line_item_adjustment",
        "cart_shipping_method",
        "cart_address",
        "credit_line",
        "cart_payment_collection",
        "cart_promotion",
        "payment_collection",
      ]) {
        expect(kinds).toContain(table)
      }

      // Subscribers hear of every pruned cart and address: the cart
      // module's own `deleted` events.
      const recorder = eventRecorder(container, "cart-pruning-spec")

      const start = Date.now()
      for (const days of [31, 91]) {
        setClock(new ManualClock(new Date(start + days * DAY)))
        const run = await runJob(container, "cart-pruning")
        expect(run.status).toBe("succeeded")
        expect(run.error).toBeNull()
        expect(
          (run.failures as { items?: unknown[] } | null)?.items ?? []
        ).toEqual([])

        const expected = expectedAt(days)
        const existing = (
          await container
            .resolve(Modules.CART)
            .listCarts({ id: all }, { select: ["id"], take: null })
        ).map((c) => c.id)
        const pruned = all.filter((id) => !existing.includes(id)).sort()
        expect(pruned).toEqual(expected)

        for (const id of all) {
          const now = await rowsOf(db, footprint[id])
          if (expected.includes(id)) {
            expect({ id, left: leftovers(now) }).toEqual({ id, left: {} })
          } else {
            expect(now).toEqual(before[id])
          }
        }

        const leads = await service().listCartLeads(
          { cart_id: all },
          { take: null }
        )
        const archived = leads
          .filter((l) => l.status === "archived")
          .map((l) => l.cart_id)
          .sort()
        expect(archived).toEqual(
          carts
            .filter(
              // A lead needs someone to tell and something in the cart.
              (c) =>
                expected.includes(c.id) &&
                c.spec.who !== "anonymous" &&
                c.spec.items
            )
            .map((c) => c.id)
            .sort()
        )
        for (const c of carts.filter(
          (c) => archived.includes(c.id) && c.spec.items
        )) {
          const lead = leads.find((l) => l.cart_id === c.id)!
          expect(lead.items).toEqual([
            expect.objectContaining({ quantity: 2, unit_price: 20 }),
          ])
          expect(Number(lead.total)).toBe(40)
          expect(lead.archived_at).toBeTruthy()
        }
        for (const id of expected) {
          expect((await activityOf(id)).state).toBe("deleted")
        }
      }
      const prunedAll = expectedAt(91)
      const addressIds = prunedAll.flatMap((id) => footprint[id].addressIds)
      expect(addressIds.length).toBeGreaterThan(0)
      expect(await recorder.heardAll("cart.cart.deleted", prunedAll)).toEqual(
        prunedAll
      )
      expect(
        await recorder.heardAll("cart.address.deleted", addressIds)
      ).toEqual([...addressIds].sort())
      recorder.stop()

      // The order carts' activity rows were corrected, not pruned.
      for (const c of orderCarts) {
        expect((await activityOf(c.id)).state).toBe("completed")
      }
    })

    it("dry run counts what would go per lifetime class and changes nothing", async () => {
      const ids = [
        await makeCart(EMPTY_ANONYMOUS),
        await makeCart({ ...EMPTY_ANONYMOUS, who: "email" }),
        await makeCart({ ...EMPTY_ANONYMOUS, items: true }),
        await makeCart({ ...EMPTY_ANONYMOUS, items: true, who: "email" }),
        await makeCart({ ...EMPTY_ANONYMOUS, items: true, who: "customer" }),
      ]
      await fed(ids)
      setClock(new ManualClock(new Date(Date.now() + 100 * DAY)))
      const footprint = await footprintOf(db, ids)
      const before = await rowsOf(db, footprint)
      const run = await runJob(container, "cart-pruning", { dryRun: true })
      expect(run.status).toBe("succeeded")
      const actions = (
        run.summary as { actions: Record<string, { count: number }> }
      ).actions
      expect(actions["would-prune-empty"].count).toBe(2)
      expect(actions["would-prune-anonymous"].count).toBe(1)
      expect(actions["would-prune-customer"].count).toBe(2)
      // The empty cart with an email is no lead.
      expect(actions["would-archive-lead"].count).toBe(2)
      expect(await rowsOf(db, footprint)).toEqual(before)
      expect(await service().listCartLeads({ cart_id: ids })).toEqual([])
      for (const id of ids) expect((await activityOf(id)).state).toBe("open")
    })

    it("follows lifetimes set in the admin", async () => {
      const { headers } = await createAdminUser(container)
      const anonymous = await makeCart({ ...EMPTY_ANONYMOUS, items: true })
      const customer = await makeCart({
        ...EMPTY_ANONYMOUS,
        items: true,
        who: "email",
      })
      await fed([anonymous, customer])
      setClock(new ManualClock(new Date(Date.now() + 3 * DAY)))
      await runJob(container, "cart-pruning")
      expect(await activityOf(anonymous)).toMatchObject({ state: "open" })

      await api.post(
        "/admin/autopilot/jobs/cart-pruning",
        { options: { lifetimes: { anonymous_days: 2, customer_days: 4 } } },
        { headers }
      )
      await runJob(container, "cart-pruning")
      expect(await activityOf(anonymous)).toMatchObject({ state: "deleted" })
      expect(await activityOf(customer)).toMatchObject({ state: "open" })
      setClock(new ManualClock(new Date(Date.now() + 5 * DAY)))
      await runJob(container, "cart-pruning")
      expect(await activityOf(customer)).toMatchObject({ state: "deleted" })
    })

    it("tells subscribers of deleted carts and addresses even when a later step of the batch fails", async () => {
      const ids = [
        await makeCart(EMPTY_ANONYMOUS),
        await makeCart(EMPTY_ANONYMOUS),
      ]
      await fed(ids)
      const footprint = await footprintOf(db, ids)
      const recorder = eventRecorder(container, "cart-pruning-fail-spec")
      // The last step (marking the activity rows) fails, after the deletes.
      await db.raw(`
        create function autopilot_test_refuse_deleted() returns trigger
        language plpgsql as $$ begin
          if new.state = 'deleted' then raise exception 'refused by test'; end if;
          return new;
        end $$;
        create trigger autopilot_test_refuse_deleted
          before update on autopilot_cart_activity
          for each row execute function autopilot_test_refuse_deleted();`)
      try {
        setClock(new ManualClock(new Date(Date.now() + 100 * DAY)))
        const run = await runJob(container, "cart-pruning")
        const failed = (
          (run.failures as { items?: { item_id: string }[] } | null)?.items ??
          []
        ).map((f) => f.item_id)
        expect(failed).toEqual(expect.arrayContaining(ids))
        expect(leftovers(await rowsOf(db, footprint))).toEqual({})
        // Other tests' carts may go too: these ones must be among them.
        await recorder.heardAll("cart.cart.deleted", ids)
        await recorder.heardAll("cart.address.deleted", footprint.addressIds)
      } finally {
        recorder.stop()
        await db.raw(`
          drop trigger autopilot_test_refuse_deleted on autopilot_cart_activity;
          drop function autopilot_test_refuse_deleted();`)
      }
      // The next run finds the carts gone and corrects their activity rows.
      await runJob(container, "cart-pruning")
      for (const id of ids) expect((await activityOf(id)).state).toBe("deleted")
    })

    it("stops at its time budget and the next run continues where it stopped", async () => {
      const ids: string[] = []
      for (let i = 0; i < 10; i++) {
        ids.push(await makeCart(EMPTY_ANONYMOUS))
      }
      await fed(ids)
      // Time moves 3 minutes each time the job reports progress (at its
      // start and after each round): the 5-minute budget ends after the
      // first round, two batches of 4 side by side (concurrency 2).
      const clock = new ManualClock(new Date(Date.now() + DAY))
      setClock(clock)
      overrideJobHandler("cart-pruning", (ctx) =>
        cartPruningJob(
          new Proxy(ctx, {
            get(target, prop) {
              if (prop === "progress") {
                return async (done: number, total?: number | null) => {
                  clock.advance(3 * 60_000)
                  await target.progress(done, total)
                }
              }
              const value = Reflect.get(target, prop, target)
              return typeof value === "function" ? value.bind(target) : value
            },
          })
        )
      )
      let first
      try {
        first = await runJob(container, "cart-pruning")
      } finally {
        overrideJobHandler("cart-pruning", undefined)
      }
      expect(first.status).toBe("succeeded")
      expect((first.summary as { stopped_early?: boolean }).stopped_early).toBe(
        true
      )
      const open = async () =>
        (
          await service().listCartActivities(
            { cart_id: ids, state: "open" },
            { take: null }
          )
        ).length
      const left = await open()
      expect(left).toBe(2)

      const second = await runJob(container, "cart-pruning")
      expect(
        (second.summary as { stopped_early?: boolean }).stopped_early
      ).toBeFalsy()
      expect(await open()).toBe(0)
    })

    /**
     * What a shopper does to a 90-day-idle cart while the job runs: starts
     * paying (a payment collection and a pending session), or checks out
     * (the cart becomes an order). Returns the cart's rows right after.
     */
    async function startPaying(cartId: string) {
      const { result: collection } =
        await createPaymentCollectionForCartWorkflow(container).run({
          input: { cart_id: cartId },
        })
      await createPaymentSessionsWorkflow(container).run({
        input: {
          payment_collection_id: collection.id,
          provider_id: "pp_system_default",
        },
      })
    }
    async function checkOut(cartId: string) {
      await startPaying(cartId)
      await completeCartWorkflow(container).run({ input: { id: cartId } })
    }
    const orderOf = async (cartId: string) =>
      (
        await db.raw(`select order_id from order_cart where cart_id = ?`, [
          cartId,
        ])
      ).rows as { order_id: string }[]

    /**
     * Runs the job with `change` applied to the carts it planned to delete,
     * between the plan and the delete; returns the run and each changed
     * cart's rows as they were right after its change.
     */
    async function runChanging(
      changes: Record<string, (id: string) => Promise<void>>
    ) {
      const after: Record<string, Record<string, unknown[]>> = {}
      const footprints: Record<string, CartFootprint> = {}
      overrideJobHandler(
        "cart-pruning",
        cartPruningJobWith({
          afterPlan: async (ids) => {
            for (const id of ids) {
              const change = changes[id]
              if (!change || after[id]) continue
              await change(id)
              footprints[id] = await footprintOf(db, [id])
              after[id] = await rowsOf(db, footprints[id])
            }
          },
        })
      )
      try {
        const run = await runJob(container, "cart-pruning")
        return { run, after, footprints }
      } finally {
        overrideJobHandler("cart-pruning", undefined)
      }
    }

    const WITH_EMAIL: CartSpec = {
      ...EMPTY_ANONYMOUS,
      items: true,
      who: "email",
      shipping: true,
    }

    it("keeps a cart that gains a payment session or becomes an order after it was planned for deletion, with its links, and counts it as changed", async () => {
      const paying = await makeCart(WITH_EMAIL)
      const ordered = await makeCart(WITH_EMAIL)
      const idle = await makeCart(WITH_EMAIL)
      await fed([paying, ordered, idle])
      setClock(new ManualClock(new Date(Date.now() + 100 * DAY)))

      const { run, after, footprints } = await runChanging({
        [paying]: startPaying,
        [ordered]: checkOut,
      })
      expect(run.status).toBe("succeeded")
      expect(
        (run.failures as { items?: unknown[] } | null)?.items ?? []
      ).toEqual([])
      // Both changes happened inside the run, between plan and delete.
      expect(Object.keys(after).sort()).toEqual([paying, ordered].sort())
      expect(footprints[paying].paymentCollectionIds).toHaveLength(1)
      expect(footprints[ordered].paymentCollectionIds).toHaveLength(1)
      expect(await orderOf(ordered)).toHaveLength(1)

      // Untouched: every row and link as the shopper left it.
      for (const id of [paying, ordered]) {
        expect(await rowsOf(db, footprints[id])).toEqual(after[id])
      }
      expect(await orderOf(ordered)).toHaveLength(1)
      const sessions = await container
        .resolve(Modules.PAYMENT)
        .listPaymentSessions({
          payment_collection_id: footprints[paying].paymentCollectionIds,
        })
      expect(sessions.map((s) => s.status)).toEqual(["pending"])
      expect(
        await service().listCartLeads({ cart_id: [paying, ordered] })
      ).toEqual([])

      // The unchanged cart went; the changed ones are counted as skipped.
      const existing = await container
        .resolve(Modules.CART)
        .listCarts({ id: [paying, ordered, idle] }, { select: ["id"] })
      expect(existing.map((c) => c.id).sort()).toEqual([paying, ordered].sort())
      const summary = run.summary as {
        actions: Record<string, { count: number; sample: string[] }>
        notes?: string[]
      }
      expect(summary.actions["kept-changed-since-planned"]).toEqual({
        count: 2,
        sample: expect.arrayContaining([paying, ordered]),
      })
      expect(summary.actions["pruned-customer"].count).toBe(1)
      expect((run.counters as { skipped: number }).skipped).toBe(2)
      expect(summary.notes).toContainEqual(
        expect.stringContaining("Kept 2 carts changed since they were planned")
      )
    })

    it("keeps a cart that one of Medusa's cart workflows holds the lock of while the job deletes", async () => {
      const busy = await makeCart(WITH_EMAIL)
      const idle = await makeCart(WITH_EMAIL)
      await fed([busy, idle])
      setClock(new ManualClock(new Date(Date.now() + 100 * DAY)))
      const locking = container.resolve(Modules.LOCKING)
      // What `acquireLockStep({ key: cart_id, … })` does in, e.g.,
      // completeCartWorkflow and addToCartWorkflow.
      const { run, after, footprints } = await runChanging({
        [busy]: (id) => locking.acquire(id, { expire: 60 }),
      }).finally(() => locking.release(busy))
      expect(Object.keys(after)).toEqual([busy])
      expect(await rowsOf(db, footprints[busy])).toEqual(after[busy])
      const existing = await container
        .resolve(Modules.CART)
        .listCarts({ id: [busy, idle] }, { select: ["id"] })
      expect(existing.map((c) => c.id)).toEqual([busy])
      const actions = (
        run.summary as {
          actions: Record<string, { count: number; sample: string[] }>
        }
      ).actions
      expect(actions["kept-changed-since-planned"]).toEqual({
        count: 1,
        sample: [busy],
      })
      expect(actions["pruned-customer"]).toEqual({ count: 1, sample: [idle] })
    })

    it("re-checks each cart when it falls back to deleting one by one", async () => {
      const paying = await makeCart(WITH_EMAIL)
      const refused = await makeCart(WITH_EMAIL)
      const idle = await makeCart(WITH_EMAIL)
      await fed([paying, refused, idle])
      setClock(new ManualClock(new Date(Date.now() + 100 * DAY)))
      // The batch's delete fails on one cart, so every cart is tried alone.
      await db.raw(`
        create function autopilot_test_refuse_cart() returns trigger
        language plpgsql as $$ begin
          if old.id = '${refused}' then raise exception 'refused by test'; end if;
          return old;
        end $$;
        create trigger autopilot_test_refuse_cart before delete on cart
          for each row execute function autopilot_test_refuse_cart();`)
      let outcome
      try {
        outcome = await runChanging({ [paying]: startPaying })
      } finally {
        await db.raw(`
          drop trigger autopilot_test_refuse_cart on cart;
          drop function autopilot_test_refuse_cart();`)
      }
      const { run, after, footprints } = outcome
      const failed = (
        (run.failures as { items?: { item_id: string }[] } | null)?.items ?? []
      ).map((f) => f.item_id)
      expect(failed).toEqual([refused])
      expect(Object.keys(after)).toEqual([paying])
      expect(await rowsOf(db, footprints[paying])).toEqual(after[paying])
      const existing = await container
        .resolve(Modules.CART)
        .listCarts({ id: [paying, refused, idle] }, { select: ["id"] })
      expect(existing.map((c) => c.id).sort()).toEqual([paying, refused].sort())
      const actions = (
        run.summary as {
          actions: Record<string, { count: number; sample: string[] }>
        }
      ).actions
      expect(actions["kept-changed-since-planned"]).toEqual({
        count: 1,
        sample: [paying],
      })
      expect(actions["pruned-customer"]).toEqual({ count: 1, sample: [idle] })
    })

    it("cleans up cart addresses no cart refers to, and keeps the rest", async () => {
      const cartModule = container.resolve(Modules.CART)
      const [orphan] = await cartModule.createAddresses([address])
      const young = await makeCart({
        ...EMPTY_ANONYMOUS,
        items: true,
        who: "email",
      })
      await fed([young])
      const keep = await footprintOf(db, [young])
      // A cart deleted elsewhere through the module leaves its addresses.
      const elsewhere = await makeCart({
        ...EMPTY_ANONYMOUS,
        items: true,
        who: "email",
      })
      const left = await footprintOf(db, [elsewhere])
      await cartModule.deleteCarts([elsewhere])

      setClock(new ManualClock(new Date(Date.now() + 2 * HOUR)))
      const run = await runJob(container, "cart-pruning")
      const actions = (
        run.summary as { actions: Record<string, { count: number }> }
      ).actions
      expect(actions["deleted-orphan-address"].count).toBe(3)
      const remaining = await cartModule.listAddresses(
        { id: [orphan.id, ...keep.addressIds, ...left.addressIds] },
        { select: ["id"] }
      )
      expect(remaining.map((a) => a.id).sort()).toEqual(keep.addressIds.sort())
      // A new pass starts only a week later.
      const next = await runJob(container, "cart-pruning")
      expect(
        (next.summary as { actions: Record<string, unknown> }).actions[
          "deleted-orphan-address"
        ]
      ).toBeUndefined()
    })
  },
})
