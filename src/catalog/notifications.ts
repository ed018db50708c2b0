/**
 * Every notification the plugin sends: declared once in `src/types` (the
 * admin and shops import it from there), re-exported here for the server.
 */
export * from "../types/notifications"
