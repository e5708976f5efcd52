import type { Samples } from './samples.js'

/** What the bot says about the command-centre page (指挥大屏). */
export interface WebViews {
  /**
   * #大屏: a one-time sign-in link (`url`); or, with no url, why there is none: the page is off,
   * or the command was given outside a command room (`elsewhere`).
   */
  'screen-link': { url: string; minutes: number; hours: number; elsewhere: boolean }
}

export const webSamples: Samples<WebViews> = {
  'screen-link': {
    url: 'https://redband.example.org/s/3q2-Xo0c9kR5w4bYl1mN8uJvTzAaEe7fGhIiKkLlMm0',
    minutes: 10,
    hours: 12,
    elsewhere: false,
  },
}
