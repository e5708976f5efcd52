import type { Samples } from './samples.js'

/** What the bot says about rooms: bindings, rooms no admin confirmed, renames, rooms it cannot reach. */
export interface RoomViews {
  /** A room named like a roster room that no admin has confirmed yet: told once. `topic`: the roster's. */
  'room-waiting': { topic: string; meant: string }
  /** A room named like a room in force: it gains nothing; told once. */
  'room-unauthorised': { topic: string }
  /** To the command rooms: a look-alike appeared; who spoke in it, or who invited the bot. */
  'alert-look-alike': { topic: string; roomId: string; spoke: string; invitedBy: string }
  /** To the command rooms: a bound room was renamed; its binding stays. */
  'alert-renamed': { was: string; topic: string; meant: string }
  /** To the command rooms: bound rooms not found at login, and why nothing went to a look-alike. */
  'alert-rooms-lost': { rooms: Array<{ topic: string; meant: string; why: string }> }
  /** To the command rooms: messages for a room that cannot be reached are held. */
  'alert-room-held': { topic: string; meant: string }
  /** To the webhooks: a command room whose messages were held takes messages again. */
  'alert-room-reached': { topic: string; meant: string }
  /** Figures for units outside the room's scope: not recorded. `scope`: what the room reports for. */
  'out-of-scope': { units: string; scope: string }
  /** #绑定 of a roster room another present room already claims. */
  'bind-taken': { topic: string; other: string; otherId: string }
}

export const roomSamples: Samples<RoomViews> = {
  'room-waiting': { topic: '龙城派出所红袖标群', meant: '龙城派出所 联络群' },
  'room-unauthorised': { topic: '红袖标指挥部' },
  'alert-look-alike': { topic: '红袖标指挥部', roomId: '@@8f2c', spoke: '', invitedBy: '张三' },
  'alert-renamed': { was: '红袖标指挥部', topic: '红袖标指挥部（12日）', meant: '指挥部群' },
  'alert-rooms-lost': {
    rooms: [
      { topic: '龙城派出所红袖标群', meant: '龙城派出所 联络群', why: '没有找到同名的群' },
      { topic: '红袖标督导组', meant: '督导组群', why: '有 2 个同名群，无法确定是哪一个' },
    ],
  },
  'alert-room-held': { topic: '龙城派出所红袖标群', meant: '龙城派出所 联络群' },
  'alert-room-reached': { topic: '红袖标指挥部', meant: '指挥部群' },
  'out-of-scope': { units: '保安集团', scope: '龙城派出所' },
  'bind-taken': { topic: '红袖标指挥部', other: '红袖标指挥部', otherId: '@@8f2c' },
}
