/**
 * The time every part of the runtime reads. Tests swap it for a
 * {@link ManualClock} to move time forward (schedules, staleness, heartbeats)
 * without waiting.
 */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

let current: Clock = systemClock

export function now(): Date {
  return current.now()
}

export function setClock(clock: Clock): void {
  current = clock
}

export function resetClock(): void {
  current = systemClock
}

/** A clock that stands still until told to move. */
export class ManualClock implements Clock {
  private time: number

  constructor(start: Date | string = new Date()) {
    this.time = new Date(start).getTime()
  }

  now(): Date {
    return new Date(this.time)
  }

  set(to: Date | string): void {
    this.time = new Date(to).getTime()
  }

  advance(ms: number): void {
    this.time += ms
  }
}
