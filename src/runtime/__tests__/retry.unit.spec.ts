import { backoffDelayMs, JITTER } from "../retry"

const MINUTE = 60_000
const policy = {
  max_attempts: 5,
  first_delay_minutes: 5,
  max_delay_minutes: 360,
}

describe("backoffDelayMs", () => {
  it("doubles from the first delay", () => {
    const mid = () => 0.5 // no jitter
    expect([1, 2, 3, 4].map((a) => backoffDelayMs(a, policy, mid))).toEqual([
      5 * MINUTE,
      10 * MINUTE,
      20 * MINUTE,
      40 * MINUTE,
    ])
  })

  it("spreads each delay by at most ±20 %", () => {
    for (const attempts of [1, 2, 3]) {
      const base = 5 * MINUTE * 2 ** (attempts - 1)
      expect(backoffDelayMs(attempts, policy, () => 0)).toBe(
        base * (1 - JITTER)
      )
      expect(
        backoffDelayMs(attempts, policy, () => 0.999999)
      ).toBeLessThanOrEqual(base * (1 + JITTER))
      for (let i = 0; i < 200; i++) {
        const d = backoffDelayMs(attempts, policy)
        expect(d).toBeGreaterThanOrEqual(base * (1 - JITTER))
        expect(d).toBeLessThanOrEqual(base * (1 + JITTER))
      }
    }
  })

  it("never waits longer than the cap, jitter included", () => {
    for (let i = 0; i < 100; i++) {
      expect(backoffDelayMs(20, policy)).toBeLessThanOrEqual(360 * MINUTE)
    }
    expect(backoffDelayMs(20, policy, () => 0)).toBe(
      360 * MINUTE * (1 - JITTER)
    )
  })
})
