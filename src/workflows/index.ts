export * from "./runtime"
