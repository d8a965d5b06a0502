// npm run token -- create --role staff|admin [--label name] | list | revoke <id>
// Tokens live in the store, hashed; a new token is printed once and never again.
import { parseArgs } from 'node:util'
import { createToken, isRole, listTokens, revokeToken } from '../server/auth/tokens.ts'
import { ConfigError, loadConfig } from '../server/config.ts'
import { openDatabase } from '../server/db/open-database.ts'
import { StoreBusyError } from '../server/db/store-lock.ts'

const USAGE = `usage: npm run token -- create --role staff|admin [--label <name>]
       npm run token -- list
       npm run token -- revoke <id>`

class UsageError extends Error {}

async function main(): Promise<number> {
  const parsed = (() => {
    try {
      return parseArgs({
        allowPositionals: true,
        options: {
          role: { type: 'string' },
          label: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      })
    } catch (error) {
      throw new UsageError((error as Error).message)
    }
  })()
  const { values, positionals } = parsed
  const [command, ...rest] = positionals
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  if (command === 'create' && !isRole(values.role ?? ''))
    throw new UsageError('create needs --role staff or --role admin')
  if (command === 'revoke' && !/^\d+$/.test(rest[0] ?? ''))
    throw new UsageError('revoke needs the id of a token (see list)')
  if (!['create', 'list', 'revoke'].includes(command ?? ''))
    throw new UsageError(command ? `unknown command ${command}` : 'name a command')

  const config = loadConfig()
  let opened: Awaited<ReturnType<typeof openDatabase>>
  try {
    opened = await openDatabase(config)
  } catch (error) {
    if (error instanceof StoreBusyError)
      throw new Error(
        `the embedded store ${config.DATA_DIR} is held by process ${error.owner.pid}` +
          (error.owner.url ? ` (the server at ${error.owner.url})` : '') +
          '. Tokens are kept in the store: stop that process, manage the tokens, then start it again',
      )
    throw error
  }
  const { db, lock } = opened
  try {
    if (command === 'create') {
      const token = await createToken(db, values.role as 'staff' | 'admin', values.label)
      console.log(
        `created token #${token.id} (${token.role}${token.label ? `, ${token.label}` : ''}):\n\n  ${token.token}\n`,
      )
      console.log('Keep it now: only its hash is stored, so it cannot be shown again.')
    } else if (command === 'list') {
      const tokens = await listTokens(db)
      if (tokens.length === 0) console.log('no tokens')
      for (const t of tokens)
        console.log(
          `#${t.id}\t${t.role}\t${t.label ?? '-'}\tcreated ${new Date(t.created_at).toISOString()}` +
            (t.revoked_at ? `\trevoked ${new Date(t.revoked_at).toISOString()}` : ''),
        )
    } else {
      const id = Number(rest[0])
      if (!(await revokeToken(db, id))) throw new Error(`no live token #${id}`)
      console.log(`revoked token #${id}`)
    }
    return 0
  } finally {
    await db.close()
    lock?.release()
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof UsageError) {
      console.error(`error: ${error.message}\n${USAGE}`)
      process.exit(2)
    }
    console.error(
      `error: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}`,
    )
    process.exit(1)
  },
)
