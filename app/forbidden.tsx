import { ForbiddenContent } from "./components/fallback-pages";

export default function Forbidden() {
  return (
    <main id="main">
      <ForbiddenContent />
    </main>
  );
}
