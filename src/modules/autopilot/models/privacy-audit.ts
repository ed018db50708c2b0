import { model } from "@medusajs/framework/utils"
import { PRIVACY_AUDIT_ACTIONS } from "../../../types"

/**
 * One answer to a data request about a person: an export or an erasure,
 * who asked, and how many rows each table gave or lost. It never holds the
 * email: `subject_hash` is a keyed hash (HMAC-SHA256 with a per-shop secret
 * kept in `autopilot_state`), so the shop can later show that a given person
 * was erased — by hashing the address they give again — without keeping the
 * address itself.
 */
export const PrivacyAudit = model
  .define("autopilot_privacy_audit", {
    id: model.id({ prefix: "appriv" }).primaryKey(),
    action: model.enum([...PRIVACY_AUDIT_ACTIONS]),
    /** Admin user id or API key id. */
    actor: model.text().nullable(),
    subject_hash: model.text(),
    /** `{ "<domain>.<table>": rows }` for each table looked at. */
    counts: model.json(),
  })
  .indexes([
    {
      name: "IDX_autopilot_privacy_audit_subject",
      on: ["subject_hash", "created_at"],
    },
  ])
