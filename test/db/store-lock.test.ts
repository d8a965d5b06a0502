// One owner per embedded store: a second opener is refused with a message naming the owner,
// and a lock left behind by a dead process does not block the store forever.
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'
import { readStoreLock, StoreBusyError, StoreLock } from '../../server/db/store-lock.ts'

const dirs: string[] = []
const children: ChildProcess[] = []
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL')
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function tempStore() {
  const dir = mkdtempSync(join(tmpdir(), 'rcgis-lock-'))
  dirs.push(dir)
  return dir
}

/** A real other process, alive until the test ends. */
function otherProcess(): number {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })
  children.push(child)
  return child.pid!
}

describe('embedded store lock', () => {
  it('refuses a second owner and names the first one and its URL', () => {
    const dir = tempStore()
    const pid = otherProcess()
    writeFileSync(
      join(dir, 'rcgis.lock'),
      JSON.stringify({ pid, startedAt: '', url: 'http://127.0.0.1:3999' }),
    )
    let caught: unknown
    try {
      StoreLock.acquire(dir)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(StoreBusyError)
    expect((caught as Error).message).toContain(String(pid))
    expect((caught as Error).message).toContain('http://127.0.0.1:3999')
    expect(readStoreLock(dir)?.url).toBe('http://127.0.0.1:3999')
  })

  it('takes over a lock whose process has died', async () => {
    const dir = tempStore()
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' })
    await new Promise((resolve) => child.on('exit', resolve))
    writeFileSync(join(dir, 'rcgis.lock'), JSON.stringify({ pid: child.pid, startedAt: '' }))
    const lock = StoreLock.acquire(dir)
    expect(JSON.parse(readFileSync(join(dir, 'rcgis.lock'), 'utf8')).pid).toBe(process.pid)
    lock.advertise('http://127.0.0.1:4000')
    expect(JSON.parse(readFileSync(join(dir, 'rcgis.lock'), 'utf8')).url).toBe('http://127.0.0.1:4000')
    lock.release()
    expect(existsSync(join(dir, 'rcgis.lock'))).toBe(false)
  })

  it('lets exactly one of two racing processes win', async () => {
    const dir = tempStore()
    const script = `import('${join(import.meta.dirname, '../../server/db/store-lock.ts')}').then(({ StoreLock }) => {
      try { StoreLock.acquire(process.argv[1]); console.log('won'); setTimeout(() => {}, 3000) }
      catch (e) { console.log('lost: ' + e.message) }
    })`
    const run = () =>
      new Promise<string>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '-e', script, dir], {
          stdio: ['ignore', 'pipe', 'inherit'],
        })
        children.push(child)
        let out = ''
        child.stdout!.on('data', (d) => {
          out += d
          if (out.includes('\n')) resolve(out.trim())
        })
      })
    const results = await Promise.all([run(), run()])
    expect(results.filter((r) => r === 'won')).toHaveLength(1)
    expect(results.find((r) => r !== 'won')).toMatch(/^lost: the embedded store .* is in use by process \d+/)
  })

  it('lets exactly one of many processes take over a stale lock, round after round', async () => {
    // The race of issue 7 item 2: racers that read the dead owner's lock before the winner
    // replaced it must not then delete the winner's fresh lock. Each racer loads the module
    // once, then on every "go <dir>" tries that store at the same moment as the others.
    const racers = 8
    const rounds = 25
    const script = `import('${join(import.meta.dirname, '../../server/db/store-lock.ts')}').then(({ StoreLock }) => {
      const held = []
      require('node:readline').createInterface({ input: process.stdin }).on('line', (dir) => {
        try { held.push(StoreLock.acquire(dir)); console.log('won ' + dir) }
        catch (e) { console.log((e.name === 'StoreBusyError' ? 'busy ' : 'error ') + dir + ' ' + e.message) }
      })
      console.log('ready')
    })`
    const deadPid = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' })
      child.on('exit', () => resolve(child.pid!))
    })
    const lines: string[][] = []
    const wake: (() => void)[] = []
    const procs = Array.from({ length: racers }, (_, i) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], {
        stdio: ['pipe', 'pipe', 'inherit'],
      })
      children.push(child)
      lines[i] = []
      createInterface({ input: child.stdout! }).on('line', (line) => {
        lines[i].push(line)
        for (const w of wake.splice(0)) w()
      })
      return child
    })
    const until = async (done: () => boolean) => {
      while (!done()) await new Promise<void>((r) => wake.push(r))
    }
    await until(() => lines.every((l) => l.includes('ready')))
    for (let round = 0; round < rounds; round++) {
      const dir = tempStore()
      writeFileSync(join(dir, 'rcgis.lock'), JSON.stringify({ pid: deadPid, startedAt: '' }))
      for (const p of procs) p.stdin!.write(`${dir}\n`)
      const answers = () => lines.flatMap((l) => l.filter((line) => line.split(' ')[1] === dir))
      await until(() => answers().length === racers)
      const winners = answers().filter((a) => a.startsWith('won'))
      expect(winners, `round ${round}: ${answers().join(' | ')}`).toHaveLength(1)
      const winnerPid = procs[lines.findIndex((l) => l.includes(winners[0]))].pid
      expect(JSON.parse(readFileSync(join(dir, 'rcgis.lock'), 'utf8')).pid).toBe(winnerPid)
      for (const a of answers().filter((a) => !a.startsWith('won')))
        expect(a).toMatch(new RegExp(`^busy .* is in use by process ${winnerPid}`))
    }
  }, 120_000)
})
