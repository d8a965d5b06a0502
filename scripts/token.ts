// npm run token -- create --role staff|admin|chief [--chief id] [--label name] | list | revoke <id>
// Tokens live in the store, hashed; a new token is printed once and never again. While a server
// holds the embedded store, the work is handed to it (server/http/token-client.ts).
import { parseArgs } from 'node:util'
import { readStoreSecret } from '../server/auth/store-secret.ts'
import {
  createToken,
  isRole,
  listTokens,
  type Role,
  revokeToken,
  type TokenInfo,
  type TokenListing,
} from '../server/auth/tokens.ts'
import { type Config, loadConfig } from '../server/config.ts'
import { openDatabase } from '../server/db/open-database.ts'
import { StoreBusyError } from '../server/db/store-lock.ts'
import { type TokenCommand, tokenCommandRemotely } from '../server/http/token-client.ts'
import { runCli, UsageError } from './cli-run.ts'

const USAGE = `usage: npm run token -- create --role staff|admin [--label <name>]
       npm run token -- create --role chief --chief <chief id> [--label <name>]
       npm run token -- list
       npm run token -- revoke <id>`

async function main(): Promise<number> {
  const parsed = (() => {
    try {
      return parseArgs({
        allowPositionals: true,
        options: {
          role: { type: 'string' },
          chief: { type: 'string' },
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
    throw new UsageError('create needs --role staff, --role admin or --role chief --chief <id>')
  if (command === 'create' && (values.role === 'chief') !== (values.chief !== undefined))
    throw new UsageError(
      values.role === 'chief'
        ? 'a chief token needs --chief <chief id>'
        : '--chief goes with --role chief only',
    )
  if (command === 'revoke' && !/^\d+$/.test(rest[0] ?? ''))
    throw new UsageError('revoke needs the id of a token (see list)')
  if (!['create', 'list', 'revoke'].includes(command ?? ''))
    throw new UsageError(command ? `unknown command ${command}` : 'name a command')

  const job: TokenCommand =
    command === 'create'
      ? { command, role: values.role as Role, label: values.label, chiefId: values.chief }
      : command === 'list'
        ? { command }
        : { command: 'revoke', id: Number(rest[0]) }
  const config = loadConfig()
  let opened: Awaited<ReturnType<typeof openDatabase>>
  try {
    opened = await openDatabase(config)
  } catch (error) {
    if (!(error instanceof StoreBusyError)) throw error
    return runRemotely(config, error, job)
  }
  const { db, lock } = opened
  try {
    if (job.command === 'create') printCreated(await createToken(db, job.role, job.label, job.chiefId))
    else if (job.command === 'list') printList(await listTokens(db))
    else {
      if (!(await revokeToken(db, job.id))) throw new Error(`no live token #${job.id}`)
      console.log(`revoked token #${job.id}`)
    }
    return 0
  } finally {
    await db.close()
    lock?.release()
  }
}

function printCreated(token: TokenInfo & { token: string }) {
  console.log(
    `created token #${token.id} (${token.role}${token.chief_id ? ` of chief ${token.chief_id}` : ''}${token.label ? `, ${token.label}` : ''}):\n\n  ${token.token}\n`,
  )
  console.log('Keep it now: only its hash is stored, so it cannot be shown again.')
}

function printList(tokens: TokenListing[]) {
  if (tokens.length === 0) console.log('no tokens')
  for (const t of tokens)
    console.log(
      `#${t.id}\t${t.role}${t.chief_id ? ` ${t.chief_id}` : ''}\t${t.label ?? '-'}\tcreated ${new Date(t.created_at).toISOString()}` +
        (t.revoked_at ? `\trevoked ${new Date(t.revoked_at).toISOString()}` : ''),
    )
}

/** The store is held: a server that listens gets the job, with the secret it left in DATA_DIR. */
async function runRemotely(config: Config, busy: StoreBusyError, job: TokenCommand): Promise<number> {
  if (!busy.owner.url)
    throw new Error(
      `${busy.message}. It is not a server that takes token commands: wait for it to finish, then run this again`,
    )
  const secret = readStoreSecret(config.DATA_DIR)
  console.error(`the store is held by the server at ${busy.owner.url}: sending the command there`)
  const answer = await tokenCommandRemotely(busy.owner.url, secret, job)
  if ('token' in answer) printCreated(answer)
  else if ('tokens' in answer) printList(answer.tokens)
  else console.log(`revoked token #${answer.revoked}`)
  return 0
}

runCli(main, USAGE)
