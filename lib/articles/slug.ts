/** What a slug can look like (the database's check): anything else, NUL included, names no article. */
export function isSlug(value: string): boolean {
  return value.length <= 200 && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value);
}

/** A readable, URL-safe slug from a title ("Lammy urges Nato…" → "lammy-urges-nato"). */
export function slugify(title: string): string {
  const base = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/g, "");
  return base || "article";
}
