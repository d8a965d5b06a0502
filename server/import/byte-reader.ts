// Sequential reads from a file in large chunks, so a 1 GB shapefile streams through a few MB of
// memory and a record costs a slice of a buffer, not a system call.
import { type FileHandle, open } from 'node:fs/promises'

const CHUNK = 4 << 20

export class ByteReader {
  private buffer = Buffer.alloc(0)
  private offset = 0
  /** Bytes of the file consumed so far (for progress and error messages). */
  position = 0
  private eof = false

  private constructor(
    private readonly handle: FileHandle,
    readonly size: number,
  ) {}

  static async open(path: string): Promise<ByteReader> {
    const handle = await open(path, 'r')
    try {
      const { size } = await handle.stat()
      return new ByteReader(handle, size)
    } catch (error) {
      await handle.close()
      throw error
    }
  }

  get remaining(): number {
    return this.size - this.position
  }

  /**
   * Exactly n bytes, or fewer at the end of the file (empty there). The slice stays valid after
   * later reads: each refill allocates a fresh buffer rather than overwriting this one.
   */
  async read(n: number): Promise<Buffer> {
    if (this.buffer.length - this.offset < n && !this.eof) await this.fill(n)
    const end = Math.min(this.offset + n, this.buffer.length)
    const slice = this.buffer.subarray(this.offset, end)
    this.position += end - this.offset
    this.offset = end
    return slice
  }

  /** The next n bytes (fewer at the end of the file) without consuming them. */
  async peek(n: number): Promise<Buffer> {
    if (this.buffer.length - this.offset < n && !this.eof) await this.fill(n)
    return this.buffer.subarray(this.offset, Math.min(this.offset + n, this.buffer.length))
  }

  async skip(n: number): Promise<void> {
    let left = n
    while (left > 0) {
      const got = await this.read(Math.min(left, CHUNK))
      if (got.length === 0) return
      left -= got.length
    }
  }

  private async fill(n: number) {
    const kept = this.buffer.length - this.offset
    const next = Buffer.allocUnsafe(Math.max(CHUNK, n))
    this.buffer.copy(next, 0, this.offset)
    let filled = kept
    while (filled < n) {
      const { bytesRead } = await this.handle.read(next, filled, next.length - filled, null)
      if (bytesRead === 0) {
        this.eof = true
        break
      }
      filled += bytesRead
    }
    this.buffer = next.subarray(0, filled)
    this.offset = 0
  }

  async close() {
    await this.handle.close()
  }
}
