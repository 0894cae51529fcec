import { SESSION_MAX_AGE_SECONDS } from "../users/limits";
import { decodeSessionToken, type SessionPayload } from "./session-token";

export interface SessionClaims {
  uid: string;
  sv: number;
  authTime: number;
  payload: SessionPayload;
}

/**
 * The session's claims when the token is genuine, unexpired (idle timeout: `exp`) and younger than
 * the absolute lifetime (8 h from login, `authTime`); else null. Whether the user may still act
 * (enabled, same session version) is the database's answer, asked by the caller.
 */
export function readSessionClaims(token: string, secret: string, salt: string): SessionClaims | null {
  const payload = decodeSessionToken(token, secret, salt);
  if (!payload) return null;
  const { uid, sv, authTime } = payload;
  if (typeof uid !== "string" || typeof sv !== "number" || typeof authTime !== "number") return null;
  if (Math.floor(Date.now() / 1000) - authTime > SESSION_MAX_AGE_SECONDS) return null;
  return { uid, sv, authTime, payload };
}
