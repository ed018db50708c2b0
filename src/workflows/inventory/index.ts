export * from "./reconciliation"
export * from "./stock-feed"
