/**
 * The tokens of the signed-in user. The access token lives in memory only (a reload drops it);
 * the refresh token is kept in localStorage so a reload or a new tab can get a new access token.
 */
export const REFRESH_TOKEN_KEY = 'keyuan.refreshToken';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn?: number;
}

let accessToken: string | null = null;

export const session = {
  get accessToken(): string | null {
    return accessToken;
  },
  get refreshToken(): string | null {
    try {
      return localStorage.getItem(REFRESH_TOKEN_KEY);
    } catch {
      return null;
    }
  },
  get hasSession(): boolean {
    return accessToken !== null || this.refreshToken !== null;
  },
  setTokens(tokens: TokenPair): void {
    accessToken = tokens.accessToken;
    localStorage.setItem(REFRESH_TOKEN_KEY, tokens.refreshToken);
  },
  clear(): void {
    accessToken = null;
    try {
      localStorage.removeItem(REFRESH_TOKEN_KEY);
    } catch {
      // nothing stored
    }
  },
};
