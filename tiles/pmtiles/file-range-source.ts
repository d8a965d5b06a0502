// The pmtiles reader's byte Source over a local file: the reader ships sources for fetch() and the
// browser's File only. One file handle is kept open; reads past the end return what exists, as an
// HTTP range would (the reader asks for the first 16 KiB even of smaller archives).
import { type FileHandle, open } from 'node:fs/promises'
import type { RangeResponse, Source } from 'pmtiles'

export class FileRangeSource implements Source {
  private handle: Promise<FileHandle> | undefined

  /** @param etag passed to the reader with every range so that its caches key on this version. */
  constructor(
    readonly path: string,
    private readonly etag?: string,
  ) {}

  getKey(): string {
    return this.path
  }

  /** `length` bytes from `offset`, fewer at the end of the file; the signal is checked before reading. */
  async getBytes(offset: number, length: number, signal?: AbortSignal): Promise<RangeResponse> {
    signal?.throwIfAborted()
    this.handle ??= open(this.path, 'r')
    const data = new Uint8Array(length)
    const { bytesRead } = await (await this.handle).read(data, 0, length, offset)
    return { data: data.buffer.slice(0, bytesRead), etag: this.etag }
  }

  /** Closes the file handle (a later read reopens it). */
  async close(): Promise<void> {
    const handle = this.handle
    this.handle = undefined
    await (await handle)?.close()
  }
}
