import { postAsList } from "../../../../utils/post-as-list"
import { GET as listLeads } from "../route"

/**
 * `POST /admin/autopilot/leads/search`: the leads list with its filters in
 * the body, so a searched email (`q`) never appears in a URL. Same answer
 * as `GET /admin/autopilot/leads`, CSV included (`format: "csv"` or
 * `Accept: text/csv`).
 */
export const POST = postAsList(listLeads)
