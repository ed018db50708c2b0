import "../helpers/tick-env"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { lockContract } from "../helpers/lock-suite"
import { setPluginOptions } from "../helpers/plugin-options"
import { REDIS_URL, redisAvailableSync } from "../helpers/redis"

jest.setTimeout(120_000)

const available = redisAvailableSync()

if (available) {
  process.env.AUTOPILOT_TEST_LOCKING = "redis"
  setPluginOptions({})
  medusaIntegrationTestRunner({
    testSuite: ({ getContainer }) => {
      afterAll(() => {
        delete process.env.AUTOPILOT_TEST_LOCKING
      })
      describe("job lock on the locking-redis provider", () => {
        lockContract(getContainer)
      })
    },
  })
} else if (process.env.CI === "true") {
  it(`needs a Redis at ${REDIS_URL} under CI`, () => {
    throw new Error(`no Redis answered at ${REDIS_URL}; CI must provide one`)
  })
} else {
  console.warn(
    `[autopilot tests] SKIPPED the locking-redis suite: no Redis at ${REDIS_URL}`
  )
  const skipped = describe.skip
  skipped(
    `job lock on the locking-redis provider (no Redis at ${REDIS_URL})`,
    () => {
      it("is skipped", () => undefined)
    }
  )
}
