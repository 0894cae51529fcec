// A local OpenID Connect provider for the single sign-on tests (the `oidc-provider` package on
// 127.0.0.1 at a free port): never a real one. Plain JavaScript so tests/e2e/run.mjs can start it
// beside the app it serves; types in oidc-provider.d.mts.
//
// Accounts: any login name typed at its sign-in form is an account whose e-mail is that name,
// verified. A name starting with "unverified:" is the rest, with `email_verified: false`. The
// password field is ignored. Consent is skipped (the desk is a first-party client).
import crypto from "node:crypto";
import http from "node:http";
import Provider from "oidc-provider";

export const UNVERIFIED_PREFIX = "unverified:";

/** The claims the provider vouches for about the account a login name stands for. */
export function accountClaims(login) {
  const unverified = login.startsWith(UNVERIFIED_PREFIX);
  const email = unverified ? login.slice(UNVERIFIED_PREFIX.length) : login;
  const local = email.split("@")[0] ?? email;
  return { sub: `acct-${login}`, email, email_verified: !unverified, name: `SSO ${local}` };
}

/**
 * Starts the provider with one confidential client (code flow, PKCE) that may redirect to
 * `redirectUris`. `close()` stops it.
 */
export async function startOidcProvider({ redirectUris, clientId = "fact-check-desk", clientSecret } = {}) {
  const secret = clientSecret ?? crypto.randomBytes(24).toString("base64url");
  const server = http.createServer();
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: secret,
        redirect_uris: redirectUris,
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "test", alg: "RS256", use: "sig" }] },
    cookies: { keys: [crypto.randomBytes(32).toString("base64url")] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, id) {
      return { accountId: id, claims: async () => accountClaims(id) };
    },
    // First-party client: a grant for the usual scopes instead of a consent page.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });
  server.on("request", provider.callback());
  return {
    issuer,
    clientId,
    clientSecret: secret,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
