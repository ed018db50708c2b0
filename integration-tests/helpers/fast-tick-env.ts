// Imported first by specs that watch Medusa's real scheduler drive the jobs.
process.env.AUTOPILOT_TICK_MS = "300"
export {}
