import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { parseCookies } from "./http/responses.js";

/**
 * Password auth as `launch(auth=(user, pass))` does it (auth.txt): `/login` sets two cookies named after
 * a random per-process id, and either cookie logs the request in.
 */
export class AuthManager {
  /** Random per process, like Gradio's `app.cookie_id`. */
  readonly cookieId = randomBytes(32).toString("base64url");
  private readonly tokens = new Map<string, string>();

  constructor(private readonly credentials: readonly [string, string] | null) {}

  get required(): boolean {
    return this.credentials !== null;
  }

  get secureCookieName(): string {
    return `access-token-${this.cookieId}`;
  }

  get unsecureCookieName(): string {
    return `access-token-unsecure-${this.cookieId}`;
  }

  /** True when auth is off or the request carries a valid cookie. */
  isLoggedIn(request: IncomingMessage): boolean {
    if (!this.credentials) return true;
    const cookies = parseCookies(request);
    const token = cookies.get(this.secureCookieName) ?? cookies.get(this.unsecureCookieName);
    return token !== undefined && this.tokens.has(token);
  }

  /** Checks the credentials; returns a new token, or null when they are wrong. */
  login(username: string, password: string): string | null {
    if (!this.credentials) return null;
    const [expectedUser, expectedPassword] = this.credentials;
    if (username.trim() !== expectedUser || password !== expectedPassword) return null;
    const token = randomBytes(16).toString("base64url");
    this.tokens.set(token, expectedUser);
    return token;
  }

  /** The two Set-Cookie values of a successful login. */
  loginCookies(token: string): string[] {
    return [
      `${this.secureCookieName}=${token}; HttpOnly; Path=/; SameSite=none; Secure`,
      `${this.unsecureCookieName}=${token}; HttpOnly; Path=/; SameSite=lax`,
    ];
  }

  /** Forgets the request's token and returns the Set-Cookie values that clear both cookies. */
  logout(request: IncomingMessage): string[] {
    const cookies = parseCookies(request);
    for (const name of [this.secureCookieName, this.unsecureCookieName]) {
      const token = cookies.get(name);
      if (token) this.tokens.delete(token);
    }
    const expired = new Date().toUTCString();
    return [this.secureCookieName, this.unsecureCookieName].map(
      (name) => `${name}=""; expires=${expired}; Max-Age=0; Path=/; SameSite=lax`,
    );
  }
}

/** The 401 body of a login-gated route: 5.45 nests an object; 5.14 and 4.x send a plain string. */
export function notAuthenticatedDetail(richErrorShapes: boolean): unknown {
  return richErrorShapes ? { error: "Not authenticated", auth_message: null } : "Not authenticated";
}
