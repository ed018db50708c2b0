/** The Medusa scheduled jobs tick this often and decide whether a job is due. */
export const TICK_MS = Number(process.env.AUTOPILOT_TICK_MS || 30_000)
