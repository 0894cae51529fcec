import { NotFoundContent } from "./components/fallback-pages";

export default function NotFound() {
  return (
    <main id="main">
      <NotFoundContent />
    </main>
  );
}
