import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A local HTTP endpoint standing in for a group robot: keeps every JSON body it is sent. */
export async function webhookServer(options: { failFirst?: number } = {}) {
  const bodies: unknown[] = []
  let failures = options.failFirst ?? 0
  const server = createServer((request, response) => {
    let data = ''
    request.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')))
    request.on('end', () => {
      if (failures > 0) {
        failures--
        response.writeHead(500).end()
        return
      }
      bodies.push(JSON.parse(data))
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hook`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
