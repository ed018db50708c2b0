import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Container, Heading, Text } from "@medusajs/ui"
import { CartLeads } from "../../components/cart-leads"

/** Customers → Cart leads: shoppers who left a cart with an email. */
const CartLeadsPage = () => (
  <Container className="flex flex-col gap-y-4">
    <div>
      <Heading level="h1">Cart leads</Heading>
      <Text size="small" className="text-ui-fg-subtle">
        Shoppers who left a cart with an email: reminded (open), won back by a
        reminder (recovered), or kept when the cart was pruned (archived).
      </Text>
    </div>
    <CartLeads />
  </Container>
)

export const config = defineRouteConfig({
  label: "Cart leads",
  nested: "/customers",
})

export default CartLeadsPage
