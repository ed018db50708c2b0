export * from "./pruning"
