import { writeFile } from "node:fs/promises"
import type {
  CreateCartWorkflowInputDTO,
  CreateProductWorkflowInputDTO,
  ExecArgs,
  Logger,
  MedusaContainer,
} from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  Modules,
  ProductStatus,
} from "@medusajs/framework/utils"
import {
  addShippingMethodToCartWorkflow,
  createApiKeysWorkflow,
  createCartWorkflow,
  createCustomersWorkflow,
  createInventoryLevelsWorkflow,
  createPaymentCollectionForCartWorkflow,
  createPaymentSessionsWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createReservationsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createStoresWorkflow,
  createTaxRegionsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateSalesChannelsWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"
import { createRestockSubscriptionWorkflow } from "../src/workflows/restock"
// ---- cart reminders (carts-reminders) ----
import { autopilotService } from "../src/runtime/settings"
import {
  readCartsForActivity,
  toActivityRow,
} from "../src/workflows/carts/utils/activity"
// ---- end cart reminders ----
// --- shipment tracking demo (begin) ---
import {
  completeCartWorkflow as completeDemoCartWorkflow,
  createOrderFulfillmentWorkflow,
  createOrderShipmentWorkflow,
} from "@medusajs/medusa/core-flows"
// --- shipment tracking demo (end) ---

/**
 * Seeds a small demo shop for the autopilot plugin: one region, one
 * warehouse, four products (some variants sold out), three customers, a
 * handful of carts of different (recorded) ages and shoppers waiting for
 * two sold-out variants to be back in stock.
 *
 * When the sandbox payment provider is registered (AUTOPILOT_SANDBOX_PSP_URL
 * set, see medusa-config.ts), the region also pays with it and two more
 * carts wait at the payment step for the payment-recovery job: one already
 * paid at the provider (the customer never came back), one still pending.
 *
 * Run on a freshly migrated database:
 *   npx medusa exec ./scripts/seed-demo.ts
 * Set DEMO_SEED_OUTPUT to a file path to get the created ids as JSON.
 */

const SALES_CHANNEL_NAME = "Autopilot Demo Store"
const PUBLISHABLE_KEY_TITLE = "Autopilot Demo Storefront"
const STOCK_LOCATION_NAME = "Demo Warehouse"
const REGION_COUNTRIES = ["de", "fr", "nl", "gb", "es", "it"]
const IN_STOCK_QUANTITY = 25
const SANDBOX_PROVIDER_ID = "pp_autopilot-sandbox_sandbox"
// Back-in-stock signups per sold-out SKU (scripts/demo.mjs restocks the tee).
const RESTOCK_SIGNUPS: Record<string, string[]> = {
  "AP-TEE-L": [1, 2, 3, 4].map((n) => `restock.fan${n}@example.com`),
  "AP-MUG-BLACK": [1, 2].map((n) => `restock.fan${n}@example.com`),
}

type DemoVariant = {
  title: string
  sku: string
  options: Record<string, string>
  eur: number
  usd: number
  soldOut: boolean
}

type DemoProduct = {
  title: string
  handle: string
  description: string
  options: { title: string; values: string[] }[]
  variants: DemoVariant[]
}

// Sold-out variants cover both cases the back-in-stock job cares about: one
// size/colour gone from an otherwise available product, and a whole product
// gone.
const DEMO_PRODUCTS: DemoProduct[] = [
  {
    title: "Autopilot T-Shirt",
    handle: "autopilot-t-shirt",
    description: "A soft cotton tee with the autopilot logo.",
    options: [{ title: "Size", values: ["S", "M", "L"] }],
    variants: [
      {
        title: "S",
        sku: "AP-TEE-S",
        options: { Size: "S" },
        eur: 25,
        usd: 29,
        soldOut: false,
      },
      {
        title: "M",
        sku: "AP-TEE-M",
        options: { Size: "M" },
        eur: 25,
        usd: 29,
        soldOut: false,
      },
      {
        title: "L",
        sku: "AP-TEE-L",
        options: { Size: "L" },
        eur: 25,
        usd: 29,
        soldOut: true,
      },
    ],
  },
  {
    title: "Autopilot Hoodie",
    handle: "autopilot-hoodie",
    description: "A warm hoodie for long night shifts.",
    options: [{ title: "Size", values: ["M", "L"] }],
    variants: [
      {
        title: "M",
        sku: "AP-HOODIE-M",
        options: { Size: "M" },
        eur: 59,
        usd: 65,
        soldOut: false,
      },
      {
        title: "L",
        sku: "AP-HOODIE-L",
        options: { Size: "L" },
        eur: 59,
        usd: 65,
        soldOut: false,
      },
    ],
  },
  {
    title: "Autopilot Mug",
    handle: "autopilot-mug",
    description: "A ceramic mug, 350 ml.",
    options: [{ title: "Color", values: ["White", "Black"] }],
    variants: [
      {
        title: "White",
        sku: "AP-MUG-WHITE",
        options: { Color: "White" },
        eur: 12,
        usd: 14,
        soldOut: false,
      },
      {
        title: "Black",
        sku: "AP-MUG-BLACK",
        options: { Color: "Black" },
        eur: 12,
        usd: 14,
        soldOut: true,
      },
    ],
  },
  {
    title: "Autopilot Sticker Pack",
    handle: "autopilot-sticker-pack",
    description: "Ten vinyl stickers.",
    options: [{ title: "Pack", values: ["10 stickers"] }],
    variants: [
      {
        title: "10 stickers",
        sku: "AP-STICKERS-10",
        options: { Pack: "10 stickers" },
        eur: 5,
        usd: 6,
        soldOut: true,
      },
    ],
  },
]

/** Registered customers (with an account); carts by email alone are guests'. */
const DEMO_CUSTOMERS = [
  {
    email: "ada@example.com",
    first_name: "Ada",
    last_name: "Lovelace",
    has_account: true,
  },
  {
    email: "grace@example.com",
    first_name: "Grace",
    last_name: "Hopper",
    has_account: true,
  },
  {
    email: "alan@example.com",
    first_name: "Alan",
    last_name: "Turing",
    has_account: true,
  },
]

type SeedOutput = {
  publishable_key: string
  region_id: string
  sales_channel_id: string
  product_ids: string[]
  sold_out_variant_ids: string[]
  in_stock_variant_ids: string[]
  customer_ids: string[]
  cart_ids: string[]
  /** Carts at the payment step with the sandbox provider, when it is registered. */
  payment_recovery_cart_ids?: { paid: string; pending: string }
  /** Back-in-stock signups (waiting shoppers) for sold-out variants. */
  restock_subscription_ids: string[]
  // --- shipment tracking demo (begin) ---
  /** Shipped orders whose parcels the sandbox carrier moves along. */
  tracked_shipments?: { order_id: string; tracking_number: string }[]
  // --- shipment tracking demo (end) ---
  /** What inventory reconciliation should find: a drifted level and an orphaned reservation. */
  inventory_issues: {
    drifted_inventory_item_id: string
    orphan_reservation_id: string
  }
}

export default async function seedDemo({ container }: ExecArgs) {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const apiKeyModule = container.resolve(Modules.API_KEY)

  const existingKeys = await apiKeyModule.listApiKeys({
    title: PUBLISHABLE_KEY_TITLE,
    type: "publishable",
  })
  if (existingKeys.length) {
    logger.info("demo data already present")
    return
  }

  const startedAt = Date.now()
  const sandboxPsp = await sandboxPspUrl(container)
  if (!sandboxPsp) {
    logger.info(
      `Sandbox payment provider ${SANDBOX_PROVIDER_ID} is not registered ` +
        "(AUTOPILOT_SANDBOX_PSP_URL names the fake PSP): skipping the carts at payment for payment recovery"
    )
  }
  const salesChannelId = await ensureSalesChannel(container)

  const { result: regions } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        {
          name: "Europe",
          currency_code: "eur",
          countries: REGION_COUNTRIES,
          payment_providers: sandboxPsp
            ? ["pp_system_default", SANDBOX_PROVIDER_ID]
            : ["pp_system_default"],
        },
      ],
    },
  })
  const region = regions[0]

  await createTaxRegionsWorkflow(container).run({
    input: REGION_COUNTRIES.map((country_code) => ({
      country_code,
      provider_id: "tp_system",
    })),
  })

  const { locationId, shippingProfileId, shippingOptionId } =
    await seedFulfillment(container, region.id, salesChannelId)

  await ensureStore(container, {
    salesChannelId,
    regionId: region.id,
    locationId,
  })

  const { result: apiKeys } = await createApiKeysWorkflow(container).run({
    input: {
      api_keys: [
        { title: PUBLISHABLE_KEY_TITLE, type: "publishable", created_by: "" },
      ],
    },
  })
  const publishableKey = apiKeys[0]
  await linkSalesChannelsToApiKeyWorkflow(container).run({
    input: { id: publishableKey.id, add: [salesChannelId] },
  })

  const catalog = await seedProducts(container, {
    salesChannelId,
    shippingProfileId,
    locationId,
  })

  const restockSubscriptionIds = await seedRestockSignups(container, {
    salesChannelId,
    variantIdBySku: catalog.variantIdBySku,
  })

  const { result: customers } = await createCustomersWorkflow(container).run({
    input: { customersData: DEMO_CUSTOMERS },
  })
  const customerIds = customers.map((c) => c.id)

  const cartIds = await seedCarts(container, {
    regionId: region.id,
    salesChannelId,
    customerIds,
    variantIdBySku: catalog.variantIdBySku,
  })

  const paymentRecoveryCartIds = sandboxPsp
    ? await seedCartsAtPayment(container, {
        pspUrl: sandboxPsp,
        regionId: region.id,
        salesChannelId,
        shippingOptionId,
        variantIdBySku: catalog.variantIdBySku,
      })
    : undefined

  // ---- cart reminders (carts-reminders) ----
  await indexDemoCartAges(container, cartIds)
  // ---- end cart reminders ----

  const inventoryIssues = await seedInventoryIssues(container, {
    locationId,
    variantIdBySku: catalog.variantIdBySku,
  })

  // --- shipment tracking demo (begin) ---
  const trackedShipments = await seedShippedOrders(container, {
    regionId: region.id,
    salesChannelId,
    shippingOptionId,
    variantIdBySku: catalog.variantIdBySku,
  })
  // --- shipment tracking demo (end) ---

  const output: SeedOutput = {
    tracked_shipments: trackedShipments,
    inventory_issues: inventoryIssues,
    publishable_key: publishableKey.token,
    region_id: region.id,
    sales_channel_id: salesChannelId,
    product_ids: catalog.productIds,
    sold_out_variant_ids: catalog.soldOutVariantIds,
    in_stock_variant_ids: catalog.inStockVariantIds,
    customer_ids: customerIds,
    cart_ids: cartIds,
    restock_subscription_ids: restockSubscriptionIds,
    ...(paymentRecoveryCartIds && {
      payment_recovery_cart_ids: paymentRecoveryCartIds,
    }),
  }

  const outputPath = process.env.DEMO_SEED_OUTPUT
  if (outputPath) {
    await writeFile(outputPath, JSON.stringify(output, null, 2) + "\n")
  }

  logger.info(
    `Seeded demo shop in ${Date.now() - startedAt} ms: ` +
      `${output.product_ids.length} products ` +
      `(${output.in_stock_variant_ids.length} variants in stock, ` +
      `${output.sold_out_variant_ids.length} sold out), ` +
      `${output.customer_ids.length} customers, ${output.cart_ids.length} carts, ` +
      `${output.restock_subscription_ids.length} back-in-stock signups, ` +
      (paymentRecoveryCartIds
        ? "2 carts at payment (1 paid, 1 pending), "
        : "") +
      `publishable key ${output.publishable_key}` +
      (outputPath ? `, ids written to ${outputPath}` : "")
  )
}

/**
 * The app loader creates a store with a "Default Sales Channel" before any
 * exec script runs, so normally that channel is renamed and reused; a bare
 * store module (or a deleted default) falls back to creating one.
 */
async function ensureSalesChannel(container: MedusaContainer) {
  const storeModule = container.resolve(Modules.STORE)
  const salesChannelModule = container.resolve(Modules.SALES_CHANNEL)

  const [store] = await storeModule.listStores({}, { take: 1 })
  let salesChannelId = store?.default_sales_channel_id ?? undefined
  if (salesChannelId) {
    const found = await salesChannelModule.listSalesChannels({
      id: salesChannelId,
    })
    if (!found.length) {
      salesChannelId = undefined
    }
  }

  if (!salesChannelId) {
    const { result } = await createSalesChannelsWorkflow(container).run({
      input: { salesChannelsData: [{ name: SALES_CHANNEL_NAME }] },
    })
    return result[0].id
  }

  await updateSalesChannelsWorkflow(container).run({
    input: {
      selector: { id: salesChannelId },
      update: { name: SALES_CHANNEL_NAME },
    },
  })
  return salesChannelId
}

async function ensureStore(
  container: MedusaContainer,
  ids: { salesChannelId: string; regionId: string; locationId: string }
) {
  const storeModule = container.resolve(Modules.STORE)
  const supported_currencies = [
    { currency_code: "eur", is_default: true },
    { currency_code: "usd" },
  ]
  const storeFields = {
    name: "Autopilot Demo",
    default_sales_channel_id: ids.salesChannelId,
    default_region_id: ids.regionId,
    default_location_id: ids.locationId,
  }

  const [store] = await storeModule.listStores({}, { take: 1 })
  if (!store) {
    await createStoresWorkflow(container).run({
      input: {
        stores: [{ supported_currencies, ...storeFields }],
      },
    })
    return
  }

  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store.id },
      update: { supported_currencies, ...storeFields },
    },
  })
}

async function seedFulfillment(
  container: MedusaContainer,
  regionId: string,
  salesChannelId: string
) {
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const fulfillmentModule = container.resolve(Modules.FULFILLMENT)

  const { result: locations } = await createStockLocationsWorkflow(
    container
  ).run({
    input: {
      locations: [
        {
          name: STOCK_LOCATION_NAME,
          address: {
            address_1: "Lagerstrasse 1",
            city: "Berlin",
            postal_code: "10115",
            country_code: "de",
          },
        },
      ],
    },
  })
  const location = locations[0]

  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
  })

  // Migrations create a "Default Shipping Profile"; products and the shipping
  // option must share one profile or carts cannot be shipped.
  const [defaultProfile] = await fulfillmentModule.listShippingProfiles({
    type: "default",
  })
  let shippingProfileId = defaultProfile?.id
  if (!shippingProfileId) {
    const { result } = await createShippingProfilesWorkflow(container).run({
      input: { data: [{ name: "Default Shipping Profile", type: "default" }] },
    })
    shippingProfileId = result[0].id
  }

  const fulfillmentSet = await fulfillmentModule.createFulfillmentSets({
    name: `${STOCK_LOCATION_NAME} shipping`,
    type: "shipping",
    service_zones: [
      {
        name: "Europe",
        geo_zones: REGION_COUNTRIES.map((country_code) => ({
          type: "country" as const,
          country_code,
        })),
      },
    ],
  })

  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
  })

  const { result: shippingOptions } = await createShippingOptionsWorkflow(
    container
  ).run({
    input: [
      {
        name: "Standard",
        price_type: "flat",
        provider_id: "manual_manual",
        service_zone_id: fulfillmentSet.service_zones[0].id,
        shipping_profile_id: shippingProfileId,
        type: {
          label: "Standard",
          description: "Delivered in 2-4 business days.",
          code: "standard",
        },
        prices: [
          { currency_code: "eur", amount: 5 },
          { currency_code: "usd", amount: 6 },
          { region_id: regionId, amount: 5 },
        ],
        rules: [
          { attribute: "enabled_in_store", operator: "eq", value: "true" },
          { attribute: "is_return", operator: "eq", value: "false" },
        ],
      },
    ],
  })

  await linkSalesChannelsToStockLocationWorkflow(container).run({
    input: { id: location.id, add: [salesChannelId] },
  })

  return {
    locationId: location.id,
    shippingProfileId,
    shippingOptionId: shippingOptions[0].id,
  }
}

async function seedProducts(
  container: MedusaContainer,
  ids: { salesChannelId: string; shippingProfileId: string; locationId: string }
) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)

  const productsInput: CreateProductWorkflowInputDTO[] = DEMO_PRODUCTS.map(
    (product) => ({
      title: product.title,
      handle: product.handle,
      description: product.description,
      status: ProductStatus.PUBLISHED,
      thumbnail: `https://example.invalid/images/${product.handle}.png`,
      shipping_profile_id: ids.shippingProfileId,
      sales_channels: [{ id: ids.salesChannelId }],
      options: product.options,
      variants: product.variants.map((variant) => ({
        title: variant.title,
        sku: variant.sku,
        options: variant.options,
        // Both flags are explicit: sold-out variants must stay unbuyable.
        manage_inventory: true,
        allow_backorder: false,
        prices: [
          { currency_code: "eur", amount: variant.eur },
          { currency_code: "usd", amount: variant.usd },
        ],
      })),
    })
  )

  const { result: products } = await createProductsWorkflow(container).run({
    input: { products: productsInput },
  })

  const soldOutSkus = new Set(
    DEMO_PRODUCTS.flatMap((p) => p.variants)
      .filter((v) => v.soldOut)
      .map((v) => v.sku)
  )
  const variantIds = products.flatMap((p) =>
    (p.variants ?? []).map((v) => v.id)
  )

  // The variant workflow creates one inventory item per managed variant; the
  // link is only reachable through Query. Without generated `.medusa/types`
  // Query rows are untyped, hence the row type below.
  const { data: variantRows } = await query.graph({
    entity: "product_variant",
    fields: ["id", "sku", "inventory_items.inventory_item_id"],
    filters: { id: variantIds },
  })
  const variants = (variantRows as VariantInventoryRow[]).map((row) => ({
    id: row.id,
    sku: row.sku ?? "",
    soldOut: soldOutSkus.has(row.sku ?? ""),
    inventoryItemId: row.inventory_items?.[0]?.inventory_item_id,
  }))

  const missing = variants.filter((v) => !v.inventoryItemId)
  if (missing.length) {
    throw new Error(
      `Variants without inventory items: ${missing.map((v) => v.id).join(", ")}`
    )
  }

  // Sold-out variants still get a level (at 0) so they are "stocked at the
  // warehouse but empty", which is what a real sold-out item looks like.
  await createInventoryLevelsWorkflow(container).run({
    input: {
      inventory_levels: variants.map((v) => ({
        inventory_item_id: v.inventoryItemId as string,
        location_id: ids.locationId,
        stocked_quantity: v.soldOut ? 0 : IN_STOCK_QUANTITY,
      })),
    },
  })

  // Keep the catalogue order so the output file is stable between runs.
  const order = new Map(variantIds.map((id, index) => [id, index]))
  variants.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))

  return {
    productIds: products.map((p) => p.id),
    soldOutVariantIds: variants.filter((v) => v.soldOut).map((v) => v.id),
    inStockVariantIds: variants.filter((v) => !v.soldOut).map((v) => v.id),
    variantIdBySku: new Map(variants.map((v) => [v.sku, v.id])),
  }
}

type VariantInventoryRow = {
  id: string
  sku: string | null
  inventory_items?: { inventory_item_id: string }[] | null
}

/**
 * Shoppers waiting for sold-out variants, signed up through the same
 * workflow as the store route (single opt-in, so they wait at once).
 */
async function seedRestockSignups(
  container: MedusaContainer,
  ids: { salesChannelId: string; variantIdBySku: Map<string, string> }
) {
  const subscriptionIds: string[] = []
  for (const [sku, emails] of Object.entries(RESTOCK_SIGNUPS)) {
    const variantId = ids.variantIdBySku.get(sku)
    if (!variantId) {
      throw new Error(`Demo variant ${sku} was not created`)
    }
    // Sequential, so the oldest signup (alerted first) is fan1.
    for (const email of emails) {
      const { result } = await createRestockSubscriptionWorkflow(container).run(
        {
          input: {
            variant_id: variantId,
            sales_channel_id: ids.salesChannelId,
            email,
            customer_id: null,
            locale: null,
            double_opt_in: false,
          },
        }
      )
      subscriptionIds.push(result.subscription.id)
    }
  }
  return subscriptionIds
}

async function seedCarts(
  container: MedusaContainer,
  ids: {
    regionId: string
    salesChannelId: string
    customerIds: string[]
    variantIdBySku: Map<string, string>
  }
) {
  const variant = (sku: string) => {
    const id = ids.variantIdBySku.get(sku)
    if (!id) {
      throw new Error(`Demo variant ${sku} was not created`)
    }
    return id
  }
  const tee = variant("AP-TEE-S")
  const teeM = variant("AP-TEE-M")
  const hoodie = variant("AP-HOODIE-M")
  const mug = variant("AP-MUG-WHITE")
  const [ada, grace, alan] = ids.customerIds
  const address = {
    first_name: "Demo",
    last_name: "Shopper",
    address_1: "Keizersgracht 1",
    city: "Amsterdam",
    postal_code: "1015 CJ",
    country_code: "nl",
  }

  // Real timestamps cannot be backdated without SQL, so each cart records the
  // age it stands for; demo code reads `demo_age_hours` instead of created_at.
  const carts: (CreateCartWorkflowInputDTO & {
    metadata: { demo_age_hours: number; demo_scenario: string }
  })[] = [
    {
      metadata: { demo_age_hours: 2, demo_scenario: "anonymous-empty" },
    },
    {
      email: "guest@example.com",
      items: [{ variant_id: tee, quantity: 1 }],
      metadata: { demo_age_hours: 30, demo_scenario: "guest-email-items" },
    },
    {
      customer_id: ada,
      shipping_address: address,
      items: [
        { variant_id: hoodie, quantity: 1 },
        { variant_id: mug, quantity: 2 },
      ],
      metadata: { demo_age_hours: 2, demo_scenario: "customer-items-fresh" },
    },
    {
      customer_id: grace,
      items: [{ variant_id: teeM, quantity: 2 }],
      metadata: { demo_age_hours: 80, demo_scenario: "customer-items" },
    },
    {
      items: [{ variant_id: mug, quantity: 1 }],
      metadata: { demo_age_hours: 800, demo_scenario: "anonymous-items-stale" },
    },
    {
      customer_id: alan,
      metadata: {
        demo_age_hours: 2000,
        demo_scenario: "customer-empty-ancient",
      },
    },
    {
      email: "window.shopper@example.com",
      items: [{ variant_id: hoodie, quantity: 1 }],
      metadata: { demo_age_hours: 2000, demo_scenario: "guest-email-ancient" },
    },
  ]

  // Sequential so cart_ids and created_at follow the list order above.
  const cartIds: string[] = []
  for (const cart of carts) {
    const { result } = await createCartWorkflow(container).run({
      input: {
        ...cart,
        region_id: ids.regionId,
        sales_channel_id: ids.salesChannelId,
        currency_code: "eur",
      },
    })
    cartIds.push(result.id)
  }
  return cartIds
}

// ---- cart reminders (carts-reminders) ----
/**
 * Writes the plugin's cart activity rows for the seeded carts with the ages
 * they stand for (`metadata.demo_age_hours`): a cart's real timestamps
 * cannot be backdated, but the plugin's own index can. The cart jobs read
 * only that index, so with the default sequence (1 h, 24 h, 72 h) the first
 * cart-reminders run reminds the 2 h old customer cart (step 1), the 30 h
 * old guest cart (step 2) and the 80 h old customer cart (step 3), and
 * leaves the empty, anonymous and 2000 h old carts alone. (The activity
 * backfill later only adds rows that are missing.)
 */
async function indexDemoCartAges(
  container: MedusaContainer,
  cartIds: string[]
) {
  const { data } = await container
    .resolve(ContainerRegistrationKeys.QUERY)
    .graph({
      entity: "cart",
      fields: ["id", "metadata"],
      filters: { id: cartIds },
    })
  const ageOf = new Map(
    (
      data as { id: string; metadata: { demo_age_hours?: number } | null }[]
    ).map((c) => [c.id, Number(c.metadata?.demo_age_hours ?? 0)])
  )
  const carts = await readCartsForActivity(container, { id: cartIds })
  const now = Date.now()
  const rows = carts.map((cart) => {
    const at = new Date(now - (ageOf.get(cart.id) ?? 0) * 3_600_000)
    return { ...toActivityRow(cart), cart_created_at: at, last_active_at: at }
  })
  const service = autopilotService(container)
  await service.upsertCartActivities(rows)
  // The upsert never moves activity back in time: set the ages outright.
  const written = await service.listCartActivities(
    { cart_id: cartIds },
    { take: null }
  )
  const byCart = new Map(rows.map((r) => [r.cart_id, r]))
  await service.updateCartActivities(
    written.map((w) => ({
      id: w.id,
      cart_created_at: byCart.get(w.cart_id)!.cart_created_at,
      last_active_at: byCart.get(w.cart_id)!.last_active_at,
    }))
  )
}
// ---- end cart reminders ----

/**
 * The fake PSP's URL when the sandbox payment provider is registered and
 * enabled in this process, else null.
 */
async function sandboxPspUrl(container: MedusaContainer) {
  const url = process.env.AUTOPILOT_SANDBOX_PSP_URL
  if (!url) return null
  const paymentModule = container.resolve(Modules.PAYMENT)
  const [provider] = await paymentModule.listPaymentProviders({
    id: SANDBOX_PROVIDER_ID,
    is_enabled: true,
  })
  return provider ? url.replace(/\/+$/, "") : null
}

/**
 * Two carts taken to the payment step with the sandbox provider, where a
 * customer who went off to pay leaves them: items, shipping address,
 * shipping method, payment collection and a session at the fake PSP. The
 * first is marked paid at the PSP (paid, never came back: payment recovery
 * turns it into an order); the second stays pending.
 */
async function seedCartsAtPayment(
  container: MedusaContainer,
  ids: {
    pspUrl: string
    regionId: string
    salesChannelId: string
    shippingOptionId: string
    variantIdBySku: Map<string, string>
  }
) {
  const variant = (sku: string) => {
    const id = ids.variantIdBySku.get(sku)
    if (!id) {
      throw new Error(`Demo variant ${sku} was not created`)
    }
    return id
  }
  const shipping_address = {
    first_name: "Demo",
    last_name: "Payer",
    address_1: "Rue de Rivoli 1",
    city: "Paris",
    postal_code: "75001",
    country_code: "fr",
  }

  const cartAtPayment = async (
    email: string,
    items: { variant_id: string; quantity: number }[],
    scenario: string
  ) => {
    const { result: cart } = await createCartWorkflow(container).run({
      input: {
        region_id: ids.regionId,
        sales_channel_id: ids.salesChannelId,
        currency_code: "eur",
        email,
        items,
        shipping_address,
        metadata: { demo_scenario: scenario },
      },
    })
    await addShippingMethodToCartWorkflow(container).run({
      input: { cart_id: cart.id, options: [{ id: ids.shippingOptionId }] },
    })
    const { result: collection } = await createPaymentCollectionForCartWorkflow(
      container
    ).run({ input: { cart_id: cart.id } })
    const { result: session } = await createPaymentSessionsWorkflow(
      container
    ).run({
      input: {
        payment_collection_id: collection.id,
        provider_id: SANDBOX_PROVIDER_ID,
      },
    })
    const remoteId = session.data?.id
    if (typeof remoteId !== "string") {
      throw new Error(
        `Payment session ${session.id} has no payment id at the sandbox provider`
      )
    }
    return { cartId: cart.id, remoteId }
  }

  const paid = await cartAtPayment(
    "paid.never.returned@example.com",
    [
      { variant_id: variant("AP-HOODIE-L"), quantity: 1 },
      { variant_id: variant("AP-TEE-S"), quantity: 1 },
    ],
    "paid-never-returned"
  )
  const pending = await cartAtPayment(
    "still.paying@example.com",
    [{ variant_id: variant("AP-MUG-WHITE"), quantity: 2 }],
    "still-paying"
  )

  // What the customer did on the provider's page: paid, then closed the tab.
  const res = await fetch(`${ids.pspUrl}/_control/payments/${paid.remoteId}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ status: "paid" }),
  })
  if (!res.ok) {
    throw new Error(
      `Marking payment ${paid.remoteId} paid at the sandbox provider failed: ${res.status} ${await res.text()}`
    )
  }

  return { paid: paid.cartId, pending: pending.cartId }
}

type ReservedQuantityAdjuster = {
  adjustInventoryLevelsForReservationsRestore(
    r: { inventory_item_id: string; location_id: string; quantity: number }[]
  ): Promise<void>
}

/**
 * Two inconsistencies Medusa shops report, for inventory reconciliation to
 * find: a level whose reserved quantity is 2 more than its reservations add
 * up to, and a reservation left by a checkout that never became an order.
 */
async function seedInventoryIssues(
  container: MedusaContainer,
  ids: { locationId: string; variantIdBySku: Map<string, string> }
) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const inventory = container.resolve(Modules.INVENTORY)
  const itemOf = async (sku: string) => {
    const { data } = await query.graph({
      entity: "product_variant",
      fields: ["inventory_items.inventory_item_id"],
      filters: { id: ids.variantIdBySku.get(sku) as string },
    })
    return (data[0] as VariantInventoryRow).inventory_items![0]
      .inventory_item_id
  }
  const drifted = await itemOf("AP-MUG-WHITE")
  // The inventory module's own reservation mechanism, as a lost update
  // would leave it: reserved goes up without a reservation.
  await (
    inventory as unknown as ReservedQuantityAdjuster
  ).adjustInventoryLevelsForReservationsRestore([
    { inventory_item_id: drifted, location_id: ids.locationId, quantity: 2 },
  ])
  const orphanItem = await itemOf("AP-TEE-M")
  const { result } = await createReservationsWorkflow(container).run({
    input: {
      reservations: [
        {
          inventory_item_id: orphanItem,
          location_id: ids.locationId,
          line_item_id: "cali_demo_reverted_checkout",
          quantity: 1,
          description: "left by a checkout that was reverted",
        },
      ],
    },
  })
  return {
    drifted_inventory_item_id: drifted,
    orphan_reservation_id: result[0].id,
  }
}

// --- shipment tracking demo (begin) ---
/** Tracking numbers on the sandbox carrier: one plain, one with a failed attempt. */
const DEMO_TRACKING_NUMBERS = ["SBX-DEMO-1001", "SBX-DEMO-FAIL-1002"]

/**
 * Two paid orders, fulfilled and shipped with a label each on the sandbox
 * carrier. `medusa exec` loads no subscribers, so the shipment-tracking job's
 * backfill starts following them; each run then moves them one step until
 * they are delivered (the messages show in the local notification log).
 */
async function seedShippedOrders(
  container: MedusaContainer,
  ids: {
    regionId: string
    salesChannelId: string
    shippingOptionId: string
    variantIdBySku: Map<string, string>
  }
) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const hoodie = ids.variantIdBySku.get("AP-HOODIE-M")
  if (!hoodie) throw new Error("Demo variant AP-HOODIE-M was not created")
  const shipped: { order_id: string; tracking_number: string }[] = []
  for (const [i, number] of DEMO_TRACKING_NUMBERS.entries()) {
    const { result: cart } = await createCartWorkflow(container).run({
      input: {
        region_id: ids.regionId,
        sales_channel_id: ids.salesChannelId,
        currency_code: "eur",
        email: `parcel.watcher${i + 1}@example.com`,
        items: [{ variant_id: hoodie, quantity: 1 }],
        shipping_address: {
          first_name: "Parcel",
          last_name: `Watcher ${i + 1}`,
          address_1: "Rue de Rivoli 2",
          city: "Paris",
          postal_code: "75001",
          country_code: "fr",
        },
        metadata: { demo_scenario: "shipment-tracking" },
      },
    })
    await addShippingMethodToCartWorkflow(container).run({
      input: { cart_id: cart.id, options: [{ id: ids.shippingOptionId }] },
    })
    const { result: collection } = await createPaymentCollectionForCartWorkflow(
      container
    ).run({ input: { cart_id: cart.id } })
    await createPaymentSessionsWorkflow(container).run({
      input: {
        payment_collection_id: collection.id,
        provider_id: "pp_system_default",
      },
    })
    const { result: order } = await completeDemoCartWorkflow(container).run({
      input: { id: cart.id },
    })
    const { data } = await query.graph({
      entity: "order",
      fields: ["id", "items.id"],
      filters: { id: order.id },
    })
    // One unit was ordered: it ships in one parcel.
    const items = (data[0] as { items: { id: string }[] }).items.map(
      (item) => ({ id: item.id, quantity: 1 })
    )
    const { result: fulfillment } = await createOrderFulfillmentWorkflow(
      container
    ).run({ input: { order_id: order.id, items } })
    await createOrderShipmentWorkflow(container).run({
      input: {
        order_id: order.id,
        fulfillment_id: fulfillment.id,
        items,
        labels: [
          {
            tracking_number: number,
            tracking_url: `https://sandbox-carrier.example/track/${number}`,
            label_url: `https://sandbox-carrier.example/label/${number}`,
          },
        ],
      },
    })
    shipped.push({ order_id: order.id, tracking_number: number })
  }
  return shipped
}
// --- shipment tracking demo (end) ---
