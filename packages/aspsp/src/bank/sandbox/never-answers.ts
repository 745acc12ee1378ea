/**
 * Pending forever without a timer, so it never keeps the process alive: only a timeout ends it. What the
 * sandbox answers for Iris's account, whose core banking system never answers (the API's deadline: 503
 * INTS), as a real outage would.
 */
export const NEVER = new Promise<never>(() => {});
