import { at, sqlSuite, time } from "./sql-suite"

jest.setTimeout(60_000)

sqlSuite(({ service, sql, insert }) => {
  const run = (id: string, row: Record<string, unknown> = {}) =>
    insert("autopilot_job_run", {
      id,
      job_name: "cart-pruning",
      trigger: "manual",
      status: "succeeded",
      ...row,
    })
  const statusOf = async (id: string) =>
    (await sql(`select * from autopilot_job_run where id = ?`, [id]))[0]

  describe("claimQueuedRun", () => {
    it("moves a queued run to running for the first caller only", async () => {
      await run("run_q", { status: "queued" })

      expect(await service.claimQueuedRun("run_q", "inst-a", at(1))).toBe(true)
      expect(await service.claimQueuedRun("run_q", "inst-b", at(2))).toBe(false)

      const row = await statusOf("run_q")
      expect(row).toMatchObject({ status: "running", instance: "inst-a" })
      expect(time(row.started_at)).toEqual(at(1))
      expect(time(row.heartbeat_at)).toEqual(at(1))
    })

    it("lets exactly one of several concurrent callers claim a run", async () => {
      await run("run_race", { status: "queued" })

      const results = await Promise.all(
        ["a", "b", "c", "d"].map((i) =>
          service.claimQueuedRun("run_race", `inst-${i}`, at(1))
        )
      )

      expect(results.filter(Boolean)).toHaveLength(1)
      const winner = `inst-${["a", "b", "c", "d"][results.indexOf(true)]}`
      expect((await statusOf("run_race")).instance).toBe(winner)
    })

    it("refuses runs that are not queued, soft-deleted or unknown", async () => {
      await run("run_done", { status: "succeeded" })
      await run("run_gone", { status: "queued", deleted_at: at(0) })

      expect(await service.claimQueuedRun("run_done", "i", at(1))).toBe(false)
      expect(await service.claimQueuedRun("run_gone", "i", at(1))).toBe(false)
      expect(await service.claimQueuedRun("run_none", "i", at(1))).toBe(false)
      expect(await statusOf("run_done")).toMatchObject({
        status: "succeeded",
        instance: null,
      })
      expect(await statusOf("run_gone")).toMatchObject({
        status: "queued",
        instance: null,
      })
    })
  })

  describe("pruneJobRuns", () => {
    const ids = async () =>
      (
        await sql<{ id: string }>(
          `select id from autopilot_job_run order by id`
        )
      ).map((r) => r.id)

    beforeEach(async () => {
      // Oldest first: a queued and a running run, then six finished ones.
      await run("r0_queued", { status: "queued", created_at: at(0) })
      await run("r0_running", { status: "running", created_at: at(0) })
      for (const n of [1, 2, 3, 4, 5, 6]) {
        await run(`r${n}`, {
          status: n % 2 ? "succeeded" : "failed",
          created_at: at(n),
        })
      }
      // Another job's old run is never this job's to prune.
      await run("other_1", { job_name: "cart-reminders", created_at: at(0) })
    })

    it("keeps the newest runs, the protected ones, queued and running", async () => {
      expect(await service.pruneJobRuns("cart-pruning", 2, ["r1"])).toBe(3)

      expect(await ids()).toEqual([
        "other_1",
        "r0_queued",
        "r0_running",
        "r1",
        "r5",
        "r6",
      ])
    })

    it("deletes nothing more when run again (idempotent)", async () => {
      await service.pruneJobRuns("cart-pruning", 2, ["r1"])

      expect(await service.pruneJobRuns("cart-pruning", 2, ["r1"])).toBe(0)
      expect(await ids()).toHaveLength(6)
    })

    it("with keep 0 and nothing protected, deletes every finished run of the job", async () => {
      expect(await service.pruneJobRuns("cart-pruning", 0, [])).toBe(6)

      expect(await ids()).toEqual(["other_1", "r0_queued", "r0_running"])
    })

    it("counts queued and running runs among the newest it keeps", async () => {
      await run("r7_running", { status: "running", created_at: at(7) })

      // keep 2 = r7_running and r6: r1…r5 go, the running run stays.
      expect(await service.pruneJobRuns("cart-pruning", 2, [])).toBe(5)
      expect(await ids()).toEqual([
        "other_1",
        "r0_queued",
        "r0_running",
        "r6",
        "r7_running",
      ])
    })
  })
})
