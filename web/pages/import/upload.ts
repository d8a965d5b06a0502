// POST /api/import with upload progress: fetch cannot report how much of a request body has gone,
// XMLHttpRequest's upload events can.
import { ApiError } from '../../api-client.ts'
import { t } from '../../i18n/index.ts'

/**
 * Sends `form` to /api/import with the bearer `token`; `onProgress(fraction)` follows the upload
 * (0…1). Resolves to the import report; rejects with ApiError carrying the server's own message.
 */
export function postImport<T>(
  form: FormData,
  token: string,
  onProgress: (fraction: number) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', '/api/import')
    xhr.setRequestHeader('authorization', `Bearer ${token}`)
    xhr.setRequestHeader('accept', 'application/json')
    xhr.responseType = 'json'
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total)
    })
    xhr.addEventListener('load', () => {
      const body = xhr.response as { error?: { code?: string; message?: string } } | null
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T)
      else
        reject(
          new ApiError(
            xhr.status,
            body?.error?.code ?? 'http',
            body?.error?.message ?? `${t('error.generic')} (HTTP ${xhr.status})`,
          ),
        )
    })
    xhr.addEventListener('error', () => reject(new ApiError(0, 'network', t('error.network'))))
    xhr.send(form)
  })
}
