import "server-only";
import { headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { sessionEnded } from "../auth/current-user";
import type { Actor } from "../auth/permissions";
import { AppError, unauthorized } from "../errors";
import { hasSessionCookie, unavailableInstead } from "./api";

/** Runs a lib/ call for a page and turns its typed refusals into the matching page response. */
export async function pageData<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof AppError) {
      if (err.code === "unauthorized") {
        // Not signed out if the session could not be checked: the database is down (see below).
        const cookie = (await headers()).get("cookie");
        const unavailable = await unavailableInstead(err, hasSessionCookie(cookie), "page");
        if (unavailable) throw unavailable;
        redirect(await loginPath());
      }
      if (err.code === "forbidden") forbidden();
      if (err.code === "not_found") notFound();
    }
    throw err;
  }
}

/**
 * The signed-in user for a desk page, or a redirect to the login page. A session cookie whose
 * check failed because the database is down is not "signed out": that answers `unavailable`, so
 * the page can say so instead of sending the user to a login that cannot work either.
 */
export async function actorForPage(actor: Actor | null): Promise<Actor | { unavailable: string }> {
  if (actor) return actor;
  const cookie = (await headers()).get("cookie");
  const unavailable = await unavailableInstead(unauthorized(), hasSessionCookie(cookie), "page");
  if (unavailable) return { unavailable: unavailable.message };
  redirect(await loginPath());
}

/** The login page, saying why when the session ended because the account was disabled. */
async function loginPath(): Promise<string> {
  return (await sessionEnded()) === "disabled" ? "/login?reason=disabled" : "/login";
}

/**
 * A list page's data for the filters in its URL. Filters that do not validate (a hand-edited URL)
 * show their message above the unfiltered list instead of an error page.
 */
export async function pageListData<Q extends object, T>(
  list: (query: Q | Record<string, never>) => Promise<T>,
  query: Q,
): Promise<{ data: T; filterError: string | null }> {
  let filterError: string | null = null;
  const data = await pageData(() =>
    list(query).catch((err: unknown) => {
      if (err instanceof AppError && err.code === "validation_failed") {
        filterError = Object.values(err.fields ?? {})[0] ?? err.message;
        return list({});
      }
      throw err;
    }),
  );
  return { data, filterError };
}
