import type { MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  Modules,
  ProductStatus,
} from "@medusajs/framework/utils"
import {
  addShippingMethodToCartWorkflow,
  createCartWorkflow,
  createInventoryLevelsWorkflow,
  createPaymentCollectionForCartWorkflow,
  createPaymentSessionsWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateInventoryLevelsWorkflow,
} from "@medusajs/medusa/core-flows"

export const SANDBOX_PROVIDER = "pp_autopilot-sandbox_sandbox"

export type ShopFixture = {
  regionId: string
  salesChannelId: string
  locationId: string
  shippingOptionId: string
  variantId: string
  inventoryItemId: string
}

/**
 * A minimal shop a cart can be checked out in: a region paying with the
 * system provider and the sandbox provider, one warehouse shipping to DE,
 * and one product with `stock` units.
 */
export async function createShopFixture(
  container: MedusaContainer,
  stock = 10
): Promise<ShopFixture> {
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const fulfillment = container.resolve(Modules.FULFILLMENT)

  const {
    result: [region],
  } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        {
          name: "Test region",
          currency_code: "eur",
          countries: ["de"],
          // The sandbox provider exists only when a spec started its server.
          payment_providers: [
            "pp_system_default",
            ...(process.env.AUTOPILOT_SANDBOX_PSP_URL
              ? [SANDBOX_PROVIDER]
              : []),
          ],
        },
      ],
    },
  })
  await createTaxRegionsWorkflow(container).run({
    input: [{ country_code: "de", provider_id: "tp_system" }],
  })
  const {
    result: [channel],
  } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: "Test channel" }] },
  })
  const {
    result: [location],
  } = await createStockLocationsWorkflow(container).run({
    input: { locations: [{ name: "Test warehouse" }] },
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
  })
  const [existing] = await fulfillment.listShippingProfiles({ type: "default" })
  const profile =
    existing ??
    (
      await createShippingProfilesWorkflow(container).run({
        input: { data: [{ name: "Default", type: "default" }] },
      })
    ).result[0]
  const set = await fulfillment.createFulfillmentSets({
    name: "Test shipping",
    type: "shipping",
    service_zones: [
      { name: "DE", geo_zones: [{ type: "country", country_code: "de" }] },
    ],
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_set_id: set.id },
  })
  const {
    result: [option],
  } = await createShippingOptionsWorkflow(container).run({
    input: [
      {
        name: "Standard",
        price_type: "flat",
        provider_id: "manual_manual",
        service_zone_id: set.service_zones[0].id,
        shipping_profile_id: profile.id,
        type: { label: "Standard", description: "2-4 days", code: "standard" },
        prices: [{ currency_code: "eur", amount: 5 }],
        rules: [
          { attribute: "enabled_in_store", operator: "eq", value: "true" },
          { attribute: "is_return", operator: "eq", value: "false" },
        ],
      },
    ],
  })
  await linkSalesChannelsToStockLocationWorkflow(container).run({
    input: { id: location.id, add: [channel.id] },
  })
  const {
    result: [product],
  } = await createProductsWorkflow(container).run({
    input: {
      products: [
        {
          title: "Test tee",
          status: ProductStatus.PUBLISHED,
          shipping_profile_id: profile.id,
          sales_channels: [{ id: channel.id }],
          options: [{ title: "Size", values: ["M"] }],
          variants: [
            {
              title: "M",
              sku: `TEE-M-${Date.now()}`,
              options: { Size: "M" },
              manage_inventory: true,
              allow_backorder: false,
              prices: [{ currency_code: "eur", amount: 20 }],
            },
          ],
        },
      ],
    },
  })
  const variantId = product.variants![0].id
  const { data } = await query.graph({
    entity: "product_variant",
    fields: ["inventory_items.inventory_item_id"],
    filters: { id: variantId },
  })
  const inventoryItemId = (
    data[0] as { inventory_items: { inventory_item_id: string }[] }
  ).inventory_items[0].inventory_item_id
  await createInventoryLevelsWorkflow(container).run({
    input: {
      inventory_levels: [
        {
          inventory_item_id: inventoryItemId,
          location_id: location.id,
          stocked_quantity: stock,
        },
      ],
    },
  })
  return {
    regionId: region.id,
    salesChannelId: channel.id,
    locationId: location.id,
    shippingOptionId: option.id,
    variantId,
    inventoryItemId,
  }
}

/**
 * A cart taken up to the payment step: items, address, shipping method and
 * a payment session at `providerId` — where a customer who went off to pay
 * and never came back leaves it.
 */
export async function cartAtPayment(
  container: MedusaContainer,
  shop: ShopFixture,
  {
    email = "buyer@example.com",
    providerId = SANDBOX_PROVIDER,
    quantity = 1,
  } = {}
) {
  const { result: cart } = await createCartWorkflow(container).run({
    input: {
      region_id: shop.regionId,
      sales_channel_id: shop.salesChannelId,
      email,
      currency_code: "eur",
      items: [{ variant_id: shop.variantId, quantity }],
      shipping_address: {
        first_name: "Bo",
        last_name: "Buyer",
        address_1: "Hauptstr. 1",
        city: "Berlin",
        postal_code: "10115",
        country_code: "de",
      },
    },
  })
  await addShippingMethodToCartWorkflow(container).run({
    input: { cart_id: cart.id, options: [{ id: shop.shippingOptionId }] },
  })
  const { result: collection } = await createPaymentCollectionForCartWorkflow(
    container
  ).run({ input: { cart_id: cart.id } })
  const { result: session } = await createPaymentSessionsWorkflow(
    container
  ).run({
    input: { payment_collection_id: collection.id, provider_id: providerId },
  })
  return { cartId: cart.id, session }
}

export async function setStock(
  container: MedusaContainer,
  shop: ShopFixture,
  stocked: number
) {
  await updateInventoryLevelsWorkflow(container).run({
    input: {
      updates: [
        {
          inventory_item_id: shop.inventoryItemId,
          location_id: shop.locationId,
          stocked_quantity: stocked,
        },
      ],
    },
  })
}

/** The orders a cart became (there must never be more than one). */
export async function ordersOfCart(container: MedusaContainer, cartId: string) {
  const { data } = await container
    .resolve(ContainerRegistrationKeys.QUERY)
    .graph({
      entity: "order_cart",
      fields: ["order_id"],
      filters: { cart_id: cartId },
    })
  return (data as { order_id: string }[]).map((r) => r.order_id)
}
