export * from "./inventory"
export * from "./payment-recovery"
export * from "./restock"
export * from "./runtime"
