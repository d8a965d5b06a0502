// The hand-over between the encoder (JavaScript reading and encoding the source) and the
// loader (COPY and SQL on the connection), so that each works while the other does.
import type { StagingChunk } from './staging-chunks.ts'

/** Chunks encoded ahead of the COPY: about three batches, so memory stays bounded. */
export const MAX_AHEAD = 24

/**
 * Encoded chunks between the encoder (JavaScript, reading the source) and the loader (COPY
 * and settle on the connection). Each side waits only when the other is behind.
 */
export class ChunkQueue {
  private readonly items: StagingChunk[] = []
  private wakeTaker: (() => void) | null = null
  private wakeGiver: (() => void) | null = null
  private ended = false
  private failure: { error: unknown } | null = null
  stopped = false

  give(chunk: StagingChunk) {
    this.items.push(chunk)
    this.wake()
  }
  end(failure?: { error: unknown }) {
    this.ended = true
    this.failure = failure ?? null
    this.wake()
  }
  stop() {
    this.stopped = true
    this.wake()
  }
  async room() {
    while (this.items.length >= MAX_AHEAD && !this.stopped)
      await new Promise<void>((r) => (this.wakeGiver = r))
  }
  async take(): Promise<StagingChunk | null> {
    while (this.items.length === 0) {
      if (this.failure) throw this.failure.error
      if (this.ended) return null
      await new Promise<void>((r) => (this.wakeTaker = r))
    }
    const chunk = this.items.shift()!
    this.wakeGiver?.()
    this.wakeGiver = null
    return chunk
  }
  private wake() {
    this.wakeTaker?.()
    this.wakeTaker = null
    this.wakeGiver?.()
    this.wakeGiver = null
  }
}

/** Lets the event loop run: the encoder's awaits are mostly microtasks, which would starve I/O. */
export const turn = () => new Promise<void>((resolve) => setImmediate(resolve))
