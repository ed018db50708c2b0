import { postAsList } from "../../../../utils/post-as-list"
import { GET as listSubscriptions } from "../route"

/**
 * `POST /admin/autopilot/restock-subscriptions/search`: the signups list
 * with its filters in the body, so a searched email (`q`) never appears in
 * a URL. Same answer as `GET /admin/autopilot/restock-subscriptions`.
 */
export const POST = postAsList(listSubscriptions)
