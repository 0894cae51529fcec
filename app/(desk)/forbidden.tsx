import { ForbiddenContent } from "../components/fallback-pages";

/** Inside the desk's layout, which already has the page's one <main>. */
export default function DeskForbidden() {
  return <ForbiddenContent />;
}
