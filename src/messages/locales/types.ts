import type { NotificationName } from "../../catalog/notifications"

/** The strings of one locale: shared parts under `common`, then per message. */
export type Catalog = Record<
  "common" | NotificationName,
  Record<string, string>
>
