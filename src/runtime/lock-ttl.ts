/**
 * How long a job lock lives without a heartbeat; a crashed holder is taken
 * over after it. Its own module so job code can read it without importing
 * the runner (which imports every job through the registry).
 */
export const LOCK_TTL_SECONDS = Number(
  process.env.AUTOPILOT_LOCK_TTL_SECONDS || 120
)
