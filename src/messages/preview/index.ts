/**
 * The admin Messages page's server side: the list, a preview filled with
 * the shop's own catalog, and a test send to the signed-in admin. Routes in
 * `src/api/admin/autopilot/messages/` only validate and call these.
 */
export { listMessages } from "./list"
export { previewMessage } from "./preview"
export { sendTestMessage } from "./test-send"
export { isNotificationName } from "./names"
