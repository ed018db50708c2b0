export * from "./inventory"
export * from "./payment-recovery"
export * from "./runtime"
