import crypto from "node:crypto";

/**
 * Signs `login` in at the local test provider (tests/support/oidc-provider.mjs) through the real
 * authorization-code flow with PKCE, state and nonce, as a browser and a relying party would, and
 * returns what the relying party then holds: the userinfo claims (what Auth.js hands the desk) and
 * the ID token's claims. No browser: the provider's dev sign-in form is posted with fetch.
 */
export async function oidcLogin(
  provider: { issuer: string; clientId: string; clientSecret: string },
  login: string,
  redirectUri: string,
): Promise<{ userinfo: Record<string, unknown>; idToken: Record<string, unknown> }> {
  const meta = (await (await fetch(`${provider.issuer}/.well-known/openid-configuration`)).json()) as Record<string, string>;
  const verifier = crypto.randomBytes(32).toString("base64url");
  const state = crypto.randomBytes(16).toString("base64url");
  const nonce = crypto.randomBytes(16).toString("base64url");
  const authorize = new URL(meta.authorization_endpoint!);
  authorize.search = new URLSearchParams({
    client_id: provider.clientId,
    response_type: "code",
    scope: "openid email profile",
    redirect_uri: redirectUri,
    state,
    nonce,
    code_challenge: crypto.createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
  }).toString();

  const jar = new Map<string, string>();
  const send = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    return res;
  };
  // Follows the provider's redirects until it sends the browser back to the relying party.
  const follow = async (res: Response): Promise<URL> => {
    for (let hops = 0; hops < 10; hops++) {
      const location = res.headers.get("location");
      if (!location)
        throw new Error(`the provider answered ${res.status} without a redirect: ${(await res.text()).slice(0, 300)}`);
      const next = new URL(location, provider.issuer);
      if (next.href.startsWith(redirectUri)) return next;
      res = await send(next.href);
      if (res.status === 200) {
        // Its sign-in form: post the login name (the password is ignored).
        const html = await res.text();
        const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
        if (!action) throw new Error(`no form on the provider's page: ${html.slice(0, 300)}`);
        res = await send(new URL(action.replace(/&amp;/g, "&"), provider.issuer).href, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ prompt: "login", login, password: "ignored" }).toString(),
        });
      }
    }
    throw new Error("too many redirects at the provider");
  };

  const back = await follow(await send(authorize.href));
  if (back.searchParams.get("state") !== state) throw new Error("state mismatch");
  const code = back.searchParams.get("code");
  if (!code) throw new Error(`no code: ${back.search}`);
  const tokens = (await (
    await fetch(meta.token_endpoint!, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(provider.clientId)}:${encodeURIComponent(provider.clientSecret)}`).toString("base64")}`,
      },
      body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: redirectUri, code_verifier: verifier }),
    })
  ).json()) as { access_token?: string; id_token?: string; error?: string };
  if (!tokens.access_token || !tokens.id_token) throw new Error(`token request failed: ${JSON.stringify(tokens)}`);
  const idToken = JSON.parse(Buffer.from(tokens.id_token.split(".")[1]!, "base64url").toString("utf8")) as Record<
    string,
    unknown
  >;
  if (idToken.nonce !== nonce) throw new Error("nonce mismatch");
  const userinfo = (await (
    await fetch(meta.userinfo_endpoint!, { headers: { authorization: `Bearer ${tokens.access_token}` } })
  ).json()) as Record<string, unknown>;
  if (userinfo.sub !== idToken.sub) throw new Error("userinfo is about someone else");
  return { userinfo, idToken };
}
