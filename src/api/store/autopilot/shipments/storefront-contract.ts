/**
 * The request types of the typed storefront client (src/types/storefront.ts,
 * which may not import the routes' validators) must equal what the store
 * routes' validators accept: these aliases fail the typecheck the moment
 * one drifts. Types only; nothing here runs.
 */
import type {
  StoreRestockSubscribeRequest,
  StoreShipmentLookupRequest,
  StoreTokenRequest,
} from "../../../../types"
import type { StoreCreateRestockSubscriptionType } from "../../restock-subscriptions/validators"
import type { StoreAutopilotTokenType } from "../validators"
import type {
  StoreShipmentLookupType,
  StoreShipmentStatusType,
} from "./validators"

type Equals<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2
    ? true
    : false
type Assert<T extends true> = T

export type StorefrontContract = [
  Assert<
    Equals<StoreRestockSubscribeRequest, StoreCreateRestockSubscriptionType>
  >,
  Assert<Equals<StoreTokenRequest, StoreAutopilotTokenType>>,
  Assert<Equals<StoreTokenRequest, StoreShipmentStatusType>>,
  Assert<Equals<StoreShipmentLookupRequest, StoreShipmentLookupType>>,
]
