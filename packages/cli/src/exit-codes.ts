/** 0 success, 1 refusal or error from the bank or the system, 2 usage error. */
export const EXIT = Object.freeze({ ok: 0, failure: 1, usage: 2 });

/** Bad flags or arguments: exit code 2, with a message saying what to change. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
