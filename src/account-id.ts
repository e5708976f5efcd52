/**
 * An account id as gateways and the core name it: letters, digits, '-' and '_' only. Here, on
 * the lowest floor, so the configuration can check it; the protocol (jobs/accounts) re-exports it.
 */
export const accountIdPattern = /^[A-Za-z0-9_-]{1,40}$/
