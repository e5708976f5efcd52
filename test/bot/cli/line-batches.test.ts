import { PassThrough, Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { lineBatches } from '../../../bot/cli/io.js'

async function batchesOf(input: Readable): Promise<string[][]> {
  const batches: string[][] = []
  for await (const batch of lineBatches(input)) batches.push(batch)
  return batches
}

describe('lineBatches', () => {
  it('joins a character split across chunks, drops CR before LF and keeps a last line without LF', async () => {
    const bytes = Buffer.from('龙城所 150人\r\n洛龙所 118人\n吴家营所', 'utf8')
    // Cut inside the three bytes of 龙 and inside 洛.
    const input = Readable.from([bytes.subarray(0, 1), bytes.subarray(1, 16), bytes.subarray(16)])
    expect((await batchesOf(input)).flat()).toEqual(['龙城所 150人', '洛龙所 118人', '吴家营所'])
  })

  it('gives what has arrived as one batch, and waits for more only when nothing is left', async () => {
    const input = new PassThrough()
    input.write('a\nb\nc\n')
    const batches = lineBatches(input)
    expect((await batches.next()).value).toEqual(['a', 'b', 'c'])
    const next = batches.next()
    let settled = false
    void next.then(() => (settled = true))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(settled).toBe(false)
    input.end('d\n')
    expect((await next).value).toEqual(['d'])
    expect((await batches.next()).done).toBe(true)
  })
})
