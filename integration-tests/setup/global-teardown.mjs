// Stops the embedded PostgreSQL (when one was started) and removes its data.
export default async function globalTeardown() {
  await globalThis.__AUTOPILOT_DB__?.stop()
}
