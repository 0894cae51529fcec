import Link from "next/link";

export default function Forbidden() {
  return (
    <main id="main" className="page narrow">
      <h1>Not allowed</h1>
      <p>Your role does not give you access to this page.</p>
      <p>
        <Link href="/articles">Back to the articles</Link>
      </p>
    </main>
  );
}
