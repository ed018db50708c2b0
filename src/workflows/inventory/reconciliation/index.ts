export * from "./steps/fix-inventory-finding"
export * from "./steps/fix-reserved-drift"
export * from "./workflows/fix-inventory-finding"
export * from "./workflows/fix-reserved-drift"
