// Version reads shared between concurrent locate requests (issue 14 §3, the server engine).
// Each request must see the data versions as they are after it arrived, or an import a client just
// saw commit could be answered from the old index. One read per request costs a round trip each;
// sharing a read that is already running would be cheaper but unsafe, as its snapshot may predate
// the request. So a caller joins the read that starts after the running one ends: every caller that
// arrives meanwhile shares it, and at most one read is in flight, however many requests wait.

/**
 * Coalesces calls of `readOnce` so that each `read()` resolves with the result of a call that
 * started no earlier than that `read()` — the guarantee of calling `readOnce` itself — while at
 * most one call runs at a time and the callers arriving during a call share the next one.
 * Input: `readOnce`, any async read. Output: its value; rejects with its error (only the callers
 * sharing that call see it).
 */
export class SharedRead<T> {
  private running: Promise<T> | null = null
  private queued: Promise<T> | null = null

  constructor(private readonly readOnce: () => Promise<T>) {}

  read(): Promise<T> {
    if (!this.running) return this.start()
    if (!this.queued) {
      const settled = this.running.then(
        () => undefined,
        () => undefined,
      )
      this.queued = settled.then(() => {
        this.queued = null
        return this.start()
      })
    }
    return this.queued
  }

  private start(): Promise<T> {
    const call = this.readOnce().finally(() => {
      if (this.running === call) this.running = null
    })
    this.running = call
    return call
  }
}
