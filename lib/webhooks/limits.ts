/**
 * Longest endpoint name, in characters: `./schemas.ts` and the admin form's `maxLength`. Apart from
 * the schemas because those read the server's settings (the outbound policy), which a form cannot.
 */
export const WEBHOOK_NAME_MAX = 100;
