import { z } from "@medusajs/framework/zod"

/** The options of `stock-feed-sync` (see `jobs.ts`): their zod schema, with the admin form's `.meta()`. */
export function stockFeedSyncOptions() {
  return z.strictObject({
    /** The feed's URL (http or https). */
    url: z
      .url({ protocol: /^https?$/ })
      .optional()
      .meta({
        title: "Feed URL",
        description: "Where the stock feed is downloaded from (http or https).",
        placeholder: "https://supplier.example/stock.csv",
        needed: true,
      }),
    /** `auto` reads the response's content type. */
    format: z
      .enum(["auto", "csv", "json"])
      .default("auto")
      .meta({
        title: "Format",
        description: "Automatic reads the format the server announces.",
        labels: { auto: "Automatic", csv: "CSV", json: "JSON" },
      }),
    auth: z
      .discriminatedUnion("type", [
        z.strictObject({ type: z.literal("none") }),
        z.strictObject({
          type: z.literal("basic"),
          username: z.string().meta({
            title: "Username",
            description: "The user name the feed's server asks for.",
          }),
          password: z.string().meta({
            title: "Password",
            description: "The password the feed's server asks for.",
            secret: true,
          }),
        }),
        z.strictObject({
          type: z.literal("bearer"),
          token: z.string().min(1).meta({
            title: "Token",
            description: "Sent as a bearer token with each download.",
            secret: true,
          }),
        }),
      ])
      .default({ type: "none" })
      .meta({
        title: "Sign-in",
        description: "How the shop signs in to the feed's server.",
        labels: {
          none: "None",
          basic: "Username and password",
          bearer: "Token",
        },
      }),
    /** Feed location code → stock location id. */
    location_map: z
      .record(
        z.string(),
        z.string().meta({
          title: "Stock location",
          description: "The shop's stock location for this code.",
          reference: "stock_location",
        })
      )
      .default({})
      .meta({
        title: "Feed locations",
        description:
          "Which stock location each location code in the feed stands for.",
        key_title: "Location code in the feed",
      }),
    /** Stock location for rows without a location. */
    default_location_id: z.string().optional().meta({
      title: "Default stock location",
      description: "Where the stock of feed rows without a location goes.",
      reference: "stock_location",
    }),
    /** Refuse to apply when more than this share of the feed's SKUs would change. */
    max_change_ratio: z.number().min(0).max(1).default(0.2).meta({
      title: "Refuse when more than this changes",
      description:
        "Share of the feed's SKUs that may change in one run; above it nothing is applied.",
      unit: "%",
      scale: 100,
    }),
    timeout_ms: z.number().int().min(100).default(10_000).meta({
      title: "Download time limit",
      description: "Give up on a feed that takes longer than this.",
      unit: "seconds",
      scale: 0.001,
    }),
    /** Refuse feeds with more rows than this. */
    max_rows: z.number().int().min(1).default(100_000).meta({
      title: "Refuse feeds longer than",
      description: "A feed with more rows than this is not applied.",
      unit: "rows",
    }),
  })
}
