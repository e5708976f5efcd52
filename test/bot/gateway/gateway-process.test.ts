import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { coreSide, redisUrl, type CoreSide } from '../../helpers/account-redis.js'
import type { GatewayProcessSpec } from '../../helpers/gateway-process.js'
import { tempDir } from '../../helpers/temp.js'

const entry = fileURLToPath(new URL('../../helpers/gateway-process.ts', import.meta.url))
const account = 'proc-1'

/** Long enough for Redis and a mock WeChat on a busy machine. */
const settle = { timeout: 10_000 }

describe('the gateway test process', () => {
  let core: CoreSide
  let child: ChildProcess | undefined

  afterEach(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGKILL')
      await once(child, 'exit')
    }
    await core.close()
  })

  // A process of its own loads Wechaty and tsx: seconds, more on a busy machine.
  it(
    'forwards what a liaison says, says what the core sends, and says goodbye on SIGTERM',
    { timeout: 60_000 },
    async () => {
      core = coreSide(account)
      const said = join(tempDir(), 'said.jsonl')
      const spec: GatewayProcessSpec = {
        account,
        redisUrl,
        prefix: core.prefix,
        self: { id: 'bot-a', name: '助手甲' },
        people: [{ id: 'p1', name: '张三' }],
        rooms: [{ id: 'room-1@chatroom', topic: '一号群', memberIds: ['p1'] }],
      }
      const proc = spawn(process.execPath, ['--import', 'tsx', entry], {
        env: { ...process.env, GATEWAY_SPEC: JSON.stringify(spec), GATEWAY_SAID: said },
        stdio: ['pipe', 'pipe', 'inherit'],
      })
      child = proc
      let out = ''
      proc.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()))
      await vi.waitFor(() => expect(out).toContain('{"ready":true}'), { timeout: 45_000 })

      proc.stdin!.write(
        `${JSON.stringify({ say: { roomId: 'room-1@chatroom', talkerId: 'p1', text: '到岗 3 人' } })}\n`,
      )
      await vi.waitFor(
        async () =>
          expect((await core.inboundEvents()).map((e) => e.data)).toMatchObject([
            {
              kind: 'message',
              account,
              inbound: { roomId: 'room-1@chatroom', senderId: 'p1', text: '到岗 3 人' },
            },
          ]),
        settle,
      )

      expect(await core.send({ roomId: 'room-1@chatroom', text: '收到' })).toBe('sent')
      await vi.waitFor(() => expect(existsSync(said)).toBe(true), settle)
      expect(JSON.parse(readFileSync(said, 'utf8').trim())).toMatchObject({
        account,
        roomId: 'room-1@chatroom',
        text: '收到',
      })

      proc.kill('SIGTERM')
      const [code] = (await once(proc, 'exit')) as [number | null]
      expect(code).toBe(0)
      expect(await core.heartbeat()).toBeUndefined()
    },
  )
})
