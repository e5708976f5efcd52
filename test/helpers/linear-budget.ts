/**
 * Time allowed for one call on 100 KB of hostile text. A regular expression that backtracks badly
 * takes many seconds on such text and a linear reading a few milliseconds; the margin between is
 * wide enough for a loaded CI machine (two cores shared with a browser and child processes).
 */
export const LINEAR_BUDGET_MS = 500
