import "../helpers/tick-env"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createCartWorkflow } from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { autopilotService } from "../../src/runtime/settings"
import type { CartLead } from "../../src/types"
import { createAdminUser } from "../helpers/admin"
import { setPluginOptions } from "../helpers/plugin-options"
import { createShopFixture, type ShopFixture } from "../helpers/shop-fixture"

jest.setTimeout(180_000)

setPluginOptions({})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let container: MedusaContainer
    let shop: ShopFixture
    let headers: Record<string, string>

    beforeAll(async () => {
      shop = await createShopFixture(getContainer(), 10)
    })
    beforeEach(async () => {
      container = getContainer()
      headers = (await createAdminUser(container)).headers
    })

    const cart = async (input: {
      email?: string
      customer_id?: string
      items?: { variant_id: string; quantity: number; unit_price?: number }[]
    }) => {
      const { result } = await createCartWorkflow(container).run({
        input: {
          region_id: shop.regionId,
          sales_channel_id: shop.salesChannelId,
          currency_code: "eur",
          ...input,
        },
      })
      return result.id
    }
    const listed = async () =>
      (await api.get("/admin/autopilot/leads?limit=100", { headers })).data
        .leads as CartLead[]

    it("tells a guest from a customer with an account", async () => {
      const guest = await cart({
        email: "guest@example.com",
        items: [{ variant_id: shop.variantId, quantity: 1 }],
      })
      const customer = await container
        .resolve(Modules.CUSTOMER)
        .createCustomers({ email: "member@example.com", has_account: true })
      const member = await cart({
        customer_id: customer.id,
        email: "member@example.com",
        items: [{ variant_id: shop.variantId, quantity: 2 }],
      })
      await autopilotService(container).archiveCartLeads(
        [guest, member],
        new Date()
      )
      const leads = await listed()
      const guestLead = leads.find((l) => l.cart_id === guest)
      const memberLead = leads.find((l) => l.cart_id === member)
      // Medusa gives the guest a customer record too, without an account.
      expect(guestLead).toMatchObject({
        email: "guest@example.com",
        kind: "guest",
      })
      expect(memberLead).toMatchObject({
        email: "member@example.com",
        customer_id: customer.id,
        kind: "customer",
        labels: {
          customer_id: {
            id: customer.id,
            label: "member@example.com",
            href: `/customers/${customer.id}`,
          },
        },
      })

      // The CSV export says the same, in its `kind` column.
      const csv = await api.get("/admin/autopilot/leads?format=csv", {
        headers,
      })
      const lines = (csv.data as string).trim().split("\n")
      const kindAt = lines[0].split(",").indexOf("kind")
      expect(kindAt).toBeGreaterThan(0)
      const kindOf = (cartId: string) =>
        lines.find((l) => l.includes(cartId))!.split(",")[kindAt]
      expect(kindOf(guest)).toBe("guest")
      expect(kindOf(member)).toBe("customer")
    })

    it("an empty cart and a zero-total cart are not leads", async () => {
      const empty = await cart({ email: "empty@example.com" })
      const free = await cart({
        email: "free@example.com",
        items: [{ variant_id: shop.variantId, quantity: 1, unit_price: 0 }],
      })
      const full = await cart({
        email: "full@example.com",
        items: [{ variant_id: shop.variantId, quantity: 1 }],
      })
      const service = autopilotService(container)
      await service.archiveCartLeads([empty, free, full], new Date())
      const rows = await service.listCartLeads({ cart_id: [empty, free, full] })
      expect(rows.map((r) => r.cart_id)).toEqual([full])

      // A row written before the rule (an empty cart's lead) is not listed.
      await service.createCartLeads({
        cart_id: `cart_legacy_${Date.now()}`,
        email: "legacy@example.com",
        status: "archived",
        items: [],
        total: 0,
      } as never)
      const leads = await listed()
      const emails = leads.map((l) => l.email)
      expect(emails).toContain("full@example.com")
      expect(emails).not.toContain("empty@example.com")
      expect(emails).not.toContain("free@example.com")
      expect(emails).not.toContain("legacy@example.com")
    })
  },
})
