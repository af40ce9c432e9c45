import type { TokenPair } from './session';

/** What index.html's first script got while the app's code downloaded: the refresh answer and `/auth/me`. */
export interface EarlySession {
  status: number;
  tokens: TokenPair | null;
  /** `/auth/me` asked with the new access token (null: it failed; the app asks again). */
  me: Promise<unknown> | null;
}

declare global {
  interface Window {
    __kyEarlySession?: Promise<EarlySession | null>;
  }
}

/** The early session restore, once (null when the page started none: no refresh token, or already taken). */
export function takeEarlySession(): Promise<EarlySession | null> | null {
  if (typeof window === 'undefined' || !window.__kyEarlySession) return null;
  const early = window.__kyEarlySession;
  window.__kyEarlySession = undefined;
  return early;
}
