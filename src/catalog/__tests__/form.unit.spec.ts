import { SECRET_KEYS } from "../../runtime/secrets"
import type { FormField, FormNumberField } from "../../types/forms"
import { allFields, describeForm } from "../form"
import { JOB_CATALOG, JOB_NAMES, jobReadiness, type JobName } from "../jobs"

function formOf(name: JobName) {
  return describeForm(JOB_CATALOG[name].optionsSchema)
}

function field(name: JobName, path: string): FormField {
  const found = allFields(formOf(name).fields).find((f) => f.path === path)
  if (!found) throw new Error(`no field ${path} in ${name}`)
  return found
}

function defaults(name: JobName): Record<string, unknown> {
  return JOB_CATALOG[name].optionsSchema.parse({}) as Record<string, unknown>
}

describe("job forms from the option schemas", () => {
  it.each(JOB_NAMES)("describes every option of %s", (name) => {
    const form = formOf(name)
    expect(form.fields.map((f) => f.key)).toEqual(
      Object.keys(JOB_CATALOG[name].optionsSchema.shape)
    )
  })

  it.each(JOB_NAMES)(
    "gives every field of %s a label and a help line, no raw keys",
    (name) => {
      for (const f of allFields(formOf(name).fields)) {
        // list items and map values are described by their list or map
        if (f.path.endsWith("[]")) continue
        expect(f.title.length).toBeGreaterThan(1)
        expect(f.help.length).toBeGreaterThan(10)
        expect(f.title).not.toMatch(/_/)
        expect(f.help.length).toBeLessThan(120)
      }
    }
  )

  it("lets the stock feed's change ratio be 0.2: a percentage with any step", () => {
    const ratio = field(
      "stock-feed-sync",
      "options.max_change_ratio"
    ) as FormNumberField
    expect(ratio).toMatchObject({
      control: "number",
      min: 0,
      max: 1,
      integer: false,
      unit: "%",
      scale: 100,
    })
    expect(defaults("stock-feed-sync").max_change_ratio).toBe(0.2)
  })

  it("reads bounds, integers and exclusive minimums from the schema", () => {
    expect(field("cart-pruning", "options.concurrency")).toMatchObject({
      control: "number",
      min: 1,
      max: 8,
      integer: true,
      exclusive_min: false,
    })
    expect(
      field("cart-pruning", "options.lifetimes.empty_hours")
    ).toMatchObject({ min: 0, exclusive_min: true, unit: "hours" })
    expect(field("stock-feed-sync", "options.timeout_ms")).toMatchObject({
      min: 100,
      integer: true,
      unit: "seconds",
      scale: 0.001,
    })
  })

  it("picks the control from the schema: toggle, select, list, map, rows, choice, sections", () => {
    expect(field("cart-pruning", "options.add_indexes").control).toBe("toggle")
    expect(field("cart-reminders", "options.consent")).toMatchObject({
      control: "select",
      options: [
        { value: "all", label: "Every cart with an email" },
        {
          value: "marketing_opt_in",
          label: "Only customers who agreed to marketing",
        },
      ],
    })
    // Minutes or { after_minutes, discount }: edited as rows of the object.
    expect(field("cart-reminders", "options.steps")).toMatchObject({
      control: "rows",
      item_title: "Reminder",
    })
    expect(
      field("cart-reminders", "options.steps[].after_minutes")
    ).toMatchObject({
      control: "number",
      unit: "minutes",
    })
    const discount = field("cart-reminders", "options.steps[].discount")
    expect(discount).toMatchObject({ control: "choice", optional: true })
    if (discount.control !== "choice") return
    expect(discount.choices.map((c) => [c.value, c.label])).toEqual([
      ["none", "No discount"],
      ["percentage", "Percent off"],
      ["fixed", "Amount off"],
    ])
    expect(discount.choices[2].fields.map((f) => [f.key, f.optional])).toEqual([
      ["value", false],
      ["currency_code", true],
      ["min_subtotal", true],
      ["valid_hours", false],
    ])
    expect(field("stock-feed-sync", "options.location_map")).toMatchObject({
      control: "map",
      key_title: "Location code in the feed",
      value: { control: "text" },
    })
    expect(
      field("payment-recovery", "options.provider_cadence_minutes")
    ).toMatchObject({ control: "map", value: { control: "list" } })
    expect(field("shipment-tracking", "options.routing")).toMatchObject({
      control: "rows",
      item_title: "Rule",
    })
    const auth = field("stock-feed-sync", "options.auth")
    expect(auth.control).toBe("choice")
    if (auth.control !== "choice") return
    expect(auth.choices.map((c) => c.value)).toEqual([
      "none",
      "basic",
      "bearer",
    ])
    expect(auth.choices[1].fields.map((f) => f.path)).toEqual([
      "options.auth.username",
      "options.auth.password",
    ])
    const providers = field("shipment-tracking", "options.providers")
    expect(providers).toMatchObject({ control: "section", layout: "cards" })
    if (providers.control !== "section") return
    expect(providers.fields.map((f) => f.title)).toEqual([
      "AfterShip",
      "EasyPost",
      "Shippo",
      "17TRACK",
      "Sandbox",
    ])
  })

  it.each(JOB_NAMES)(
    "marks every credential of %s as a secret (the keys the API masks)",
    (name) => {
      for (const f of allFields(formOf(name).fields)) {
        const isSecretKey = SECRET_KEYS.has(f.key)
        if (f.control === "text") expect(f.secret).toBe(isSecretKey)
        else expect(isSecretKey).toBe(false)
      }
    }
  )
})

describe("job readiness", () => {
  it("is ready by default for the jobs that need nothing", () => {
    for (const name of [
      "payment-recovery",
      "restock-alerts",
      "cart-reminders",
      "cart-pruning",
      "inventory-reconciliation",
    ] as const) {
      expect(jobReadiness(name, defaults(name))).toEqual({
        ready: true,
        missing: [],
      })
    }
  })

  it("payment recovery needs at least one provider", () => {
    expect(
      jobReadiness("payment-recovery", {
        ...defaults("payment-recovery"),
        providers: [],
      }).missing
    ).toEqual([
      {
        path: "options.providers",
        message: "Name at least one payment provider to recover payments for",
      },
    ])
  })

  it("stock feed sync needs a URL and a stock location", () => {
    const base = defaults("stock-feed-sync")
    expect(
      jobReadiness("stock-feed-sync", base).missing.map((m) => m.path)
    ).toEqual(["options.url", "options.default_location_id"])
    expect(jobReadiness("stock-feed-sync", base).missing[0].message).toBe(
      "Add the feed URL"
    )
    expect(
      jobReadiness("stock-feed-sync", {
        ...base,
        url: "https://feed.example/stock.csv",
        location_map: { A: "sloc_1" },
      })
    ).toEqual({ ready: true, missing: [] })
    expect(
      jobReadiness("stock-feed-sync", {
        ...base,
        url: "https://feed.example/stock.csv",
        default_location_id: "sloc_1",
      }).ready
    ).toBe(true)
  })

  it("shipment tracking needs a usable carrier and a way to pick it", () => {
    const base = defaults("shipment-tracking")
    expect(
      jobReadiness("shipment-tracking", base).missing.map((m) => m.path)
    ).toEqual(["options.providers", "options.default_provider"])
    const withKey = JOB_CATALOG["shipment-tracking"].optionsSchema.parse({
      providers: { aftership: { api_key: "k".repeat(20) } },
    }) as Record<string, unknown>
    expect(
      jobReadiness("shipment-tracking", withKey).missing.map((m) => m.path)
    ).toEqual(["options.default_provider"])
    expect(
      jobReadiness("shipment-tracking", {
        ...withKey,
        default_provider: "aftership",
      }).ready
    ).toBe(true)
    const sandboxRouted = JOB_CATALOG["shipment-tracking"].optionsSchema.parse({
      providers: { sandbox: { enabled: true } },
      routing: [{ provider: "sandbox" }],
    }) as Record<string, unknown>
    expect(jobReadiness("shipment-tracking", sandboxRouted).ready).toBe(true)
  })
})
