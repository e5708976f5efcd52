import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client.js'
import { recordEvidence } from '../../db/evidence.js'
import { storeMessage } from '../../db/messages.js'
import { spotChecks } from '../../db/schema.js'
import { instantOf } from '../../src/time/zoned.js'

const day = '2026-10-12'

/**
 * Answers and photos on the example inspection day (writeExampleInspectionDay): 龙城派出所
 * answers its 09:00 display check with a photo; 洛龙派出所 answers in text and posts a photo
 * three minutes later; someone else in 洛龙's room posts one too; one photo failed to save.
 * With `evidenceDir`, the saved photos are written there as files.
 */
export function writeExampleEvidence(db: Db, timezone: string, evidenceDir?: string): void {
  const at = (time: string) => instantOf(day, time, timezone)
  const message = (
    id: string,
    time: string,
    room: string,
    sender: string,
    type: 'text' | 'image',
    text = '[图片]',
  ) =>
    storeMessage(
      db,
      {
        id,
        roomId: `${room}-id`,
        roomTopic: room,
        senderId: sender,
        senderName: `${sender}名`,
        sentAt: at(time),
        type,
        text,
      },
      at(time),
    )
  const photo = (id: string, time: string, room: string, sender: string, unit: string | null) => {
    message(id, time, room, sender, 'image')
    const path = unit === null ? null : `${day}/${unit}/${id}.jpg`
    recordEvidence(db, {
      messageId: id,
      unit,
      day,
      roomId: `${room}-id`,
      senderId: sender,
      path,
      postedAt: at(time),
    })
    if (evidenceDir && path) {
      mkdirSync(dirname(join(evidenceDir, path)), { recursive: true })
      writeFileSync(join(evidenceDir, path), `jpeg of ${id}`)
    }
  }
  const answer = (unit: string, messageId: string, sender: string, time: string) =>
    db
      .update(spotChecks)
      .set({ answerMessageId: messageId, answeredBy: sender, answeredAt: at(time) })
      .where(eq(spotChecks.id, `display-${day}-09:00-${unit}`))
      .run()

  photo('photo-longcheng', '09:01', '龙城派出所红袖标群', 'li', '龙城派出所')
  answer('龙城派出所', 'photo-longcheng', 'li', '09:01')

  message(
    'text-luolong',
    '09:01',
    '呈贡分局红袖标联络群',
    'wang',
    'text',
    '洛龙所 大学城地铁站 在岗 2人',
  )
  answer('洛龙派出所', 'text-luolong', 'wang', '09:01')
  photo('photo-luolong', '09:04', '呈贡分局红袖标联络群', 'wang', '洛龙派出所')
  photo('photo-other', '09:02', '呈贡分局红袖标联络群', 'zhao', '洛龙派出所')
  photo('photo-unsaved', '12:00', '晋宁分局红袖标联络群', 'sun', null)
}
