import { randomUUID } from 'node:crypto'
import { FileBox } from 'file-box'
import { types, WechatyBuilder, type Wechaty } from 'wechaty'
import { mock, PuppetMock } from 'wechaty-puppet-mock'
import type { Roster } from '../../src/roster/roster.js'

type ContactMock = ReturnType<mock.Mocker['createContact']>
type RoomMock = ReturnType<mock.Mocker['createRoom']>

/** A message the bot said in a mock room. */
export interface SentMessage {
  topic: string
  text: string
  at: number
  /** The name of the file sent, for a file. */
  file?: string
}

/** A 1×1 JPEG, enough for a photo a liaison posts. */
const tinyJpeg =
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA='

/**
 * A WeChat of its own for tests and the demo: wechaty-puppet-mock with one room per roster
 * topic, the bot logged in and in every room, and every message the bot says captured.
 */
export class MockWorld {
  readonly mocker = new mock.Mocker()
  readonly bot: Wechaty
  readonly self: ContactMock
  readonly rooms = new Map<string, RoomMock>()
  readonly sent: SentMessage[] = []
  private readonly people = new Map<string, ContactMock>()
  private readonly listeners: Array<(message: SentMessage) => void> = []

  constructor(
    topics: string[],
    private readonly clock: () => number = Date.now,
  ) {
    this.bot = WechatyBuilder.build({ puppet: new PuppetMock({ mocker: this.mocker }) })
    // The mock reports a lookup of an unknown room id as an error event; the callers handle it.
    this.bot.on('error', () => {})
    this.self = this.mocker.createContact({ name: '红袖标助手' })
    for (const topic of topics) this.addRoom(topic)
  }

  static forRoster(roster: Roster, clock?: () => number): MockWorld {
    return new MockWorld(
      roster.rooms.map((room) => room.topic),
      clock,
    )
  }

  /** Creates a room with the bot in it; returns its id. */
  addRoom(topic: string): string {
    const room = this.mocker.createRoom({ topic, memberIdList: [this.self.id] })
    // RoomMock is an event emitter whose typings do not surface `on`.
    const events = room as unknown as NodeJS.EventEmitter
    events.on('message', (msg: { payload: { id: string; talkerId?: string; text?: string } }) => {
      if (msg.payload.talkerId !== this.self.id) return
      // A file the bot sends (a chart, an export) shows as its name, as WeChat shows it.
      const file = this.mocker.cacheFileBoxPayload.get(msg.payload.id)
      const text = msg.payload.text ?? (file ? `[文件] ${file.name}` : '')
      const sent = {
        topic: room.payload.topic,
        text,
        at: this.clock(),
        ...(file ? { file: file.name } : {}),
      }
      this.sent.push(sent)
      for (const listener of this.listeners) listener(sent)
    })
    this.rooms.set(topic, room)
    return room.id
  }

  async start(): Promise<void> {
    await this.bot.start()
    const loggedIn = new Promise((resolve) => this.bot.once('login', resolve))
    this.mocker.login(this.self)
    await loggedIn
  }

  async stop(): Promise<void> {
    await this.bot.stop()
  }

  onSent(listener: (message: SentMessage) => void): void {
    this.listeners.push(listener)
  }

  /** The person of that name, created and added to every room on first use. */
  person(name: string): ContactMock {
    return this.people.get(name) ?? this.newPerson(name)
  }

  /**
   * A person with a given WeChat id and account handle (微信号), e.g. an admin, or someone who
   * took an admin's nickname. The first of a name is the one `say(name, …)` speaks as.
   */
  newPerson(name: string, ids: { id?: string; handle?: string } = {}): ContactMock {
    const contact = this.mocker.createContact({
      name,
      ...(ids.id ? { id: ids.id } : {}),
      handle: ids.handle,
    })
    for (const room of this.rooms.values()) room.payload.memberIdList.push(contact.id)
    if (!this.people.has(name)) this.people.set(name, contact)
    return contact
  }

  room(topic: string): RoomMock {
    const room = this.rooms.get(topic)
    if (!room) throw new Error(`no mock room ${topic}`)
    return room
  }

  /** Renames a room, as a group owner might: same room, new topic. */
  renameRoom(topic: string, newTopic: string): void {
    const room = this.room(topic)
    room.payload.topic = newTopic
    this.rooms.delete(topic)
    this.rooms.set(newTopic, room)
  }

  private post(
    who: string | ContactMock,
    topic: string,
    fields: { type: types.Message; text?: string; id?: string; timestamp?: number },
  ): string {
    const id = fields.id ?? randomUUID()
    this.mocker.MessageMock.create({
      id,
      talkerId: typeof who === 'string' ? this.person(who).id : who.id,
      roomId: this.room(topic).id,
      mentionIdList: [],
      timestamp: fields.timestamp ?? this.clock(),
      type: fields.type,
      text: fields.text,
    })
    this.mocker.puppet.emit('message', { messageId: id })
    return id
  }

  /** Someone (by name, or a contact made with newPerson) says `text` in the room; returns the message id. */
  say(
    who: string | ContactMock,
    topic: string,
    text: string,
    options: { id?: string; timestamp?: number } = {},
  ): string {
    return this.post(who, topic, { type: types.Message.Text, text, ...options })
  }

  /** `name` posts a photo in the room; returns the message id. */
  sendPhoto(name: string, topic: string): string {
    const id = randomUUID()
    this.mocker.cacheFileBoxPayload.set(id, FileBox.fromBase64(tinyJpeg, `${id}.jpg`).toJSON())
    return this.post(name, topic, { type: types.Message.Image, id })
  }

  /** `name` posts a message of another kind (a link card, a mini program…). */
  sendOther(name: string, topic: string, type: types.Message, text = ''): string {
    return this.post(name, topic, { type, text })
  }

  /** `name` recalls one of their messages. */
  recall(name: string, topic: string, messageId: string): string {
    return this.post(name, topic, { type: types.Message.Recalled, text: messageId })
  }

  /** The protocol delivers a message event again, as unofficial protocols do. */
  redeliver(messageId: string): void {
    this.mocker.puppet.emit('message', { messageId })
  }

  /** What the bot has said in a room so far. */
  sentTo(topic: string): string[] {
    return this.sent.filter((m) => m.topic === topic).map((m) => m.text)
  }
}
