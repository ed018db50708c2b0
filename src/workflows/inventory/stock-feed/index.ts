export * from "./steps/record-stock-feed-changes"
export * from "./workflows/apply-stock-feed"
