/**
 * The plugin's contracts, shared by its models, validators, routes and
 * admin, and exported for shops that extend it (`medusa-plugin-autopilot/types`).
 * Only plain data and types: nothing here may import server code.
 */
export * from "./common"
export * from "./jobs"
export * from "./forms"
export * from "./payments"
export * from "./inventory"
export * from "./restock"
export * from "./carts"
export * from "./shipments"
export * from "./privacy"
export * from "./urls"
export * from "./storefront"
export * from "./notifications"
export * from "./overview"
export * from "./customer-activity"
export * from "./product-restock"
export * from "./labels"
export * from "./messages"
export * from "./messages-admin"
