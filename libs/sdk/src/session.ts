/** Paths that must never trigger a refresh (they are how one gets tokens). */
const AUTH_PATHS = ['/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/logout'];

export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

/**
 * A login's tokens with automatic refresh: give it to `createKeyuanClient({ session })` and a 401 is answered
 * by one refresh (shared by concurrent requests; refresh tokens rotate, so each is used once) and a retry.
 */
export class TokenSession {
  accessToken: string | null = null;
  refreshToken: string | null = null;
  private refreshing: Promise<boolean> | null = null;

  constructor(
    private readonly baseUrl: string,
    /** Called with every new pair (store the refresh token where your integration keeps secrets). */
    private readonly onTokens?: (tokens: Tokens) => void,
    private readonly fetchImpl: typeof fetch = (...a) => globalThis.fetch(...a),
  ) {}

  /** Starts from tokens you kept. */
  use(tokens: Tokens): this {
    this.accessToken = tokens.accessToken;
    this.refreshToken = tokens.refreshToken;
    return this;
  }

  async login(email: string, password: string): Promise<void> {
    const res = await this.fetchImpl(`${this.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (!res.ok) throw new Error(`login failed: ${res.status}`);
    this.store((await res.json()) as Tokens);
  }

  /** One refresh at a time; answers whether new tokens arrived. */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.doRefresh().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async doRefresh(): Promise<boolean> {
    if (!this.refreshToken) return false;
    const res = await this.fetchImpl(`${this.baseUrl}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: this.refreshToken }),
    });
    if (!res.ok) return false;
    this.store((await res.json()) as Tokens);
    return true;
  }

  private store(t: Tokens): void {
    this.accessToken = t.accessToken;
    this.refreshToken = t.refreshToken;
    this.onTokens?.(t);
  }
}

export function isAuthPath(url: string): boolean {
  const path = new URL(url).pathname;
  return AUTH_PATHS.includes(path);
}
