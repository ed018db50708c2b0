// Imported first by specs that drive ticks themselves: Medusa's own timers
// for the plugin's jobs then fire only after an hour, not during the test.
// (Set on every import: env outlives a spec file under --runInBand.)
process.env.AUTOPILOT_TICK_MS = "3600000"
export {}
