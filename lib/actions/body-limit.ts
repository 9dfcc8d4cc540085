/**
 * The largest server action body, in MB (as Next counts them: 1024 × 1024 bytes): next.config.ts
 * gives it to Next, and the proxy refuses larger bodies with a clear 413 before Next answers them
 * with a 500. Its own module, since next.config.ts imports it.
 */
export const ACTION_BODY_LIMIT_MB = 2;
export const ACTION_BODY_LIMIT_BYTES = ACTION_BODY_LIMIT_MB * 1024 * 1024;
