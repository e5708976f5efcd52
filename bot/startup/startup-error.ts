/** A reason redband cannot start (or go on), said as sentences with the fix; never shown with a stack. */
export class StartupError extends Error {
  override name = 'StartupError'
}
