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
  roomId: string
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
 * topic, the bot logged in and in every room, and every message the bot says captured. A room
 * is named by its id or by its topic (the first room of that topic, as two rooms may share one).
 */
export class MockWorld {
  readonly mocker = new mock.Mocker()
  readonly bot: Wechaty
  readonly self: ContactMock
  readonly rooms: RoomMock[] = []
  readonly sent: SentMessage[] = []
  private readonly people = new Map<string, ContactMock>()
  private readonly listeners: Array<(message: SentMessage) => void> = []

  /** `self`: the bot account's name and id (default 红袖标助手, a random id). */
  constructor(
    topics: string[],
    private readonly clock: () => number = Date.now,
    self: { name?: string; id?: string } = {},
  ) {
    this.bot = WechatyBuilder.build({ puppet: new PuppetMock({ mocker: this.mocker }) })
    // The mock reports a lookup of an unknown room id as an error event; the callers handle it.
    this.bot.on('error', () => {})
    this.self = this.mocker.createContact({
      name: self.name ?? '红袖标助手',
      ...(self.id ? { id: self.id } : {}),
    })
    for (const topic of topics) this.addRoom(topic)
  }

  static forRoster(roster: Roster, clock?: () => number): MockWorld {
    return new MockWorld(
      roster.rooms.map((room) => room.topic),
      clock,
    )
  }

  /**
   * Creates a room with the bot and `members` (default: everyone met so far) in it; returns its
   * id. `invited`: the bot is invited into it while running (a room-join event), as when a
   * liaison creates a group and adds the bot. `id`: a fixed id, as several processes share one; it ends with '@chatroom', as WeChat's do
   * (the mock takes an id without '@' for a person's).
   */
  addRoom(
    topic: string,
    options: { members?: ContactMock[]; invitedBy?: ContactMock; id?: string } = {},
  ): string {
    const members = options.members ?? [...this.people.values()]
    const room = this.mocker.createRoom({
      ...(options.id ? { id: options.id } : {}),
      topic,
      memberIdList: [this.self.id, ...members.map((m) => m.id)],
      ...(options.invitedBy ? { ownerId: options.invitedBy.id } : {}),
    })
    // RoomMock is an event emitter whose typings do not surface `on`.
    const events = room as unknown as NodeJS.EventEmitter
    events.on('message', (msg: { payload: { id: string; talkerId?: string; text?: string } }) => {
      if (msg.payload.talkerId !== this.self.id) return
      // A file the bot sends (a chart, an export) shows as its name, as WeChat shows it.
      const file = this.mocker.cacheFileBoxPayload.get(msg.payload.id)
      const text = msg.payload.text ?? (file ? `[文件] ${file.name}` : '')
      const sent = {
        topic: room.payload.topic,
        roomId: room.id,
        text,
        at: this.clock(),
        ...(file ? { file: file.name } : {}),
      }
      this.sent.push(sent)
      for (const listener of this.listeners) listener(sent)
    })
    this.rooms.push(room)
    if (options.invitedBy) {
      this.mocker.puppet.emit('room-join', {
        roomId: room.id,
        inviteeIdList: [this.self.id],
        inviterId: options.invitedBy.id,
        timestamp: Math.floor(this.clock() / 1000),
      })
    }
    return room.id
  }

  /**
   * The protocol hands the room a new id, as some do at each login: same topic, same people,
   * new id; the old id is gone. Returns the new id (takes effect for the bot at its next login).
   */
  async reissueRoom(where: string): Promise<string> {
    const old = this.room(where)
    const members = old.payload.memberIdList
      .filter((id) => id !== this.self.id)
      .map((id) => [...this.people.values()].find((p) => p.id === id)!)
      .filter(Boolean)
    const id = this.addRoom(old.payload.topic, { members })
    this.rooms.splice(this.rooms.indexOf(old), 1)
    this.mocker.cacheRoomPayload.delete(old.id)
    await this.mocker.puppet.dirtyPayload(types.Payload.Room, old.id)
    return id
  }

  /** The room is gone for the bot (dissolved, or the bot removed from it): WeChat no longer finds it. */
  async removeRoom(where: string): Promise<void> {
    const room = this.room(where)
    this.rooms.splice(this.rooms.indexOf(room), 1)
    this.mocker.cacheRoomPayload.delete(room.id)
    await this.mocker.puppet.dirtyPayload(types.Payload.Room, room.id)
  }

  /**
   * Logs the bot out and in again, as after a restart of its WeChat session. `ready: false`:
   * the protocol has not listed every room yet (call ready() when it has).
   */
  async relogin(options: { ready?: boolean } = {}): Promise<void> {
    await this.mocker.puppet.logout()
    const loggedIn = new Promise((resolve) => this.bot.once('login', resolve))
    this.mocker.login(this.self)
    await loggedIn
    if (options.ready !== false) this.ready()
  }

  /** The protocol has listed every room: what a real one says once its contacts are loaded. */
  ready(): void {
    this.mocker.puppet.emit('ready', { data: 'ready' })
  }

  async start(): Promise<void> {
    await this.bot.start()
    const loggedIn = new Promise((resolve) => this.bot.once('login', resolve))
    this.mocker.login(this.self)
    await loggedIn
    this.ready()
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
    for (const room of this.rooms) room.payload.memberIdList.push(contact.id)
    if (!this.people.has(name)) this.people.set(name, contact)
    return contact
  }

  /** A room by its id, else the first room of that topic. */
  room(where: string): RoomMock {
    const room =
      this.rooms.find((r) => r.id === where) ?? this.rooms.find((r) => r.payload.topic === where)
    if (!room) throw new Error(`no mock room ${where}`)
    return room
  }

  /** Renames a room, as a group owner might: same room, new topic (and the room-topic event). */
  async renameRoom(where: string, newTopic: string, by?: ContactMock): Promise<void> {
    const room = this.room(where)
    const oldTopic = room.payload.topic
    room.payload.topic = newTopic
    await this.mocker.puppet.dirtyPayload(types.Payload.Room, room.id)
    this.mocker.puppet.emit('room-topic', {
      roomId: room.id,
      newTopic,
      oldTopic,
      changerId: (by ?? this.self).id,
      timestamp: Math.floor(this.clock() / 1000),
    })
  }

  private post(
    who: string | ContactMock,
    where: string,
    fields: { type: types.Message; text?: string; id?: string; timestamp?: number },
  ): string {
    const id = fields.id ?? randomUUID()
    this.mocker.MessageMock.create({
      id,
      talkerId: typeof who === 'string' ? this.person(who).id : who.id,
      roomId: this.room(where).id,
      mentionIdList: [],
      timestamp: fields.timestamp ?? this.clock(),
      type: fields.type,
      text: fields.text,
    })
    this.mocker.puppet.emit('message', { messageId: id })
    return id
  }

  /** Someone (by name, or a contact made with newPerson) says `text` in a room (id or topic); returns the message id. */
  say(
    who: string | ContactMock,
    where: string,
    text: string,
    options: { id?: string; timestamp?: number } = {},
  ): string {
    return this.post(who, where, { type: types.Message.Text, text, ...options })
  }

  /** `name` posts a photo in the room (taken at `timestamp`, when it arrives late); returns the message id. */
  sendPhoto(name: string, where: string, options: { timestamp?: number } = {}): string {
    const id = randomUUID()
    this.mocker.cacheFileBoxPayload.set(id, FileBox.fromBase64(tinyJpeg, `${id}.jpg`).toJSON())
    return this.post(name, where, { type: types.Message.Image, id, ...options })
  }

  /** `name` posts a message of another kind (a link card, a mini program…). */
  sendOther(name: string, where: string, type: types.Message, text = ''): string {
    return this.post(name, where, { type, text })
  }

  /** `name` recalls one of their messages. */
  recall(name: string, where: string, messageId: string): string {
    return this.post(name, where, { type: types.Message.Recalled, text: messageId })
  }

  /** The protocol delivers a message event again, as unofficial protocols do. */
  redeliver(messageId: string): void {
    this.mocker.puppet.emit('message', { messageId })
  }

  /** What the bot has said in a room (by id, or every room of that topic) so far. */
  sentTo(where: string): string[] {
    const byId = this.rooms.some((r) => r.id === where)
    return this.sent.filter((m) => (byId ? m.roomId : m.topic) === where).map((m) => m.text)
  }
}
