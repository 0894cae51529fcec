import { NotFoundContent } from "../components/fallback-pages";

/** Inside the desk's layout, which already has the page's one <main>. */
export default function DeskNotFound() {
  return <NotFoundContent />;
}
