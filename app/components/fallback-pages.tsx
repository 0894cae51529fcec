import Link from "next/link";

// The texts of the 404 and 403 pages. At the root they stand alone and bring their own <main>;
// inside the desk (app/(desk)/not-found.tsx, forbidden.tsx) the desk's <main> already holds them.

export function NotFoundContent() {
  return (
    <div className="page narrow">
      <h1>Not found</h1>
      <p>There is nothing at this address, or it is not visible to you.</p>
      <p>
        <Link href="/articles">Back to the articles</Link>
      </p>
    </div>
  );
}

export function ForbiddenContent() {
  return (
    <div className="page narrow">
      <h1>Not allowed</h1>
      <p>Your role does not give you access to this page.</p>
      <p>
        <Link href="/articles">Back to the articles</Link>
      </p>
    </div>
  );
}
