import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="page narrow">
      <h1>Not found</h1>
      <p>There is nothing at this address, or it is not visible to you.</p>
      <p>
        <Link href="/articles">Back to the articles</Link>
      </p>
    </main>
  );
}
