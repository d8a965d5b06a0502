// CSV for COPY: an unquoted empty field is NULL, a quoted one is the empty string.

export function csvField(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  if (typeof value === 'boolean') return value ? 't' : 'f'
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text.includes('"') ? `"${text.replaceAll('"', '""')}"` : `"${text}"`
}

export const csvRow = (values: readonly unknown[]) => `${values.map(csvField).join(',')}\n`
