/**
 * Who may see and do what on the command-centre page. A session has one role, from the link that
 * opened it: commanders see every figure and read the review list and the rooms; inspectors see
 * spot checks and field records; admins also settle review items and confirm rooms.
 */
export type WebRole = 'commander' | 'inspector' | 'admin'

export const webRoles: readonly WebRole[] = ['commander', 'inspector', 'admin']

/** The page's views, as its paths name them (today covers any day of the event too). */
export type WebView = 'today' | 'event' | 'review' | 'rooms' | 'health' | 'screen'

/** What a session may change. */
export type WebAction = 'settle-review' | 'bind-rooms'

const views: Record<WebRole, readonly WebView[]> = {
  commander: ['today', 'event', 'review', 'rooms', 'health', 'screen'],
  inspector: ['today'],
  admin: ['today', 'event', 'review', 'rooms', 'health', 'screen'],
}

const actions: Record<WebRole, readonly WebAction[]> = {
  commander: [],
  inspector: [],
  admin: ['settle-review', 'bind-rooms'],
}

export function isWebRole(value: unknown): value is WebRole {
  return typeof value === 'string' && (webRoles as readonly string[]).includes(value)
}

export function viewsOf(role: WebRole): readonly WebView[] {
  return views[role]
}

export function canSee(role: WebRole, view: WebView): boolean {
  return views[role].includes(view)
}

export function actionsOf(role: WebRole): readonly WebAction[] {
  return actions[role]
}

export function canDo(role: WebRole, action: WebAction): boolean {
  return actions[role].includes(action)
}

/** Headcounts, the unit table and the chart: everyone but inspectors, who see checks and field records. */
export function seesHeadcounts(role: WebRole): boolean {
  return role !== 'inspector'
}
