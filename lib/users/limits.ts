export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
/** Failed logins per account within the window before further attempts are refused. */
export const LOGIN_MAX_FAILURES = 10;
export const LOGIN_WINDOW_MINUTES = 15;
/** Failed logins from one client address within the window, over all accounts, before it is refused. */
export const LOGIN_MAX_FAILURES_PER_IP = 100;
/** Absolute session lifetime (docs/security.md: at most 8 hours). */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;
/** Idle session lifetime: no request for this long and the session cookie lapses. */
export const SESSION_IDLE_SECONDS = 2 * 60 * 60;
