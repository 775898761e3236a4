/**
 * `launch(auth=(username, password))` as Gradio answers it (protocol §11): `POST /login` with form fields sets two
 * cookies carrying one token, a wrong password is 400, and gated routes need either cookie.
 * @module
 */

function randomToken(): string {
  return crypto.randomUUID().replaceAll("-", "");
}

export class LoginGate {
  readonly #credentials: readonly [string, string] | null;
  readonly #cookieId = randomToken().slice(0, 8);
  readonly #token = randomToken();

  constructor(credentials: readonly [string, string] | null) {
    this.#credentials = credentials;
  }

  /** Whether `request` may use a gated route: always without auth, else with one of the login cookies. */
  admits(request: Request): boolean {
    if (!this.#credentials) return true;
    return (request.headers.get("cookie") ?? "").split(/;\s*/).some((c) => c.endsWith(`=${this.#token}`));
  }

  /** `POST /login`; without auth Gradio redirects to the root. */
  async login(request: Request): Promise<Response> {
    if (!this.#credentials) return new Response(null, { status: 302, headers: { location: "/" } });
    const form = await request.formData().catch(() => null);
    const [username, password] = this.#credentials;
    if (form?.get("username") !== username || form?.get("password") !== password) {
      return Response.json({ detail: "Incorrect credentials." }, { status: 400 });
    }
    const headers = new Headers({ "content-type": "application/json" });
    const cookie = `${this.#cookieId}=${this.#token}; HttpOnly; Path=/`;
    headers.append("set-cookie", `access-token-${cookie}; SameSite=none; Secure`);
    headers.append("set-cookie", `access-token-unsecure-${cookie}; SameSite=lax`);
    return new Response(JSON.stringify({ success: true }), { headers });
  }
}
