import { model } from "@medusajs/framework/utils"
import { TOKEN_PURPOSES } from "../../../types"

/**
 * A token sent in a message link (confirm, unsubscribe, restock alert, cart
 * recovery, parcel tracking page). Only its SHA-256 hash is stored; the token itself is random
 * (256 bits) and exists only in the message.
 */
export const Token = model
  .define("autopilot_token", {
    id: model.id({ prefix: "aptok" }).primaryKey(),
    hash: model.text(),
    purpose: model.enum([...TOKEN_PURPOSES]),
    /** The record the token acts on (a subscription id, a cart id…). */
    subject_id: model.text(),
    expires_at: model.dateTime().nullable(),
    used_at: model.dateTime().nullable(),
  })
  .indexes([
    {
      name: "IDX_autopilot_token_hash_unique",
      on: ["hash"],
      unique: true,
      where: "deleted_at IS NULL",
    },
    { name: "IDX_autopilot_token_subject", on: ["subject_id", "purpose"] },
  ])
