/**
 * A browser's worth of HTTP for the page's tests without a browser: cookies kept between
 * requests, and the CSRF token every POST carries, read from /api/me as the pages read it.
 */
export class WebClient {
  private readonly cookies = new Map<string, string>()
  private csrf: string | undefined

  /**
   * `forwardedFor`: the client's address as a reverse proxy on the server's machine would give
   * it (X-Forwarded-For), so that each test client has its own sign-in rate limit.
   */
  constructor(
    readonly base: string,
    private readonly forwardedFor?: string,
  ) {}

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const at = pair!.indexOf('=')
      const name = pair!.slice(0, at)
      const value = pair!.slice(at + 1)
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line))
        this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    return {
      ...(cookie ? { cookie } : {}),
      ...(this.forwardedFor ? { 'x-forwarded-for': this.forwardedFor } : {}),
      ...extra,
    }
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(new URL(path, this.base), {
      headers: this.headers(headers),
      redirect: 'manual',
    })
    this.remember(response)
    return response
  }

  async json<T = Record<string, unknown>>(path: string): Promise<{ status: number; body: T }> {
    const response = await this.get(path)
    return { status: response.status, body: (await response.json()) as T }
  }

  /** A POST as the page makes it: JSON, with the CSRF token (unless `csrf: false`). */
  async post(
    path: string,
    body: unknown = {},
    options: { csrf?: boolean } = {},
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    if (options.csrf !== false) this.csrf ??= await this.token()
    const response = await fetch(new URL(path, this.base), {
      method: 'POST',
      headers: this.headers({
        'content-type': 'application/json',
        ...(options.csrf !== false ? { 'x-csrf-token': this.csrf! } : {}),
      }),
      body: JSON.stringify(body),
    })
    this.remember(response)
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  }

  async token(): Promise<string> {
    const { body } = await this.json<{ csrf: string }>('/api/me')
    return body.csrf
  }

  /** Opens a sign-in link and uses it, as pressing 进入指挥大屏 does; the status of the POST. */
  async signIn(link: string): Promise<number> {
    const page = await this.get(link)
    await page.arrayBuffer()
    const { status } = await this.post('/api/sign-in', { token: link.split('/').pop() })
    // A new session: its POSTs carry a token made for it.
    this.csrf = await this.token()
    return status
  }
}
