import { mapAfterShip } from "../aftership/mapping"
import { mapEasyPost } from "../easypost/mapping"
import { mapSeventeenTrack } from "../seventeen-track/mapping"
import { mapShippo } from "../shippo/mapping"

describe("status mapping per provider", () => {
  it("AfterShip: tags and the return sub-statuses", () => {
    expect(mapAfterShip("Pending")).toBe("pending")
    expect(mapAfterShip("InfoReceived")).toBe("info_received")
    expect(mapAfterShip("InTransit", "InTransit_007")).toBe("in_transit")
    expect(mapAfterShip("OutForDelivery")).toBe("out_for_delivery")
    expect(mapAfterShip("AvailableForPickup")).toBe("available_for_pickup")
    expect(mapAfterShip("AttemptFail")).toBe("attempt_failed")
    expect(mapAfterShip("Delivered", "Delivered_003")).toBe("delivered")
    expect(mapAfterShip("Exception", "Exception_002")).toBe("exception")
    expect(mapAfterShip("Exception", "Exception_010")).toBe(
      "returned_to_sender"
    )
    expect(mapAfterShip("Exception", "Exception_011")).toBe(
      "returned_to_sender"
    )
    expect(mapAfterShip("Expired")).toBe("expired")
    expect(mapAfterShip("SomethingNew")).toBe("pending")
  })

  it("EasyPost: tracker statuses", () => {
    expect(mapEasyPost("unknown")).toBe("pending")
    expect(mapEasyPost("pre_transit")).toBe("info_received")
    expect(mapEasyPost("in_transit")).toBe("in_transit")
    expect(mapEasyPost("out_for_delivery")).toBe("out_for_delivery")
    expect(mapEasyPost("available_for_pickup")).toBe("available_for_pickup")
    expect(mapEasyPost("delivered")).toBe("delivered")
    expect(mapEasyPost("return_to_sender")).toBe("returned_to_sender")
    expect(mapEasyPost("failure")).toBe("exception")
    expect(mapEasyPost("failure", "delivery_attempted")).toBe("attempt_failed")
    expect(mapEasyPost("cancelled")).toBe("exception")
    expect(mapEasyPost("error")).toBe("exception")
  })

  it("Shippo: statuses refined by substatus", () => {
    expect(mapShippo("UNKNOWN")).toBe("pending")
    expect(mapShippo("PRE_TRANSIT")).toBe("info_received")
    expect(mapShippo("TRANSIT")).toBe("in_transit")
    expect(mapShippo("TRANSIT", "out_for_delivery")).toBe("out_for_delivery")
    expect(mapShippo("TRANSIT", "pickup_available")).toBe(
      "available_for_pickup"
    )
    expect(mapShippo("DELIVERED", "out_for_delivery")).toBe("delivered")
    expect(mapShippo("RETURNED")).toBe("returned_to_sender")
    expect(mapShippo("FAILURE")).toBe("exception")
    expect(mapShippo("FAILURE", "delivery_attempted")).toBe("attempt_failed")
  })

  it("17TRACK: main statuses and return sub-statuses", () => {
    expect(mapSeventeenTrack("NotFound")).toBe("pending")
    expect(mapSeventeenTrack("InfoReceived")).toBe("info_received")
    expect(mapSeventeenTrack("InTransit", "InTransit_CustomsProcessing")).toBe(
      "in_transit"
    )
    expect(mapSeventeenTrack("OutForDelivery")).toBe("out_for_delivery")
    expect(mapSeventeenTrack("AvailableForPickup")).toBe("available_for_pickup")
    expect(
      mapSeventeenTrack("DeliveryFailure", "DeliveryFailure_InvalidAddress")
    ).toBe("attempt_failed")
    expect(mapSeventeenTrack("Delivered")).toBe("delivered")
    expect(mapSeventeenTrack("Exception", "Exception_Returned")).toBe(
      "returned_to_sender"
    )
    expect(mapSeventeenTrack("Exception", "Exception_Returning")).toBe(
      "returned_to_sender"
    )
    expect(mapSeventeenTrack("Exception", "Exception_Lost")).toBe("exception")
    expect(mapSeventeenTrack("Expired")).toBe("expired")
  })
})
