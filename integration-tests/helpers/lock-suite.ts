import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { overrideJobHandler } from "../../src/runtime/registry"
import { executeRun, jobLockKey } from "../../src/runtime/runner"
import { autopilotService } from "../../src/runtime/settings"
import { gate, waitFor } from "./wait"

/**
 * The job lock's contract, run against whichever locking provider the
 * booted app has: one run at a time, and a dead holder's lock taken over.
 */
export function lockContract(getContainer: () => MedusaContainer) {
  afterEach(() => overrideJobHandler("restock-alerts", undefined))

  it("lets one of two concurrent runs run and re-queues the other", async () => {
    const container = getContainer()
    const service = autopilotService(container)
    const release = gate()
    let entered = 0
    overrideJobHandler("restock-alerts", async () => {
      entered += 1
      await release.wait
    })
    const [a, b] = await Promise.all(
      [1, 2].map(() =>
        service.createJobRuns({
          job_name: "restock-alerts",
          trigger: "manual",
          status: "queued",
        })
      )
    )
    const first = executeRun(container, a.id)
    try {
      await waitFor(
        () => service.retrieveJobRun(a.id),
        (r) => r.status === "running",
        { what: "the first run to hold the lock" }
      )
      const second = await executeRun(container, b.id)
      expect(second.status).toBe("queued")
    } finally {
      release.open()
    }
    expect((await first).status).toBe("succeeded")
    expect(entered).toBe(1)
    expect((await executeRun(container, b.id)).status).toBe("succeeded")
    expect(entered).toBe(2)
  })

  it("takes over a lock whose holder stopped sending heartbeats", async () => {
    const container = getContainer()
    const service = autopilotService(container)
    const locking = container.resolve(Modules.LOCKING)
    const dead = await service.createJobRuns({
      job_name: "restock-alerts",
      trigger: "schedule",
      status: "running",
      heartbeat_at: new Date(Date.now() - 60 * 60_000),
      instance: "crashed:1",
    })
    await locking.acquire(jobLockKey("restock-alerts"), {
      ownerId: dead.id,
      expire: 3600,
    })
    const fresh = await service.createJobRuns({
      job_name: "restock-alerts",
      trigger: "manual",
      status: "queued",
    })
    expect((await executeRun(container, fresh.id)).status).toBe("succeeded")
    const buried = await service.retrieveJobRun(dead.id)
    expect(buried.status).toBe("failed")
    expect(buried.error).toMatch(/crashed:1\) stopped: no heartbeat/)
    // The run released the lock it took over when it ended.
    await expect(
      locking.acquire(jobLockKey("restock-alerts"), { ownerId: "probe" })
    ).resolves.not.toThrow()
    await locking.release(jobLockKey("restock-alerts"), { ownerId: "probe" })
  })

  it("closes a dead run whose lock already expired", async () => {
    const container = getContainer()
    const service = autopilotService(container)
    const dead = await service.createJobRuns({
      job_name: "restock-alerts",
      trigger: "schedule",
      status: "running",
      heartbeat_at: new Date(Date.now() - 60 * 60_000),
      instance: "killed:9",
    })
    const fresh = await service.createJobRuns({
      job_name: "restock-alerts",
      trigger: "manual",
      status: "queued",
    })
    expect((await executeRun(container, fresh.id)).status).toBe("succeeded")
    const buried = await service.retrieveJobRun(dead.id)
    expect(buried.status).toBe("failed")
    expect(buried.error).toMatch(/killed:9\) stopped: no heartbeat/)
  })
}
