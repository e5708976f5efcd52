import { describe, expect, it } from 'vitest'
import { networkProblem } from '../../../bot/startup/network-problem.js'

describe('networkProblem', () => {
  it.each([
    // wechat4u (axios) offline, refused by a proxy, behind a slow firewall, blocked
    ['getaddrinfo ENOTFOUND login.wx.qq.com', 'getaddrinfo ENOTFOUND login.wx.qq.com'],
    ['getaddrinfo EAI_AGAIN login.wx.qq.com', 'getaddrinfo EAI_AGAIN login.wx.qq.com'],
    ['connect ECONNREFUSED 127.0.0.1:8080', 'connect ECONNREFUSED 127.0.0.1:8080'],
    ['timeout of 60000ms exceeded', 'timeout of 60000ms exceeded'],
    ['Request failed with status code 403', 'Request failed with status code 403'],
    ['socket hang up', 'socket hang up'],
    ['重启时网络错误，60s后进行最后一次重启', '重启时网络错误，60s后进行最后一次重启'],
    // wechaty-puppet-service: nothing at the endpoint, a token the service refuses
    [
      '14 UNAVAILABLE: No connection established. Last error: Error: connect ECONNREFUSED 127.0.0.1:1.\n  at …',
      '14 UNAVAILABLE: No connection established. Last error: Error: connect ECONNREFUSED 127.0.0.1:1.',
    ],
    ['16 UNAUTHENTICATED: token invalid', '16 UNAUTHENTICATED: token invalid'],
    ['unable to get local issuer certificate', 'unable to get local issuer certificate'],
  ])('%s is the network', (message, reason) => {
    expect(networkProblem(new Error(message))).toBe(reason)
  })

  it.each([
    ['400 != 400'], // wechat4u: a QR code expired
    ["Cannot read properties of undefined (reading 'start')"],
    ['wechaty-puppet-service: WECHATY_PUPPET_SERVICE_TOKEN not found'],
    ['login event can not found selfId'],
  ])('%s is not', (message) => {
    expect(networkProblem(new Error(message))).toBeUndefined()
  })

  it('reads a raw socket error by its code too', () => {
    const error = Object.assign(new Error('read failed'), { code: 'ECONNRESET' })
    expect(networkProblem(error)).toBe('read failed')
  })
})
