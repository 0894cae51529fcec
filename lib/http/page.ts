import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import { AppError } from "../errors";

/** Runs a lib/ call for a page and turns its typed refusals into the matching page response. */
export async function pageData<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof AppError) {
      if (err.code === "unauthorized") redirect("/login");
      if (err.code === "forbidden") forbidden();
      if (err.code === "not_found") notFound();
    }
    throw err;
  }
}
