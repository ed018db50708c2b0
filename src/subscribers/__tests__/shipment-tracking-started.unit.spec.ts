import { startTrackingFulfillment } from "../../features/shipment-tracking/start"
import handler, { config } from "../shipment-tracking-started"

jest.mock("../../features/shipment-tracking/start", () => ({
  startTrackingFulfillment: jest.fn(async () => []),
}))

describe("shipment-tracking-started subscriber", () => {
  it("listens to shipment.created", () => {
    expect(config.event).toBe("shipment.created")
  })

  it("starts tracking the shipped fulfillment, passing no_notification on", async () => {
    const container = {} as never
    await handler({
      event: {
        name: "shipment.created",
        data: { id: "ful_1", no_notification: true },
      },
      container,
      pluginOptions: {},
    } as never)
    expect(startTrackingFulfillment).toHaveBeenCalledWith(
      container,
      "ful_1",
      true
    )
  })

  it("ignores an event without a fulfillment id", async () => {
    ;(startTrackingFulfillment as jest.Mock).mockClear()
    await handler({
      event: { name: "shipment.created", data: {} },
      container: {},
    } as never)
    expect(startTrackingFulfillment).not.toHaveBeenCalled()
  })
})
