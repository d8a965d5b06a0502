// npm run token -- create --role staff|admin [--label name] | list | revoke <id>
// Tokens live in the store, hashed; a new token is printed once and never again.
import { parseArgs } from 'node:util'
import { createToken, isRole, listTokens, revokeToken } from '../server/auth/tokens.ts'
import { loadConfig } from '../server/config.ts'
import { openStore, runCli, UsageError } from './cli-run.ts'

const USAGE = `usage: npm run token -- create --role staff|admin [--label <name>]
       npm run token -- list
       npm run token -- revoke <id>`

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
  const opened = await openStore(
    config,
    'Tokens are kept in the store: stop that process, manage the tokens, then start it again',
  )
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

runCli(main, USAGE)
