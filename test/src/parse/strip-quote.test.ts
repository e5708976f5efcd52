import { describe, expect, it } from 'vitest'
import { normalizeText } from '../../../src/parse/normalize.js'
import { stripQuote } from '../../../src/parse/strip-quote.js'
import { LINEAR_BUDGET_MS } from '../../helpers/linear-budget.js'

/** WeChat's quote separator, as padlocal, wechat4u and wechatferry write it. */
const SEP = '- - - - - - - - - - - - - - -'

/** The new words, trimmed, of a message as the parser sees it (normalised first). */
function ownWords(text: string): string {
  return stripQuote(normalizeText(text)).trim()
}

describe('stripQuote', () => {
  it.each<[string, string, string]>([
    ['WeChat and padlocal', `「张三：龙城所今日上岗150人」\n${SEP}\n收到`, '收到'],
    ['16 dashes', `「张三：龙城所今日上岗150人」\n${SEP} -\n收到`, '收到'],
    ['no name in the quote', `「龙城所今日上岗150人」\n${SEP}\n收到`, '收到'],
    ['a new report under the quote', `「张三：龙城所150人」\n${SEP}\n洛龙所 120人`, '洛龙所 120人'],
    [
      'a quote of several lines',
      `「张三：呈贡分局今日上岗情况：\n龙城所 150人\n洛龙所 120人」\n${SEP}\n好的`,
      '好的',
    ],
    ['a quote of a quote', `「李四：「张三：龙城所150人」\n${SEP}\n收到」\n${SEP}\n好的`, '好的'],
    ['a quote by hand, spaced inside', `「 龙城所150人 」\n${SEP}\n\n：收到`, ':收到'],
    ['line breaks lost', `「张三：龙城所150人」 ${SEP} 收到`, '收到'],
    ['brackets lost', `张三：龙城所150人\n${SEP}\n收到`, '收到'],
    ['Windows line breaks', `「张三：龙城所150人」\r\n${SEP}\r\n收到`, '收到'],
    ['full-width dashes', '「张三：龙城所150人」\n－－－－－－\n收到', '收到'],
    ['curly quotes and a line of dashes', '“张三：龙城所150人”\n----------\n收到', '收到'],
    ['straight quotes and a line of dashes', '"张三：龙城所150人"\n-----\n收到', '收到'],
    ['a line of em dashes', '「张三：龙城所150人」\n————\n收到', '收到'],
    ['a line of box-drawing dashes', '『张三：龙城所150人』\n────────\n收到', '收到'],
    ['the quote after the reply', `收到\n${SEP}\n「张三：龙城所150人」`, '收到'],
    ['the quote after, by hand', '洛龙所 120人\n-----\n“张三：龙城所150人”', '洛龙所 120人'],
    [
      'the quote after a first separator',
      `「a」\n${SEP}\n收到\n${SEP}\n「b：龙城所150人」`,
      '收到',
    ],
    ['nothing new', `「张三：龙城所150人」\n${SEP}\n`, ''],
    ['quotes on both sides', `「张三：龙城所150人」\n${SEP}\n「李四：洛龙所120人」`, ''],
    [
      '@mention in the reply',
      `「张三：龙城所150人」\n${SEP}\n@红袖标助手\u2005#帮助`,
      '@红袖标助手 #帮助',
    ],
  ])('%s', (_name, text, own) => {
    expect(ownWords(text)).toBe(own)
  })

  it.each<[string, string, string]>([
    [
      'an appmsg quote',
      '<?xml version="1.0"?><msg><appmsg appid="" sdkver="0"><title>收到</title><type>57</type>' +
        '<refermsg><type>1</type><displayname>张三</displayname>' +
        '<content>龙城所今日上岗150人</content></refermsg></appmsg></msg>',
      '收到',
    ],
    [
      'CDATA',
      '<msg><appmsg><title><![CDATA[@机器人  洛龙所 120人]]></title><type>57</type>' +
        '<refermsg><content><![CDATA[龙城所150人]]></content></refermsg></appmsg></msg>',
      '@机器人  洛龙所 120人',
    ],
    [
      'entities',
      '<msg><appmsg><title>a &lt; b &amp; c</title><refermsg><content>x</content></refermsg></appmsg></msg>',
      'a < b & c',
    ],
    [
      'a shared article',
      '<msg><appmsg><title>龙城所今日上岗150人</title><type>5</type><url>https://e.x</url></appmsg></msg>',
      '',
    ],
    [
      'a title only inside the quote',
      '<msg><appmsg><refermsg><title>龙城所150人</title></refermsg></appmsg></msg>',
      '',
    ],
  ])('XML: %s', (_name, text, own) => {
    expect(ownWords(text)).toBe(own)
  })

  it.each([
    '龙城所今日上岗150人',
    '呈贡分局今日上岗情况\n----------\n龙城所 150人\n洛龙所 120人',
    '龙城所 150人\n-----\n洛龙所 120人',
    '龙城所 - - - - - - 150人',
    '今天气温3-12度，注意保暖',
    '0871-63123456',
    '「龙城所150人',
    '龙城所150人」\n-----\n收到',
    '<龙城所> 150人',
    '',
    '- - - - - - - - - - - - - - -',
  ])('leaves %j as it is', (text) => {
    const normalized = normalizeText(text)
    expect(stripQuote(normalized)).toBe(normalized)
  })

  it.each<[string, string]>([
    ['dashes and spaces', '- '.repeat(50_000)],
    ['dashes', '-'.repeat(100_000)],
    ['dash lines', '-----\n'.repeat(16_000)],
    ['quotes and separators', `「a」\n${SEP}\n`.repeat(3000)],
    ['opening quotes', '「'.repeat(100_000)],
    ['XML openings', '<msg>' + '<title>'.repeat(15_000)],
  ])('is linear on %s', (_name, text) => {
    const start = performance.now()
    stripQuote(text)
    expect(performance.now() - start).toBeLessThan(LINEAR_BUDGET_MS)
  })
})
