import QRCode from 'qrcode'
import { ScanStatus, type Wechaty } from 'wechaty'

/** Prints the login QR code on the terminal whenever the puppet shows one to be scanned. */
export function showLoginQr(bot: Wechaty): void {
  bot.on('scan', async (qrcode, status) => {
    if (status !== ScanStatus.Waiting && status !== ScanStatus.Timeout) return
    console.log(await QRCode.toString(qrcode, { type: 'terminal', small: true }))
    console.log('用微信扫描上面的二维码登录 (scan with the bot account’s WeChat)')
  })
}
