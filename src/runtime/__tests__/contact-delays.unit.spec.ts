import type { MedusaContainer } from "@medusajs/framework/types"
import { contactDelays, marketingLogKey } from "../contact-rules"

/** A container whose plugin service holds these marketing send logs. */
function containerWith(
  logs: Record<string, { at: string; key: string }[]>
): MedusaContainer {
  const service = {
    listStates: async ({ key }: { key: string[] }) =>
      key
        .filter((k) => logs[k])
        .map((k) => ({ id: `state_${k}`, key: k, value: { sent: logs[k] } })),
  }
  return { resolve: () => service } as unknown as MedusaContainer
}

const alert = (to: string, key: string) => ({
  name: "autopilot.restock.available" as const,
  to,
  idempotencyKey: key,
})
const shipped = (to: string, key: string) => ({
  name: "autopilot.shipment.shipped" as const,
  to,
  idempotencyKey: key,
})

describe("contactDelays", () => {
  const at = new Date("2026-12-06T12:00:00Z")

  it("outside the window defers every marketing message, never a transactional one", async () => {
    const out = await contactDelays(
      containerWith({}),
      {
        contactWindow: { start: "08:00", end: "10:00", time_zone: "UTC" },
        marketingCap: undefined,
      },
      [
        shipped("a@x.com", "s1"),
        alert("a@x.com", "r1"),
        alert("b@x.com", "r2"),
      ],
      at
    )
    expect(out[0]).toBeNull()
    expect(out[1]?.until).toEqual(new Date("2026-12-07T08:00:00Z"))
    expect(out[2]?.until).toEqual(new Date("2026-12-07T08:00:00Z"))
  })

  it("the cap counts the log and earlier messages of the same batch, in order", async () => {
    const earlier = new Date(at.getTime() - 3_600_000).toISOString()
    const out = await contactDelays(
      containerWith({
        [marketingLogKey("a@x.com")]: [{ at: earlier, key: "old" }],
      }),
      { contactWindow: undefined, marketingCap: { max: 2, per_hours: 24 } },
      [
        alert("a@x.com", "r1"),
        alert("A@x.com", "r2"),
        alert("b@x.com", "r3"),
        alert("b@x.com", "r4"),
        alert("b@x.com", "r5"),
        shipped("b@x.com", "s1"),
      ],
      at
    )
    expect(out.map((o) => (o ? "wait" : "send"))).toEqual([
      "send",
      "wait",
      "send",
      "send",
      "wait",
      "send",
    ])
  })
})
