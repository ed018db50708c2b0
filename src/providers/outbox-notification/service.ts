import { randomBytes } from "node:crypto"
import { mkdir, writeFile } from "node:fs/promises"
import path from "node:path"
import type {
  ProviderSendNotificationDTO,
  ProviderSendNotificationResultsDTO,
} from "@medusajs/framework/types"
import {
  AbstractNotificationProviderService,
  MedusaError,
} from "@medusajs/framework/utils"

export type OutboxNotificationOptions = {
  /** The folder each notification is written to. */
  dir: string
  /** Tests: each send takes this long (a slow provider). */
  delayMs?: number
  /** Tests: sends to these addresses fail (the first `failTimes` of each). */
  failTo?: string[]
  /** Tests: how many sends to each `failTo` address fail; unset: all. */
  failTimes?: number
}

/** A file name part from the notification's template (letters, digits, `.-_`). */
function slug(value: string | null | undefined): string {
  return (value || "notification")
    .replace(/[^A-Za-z0-9._-]+/g, "_")
    .slice(0, 80)
}

/**
 * Writes every notification to a folder instead of sending it: its
 * content's HTML as `<time>-<template>-<id>.html` (when it has content),
 * and the whole notification (recipient, template, data, content) beside
 * it as `.json`. For the demo shop and the tests: a person opens the HTML,
 * a test reads the JSON, which is exactly what a provider is handed.
 */
export default class OutboxNotificationProviderService extends AbstractNotificationProviderService {
  static identifier = "autopilot-outbox"

  protected readonly dir: string
  protected readonly options: OutboxNotificationOptions
  /** Failed sends so far per `failTo` address. */
  protected readonly failed = new Map<string, number>()

  constructor(_deps: unknown, options: OutboxNotificationOptions) {
    super()
    if (!options?.dir) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "The outbox notification provider needs a `dir` option"
      )
    }
    this.dir = path.resolve(options.dir)
    this.options = options
  }

  async send(
    notification: ProviderSendNotificationDTO
  ): Promise<ProviderSendNotificationResultsDTO> {
    const { delayMs, failTo, failTimes } = this.options
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs))
    if (failTo?.includes(notification.to)) {
      const failed = this.failed.get(notification.to) ?? 0
      if (failTimes === undefined || failed < failTimes) {
        this.failed.set(notification.to, failed + 1)
        throw new MedusaError(
          MedusaError.Types.UNEXPECTED_STATE,
          `outbox: refused ${notification.to} (test failure)`
        )
      }
    }
    const id = randomBytes(4).toString("hex")
    const stamp = new Date().toISOString().replace(/[:.]/g, "-")
    const base = path.join(
      this.dir,
      `${stamp}-${slug(notification.template)}-${id}`
    )
    await mkdir(this.dir, { recursive: true })
    await writeFile(
      `${base}.json`,
      JSON.stringify(
        {
          to: notification.to,
          channel: notification.channel,
          template: notification.template,
          data: notification.data ?? null,
          content: notification.content ?? null,
        },
        null,
        2
      )
    )
    if (notification.content?.html) {
      await writeFile(`${base}.html`, notification.content.html)
    }
    return { id: `outbox_${id}` }
  }
}
