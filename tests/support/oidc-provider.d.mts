export declare const UNVERIFIED_PREFIX: string;
export declare function accountClaims(login: string): { sub: string; email: string; email_verified: boolean; name: string };
export declare function startOidcProvider(options: {
  redirectUris: string[];
  clientId?: string;
  clientSecret?: string;
}): Promise<{
  issuer: string;
  clientId: string;
  clientSecret: string;
  close: () => Promise<void>;
}>;
