/**
 * A point in time in an answer of the admin API. Routes build answers from
 * `Date`s; clients (the admin, a shop's own code) receive ISO 8601 strings.
 * Every answer type takes it as its `D` parameter, `string` by default:
 * `RunView` is what a client reads, `RunView<Date>` what a route may build.
 */
export type Timestamp = Date | string

/** The paging part of a list answer. */
export type ListPage = {
  count: number
  limit: number
  offset: number
}
