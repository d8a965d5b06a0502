// SharedRead must never hand a caller a value read before the caller asked (the locate index would
// then answer from data an import had already replaced), and must share reads under concurrency.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SharedRead } from '../../server/query/locate-index/shared-read.ts'

/** A store whose version moves by writes; each read samples it when the read starts, then takes a while. */
function store() {
  let version = 0
  let reads = 0
  let inFlight = 0
  let maxInFlight = 0
  const read = async () => {
    reads++
    inFlight++
    maxInFlight = Math.max(maxInFlight, inFlight)
    const seen = version
    await new Promise((r) => setTimeout(r, 1))
    inFlight--
    return seen
  }
  return {
    read,
    write: () => ++version,
    get version() {
      return version
    },
    get reads() {
      return reads
    },
    get maxInFlight() {
      return maxInFlight
    },
  }
}

describe('SharedRead', () => {
  it('gives every caller a value at least as new as the store when it asked, whatever the interleaving', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ write: fc.boolean(), waitMs: fc.integer({ min: 0, max: 2 }) }), {
          minLength: 1,
          maxLength: 40,
        }),
        async (steps) => {
          const s = store()
          const shared = new SharedRead(s.read)
          const checks: Promise<void>[] = []
          for (const step of steps) {
            if (step.write) s.write()
            const askedAt = s.version
            checks.push(
              shared.read().then((seen) => {
                expect(seen).toBeGreaterThanOrEqual(askedAt)
              }),
            )
            if (step.waitMs) await new Promise((r) => setTimeout(r, step.waitMs))
          }
          await Promise.all(checks)
          expect(s.maxInFlight).toBe(1)
        },
      ),
      { numRuns: 60 },
    )
  })

  it('answers 100 simultaneous callers with at most two reads', async () => {
    const s = store()
    const shared = new SharedRead(s.read)
    const first = shared.read()
    const rest = Array.from({ length: 99 }, () => shared.read())
    await Promise.all([first, ...rest])
    // The first caller starts a read; the 99 that arrive while it runs share the one after it.
    expect(s.reads).toBe(2)
  })

  it('passes a failed read to the callers that shared it and recovers for the next', async () => {
    let fail = true
    const shared = new SharedRead(async () => {
      await new Promise((r) => setTimeout(r, 1))
      if (fail) throw new Error('database went away')
      return 7
    })
    await expect(shared.read()).rejects.toThrow('database went away')
    fail = false
    await expect(shared.read()).resolves.toBe(7)
  })
})
