import Medusa from "@medusajs/js-sdk"

/**
 * The one js-sdk client of the plugin's admin extensions. It rides on the
 * dashboard's session cookie, so every call is made as the signed-in user.
 */
export const sdk = new Medusa({
  baseUrl: __BACKEND_URL__ || "/",
  debug: import.meta.env.DEV,
  auth: { type: "session" },
})
