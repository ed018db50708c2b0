export * from "./payment-recovery"
export * from "./runtime"
