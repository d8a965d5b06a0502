// Listening, kept apart from createApp so tests drive the app in-process. Node's HTTP parser
// refuses some requests before Express sees them (a request line and headers over
// http.maxHeaderSize, a malformed request, a header timeout) and answers with no body; here they
// get the API's {error: {code, message}} with a code that matches the status.
import { createServer, maxHeaderSize, type Server, STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Express } from 'express'
import { errorCodeFor } from './error-handler.ts'
import { beforeExpress, type FastPath } from './fast-path.ts'

/** The status and our words for the parser errors a client can cause (Node's error codes). */
function parserRefusal(code: string | undefined): [number, string] {
  if (code === 'HPE_HEADER_OVERFLOW') {
    const kb = Math.round(maxHeaderSize / 1024)
    return [431, `the request line and headers are over ${kb} KB; send long inputs in a POST body`]
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return [408, 'the request did not arrive in time']
  return [400, 'the request is not well-formed HTTP/1.1']
}

/** Answers on the socket itself: the request never became an Express request. */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // The client has gone (ECONNRESET) or the socket is closing: there is no one to answer.
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy()
    return
  }
  const [status, message] = parserRefusal(error.code)
  const body = JSON.stringify({ error: { code: errorCodeFor(status), message } })
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  )
}

/**
 * Starts listening on `host`:`port` (0: any free port) and returns the server at once; wait for
 * its 'listening' event. Requests Node refuses before Express get JSON error bodies too.
 */
export function listen(app: Express, port: number, host: string): Server {
  // A request the app's lean paths answer (a warm tile, a locate from the index: fast-path.ts)
  // skips Express's set-up.
  const fastPath = app.get('fast path') as FastPath | undefined
  const server = createServer(
    fastPath ? (req, res) => beforeExpress(fastPath, req, res, () => app(req, res)) : app,
  )
  server.listen(port, host)
  server.on('clientError', answerClientError)
  return server
}
