"use client";

import { useRouter } from "next/navigation";
import { type CSSProperties, type FormEvent, type ReactNode, useState } from "react";
import { addCommentAction, editCommentAction } from "@/app/actions/workflow";
import { useServerAction } from "@/app/components/use-server-action";
import type { CommentView } from "@/lib/workflow/comment-view";
import { COMMENT_MAX } from "@/lib/workflow/schemas";

export type CommentItem = CommentView & {
  /** Formatted on the server so that server and browser render the same text. */
  when: string;
  editedWhen: string | null;
};

export function Comments({ claimId, comments, canWrite }: { claimId: string; comments: CommentItem[]; canWrite: boolean }) {
  return (
    <>
      {comments.length === 0 ? (
        <p className="muted">No comments yet.</p>
      ) : (
        <ol className="comments">
          {comments.map((c) => (
            <CommentEntry key={c.id} claimId={claimId} comment={c} />
          ))}
        </ol>
      )}
      {canWrite && <AddComment claimId={claimId} />}
    </>
  );
}

function CommentEntry({ claimId, comment }: { claimId: string; comment: CommentItem }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(comment.body);
  const { pending, error, fields, run, reset } = useServerAction();

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const result = await run(() => editCommentAction(claimId, comment.id, { body, version: comment.version }));
    if (result.ok) {
      setEditing(false);
      router.refresh();
      return;
    }
    // A changed comment: keep the typed text, show what it says now once the page refreshes.
    if (result.details?.current) router.refresh();
  };

  return (
    <li data-testid="comment">
      <div className="comment-meta">
        <strong>{comment.author.name}</strong>{" "}
        <time className="muted" dateTime={comment.createdAt}>
          {comment.when}
        </time>
        {comment.editedAt && (
          <span className="muted">
            {" "}
            · edited <time dateTime={comment.editedAt}>{comment.editedWhen}</time>
          </span>
        )}
      </div>
      {editing ? (
        <CommentForm
          label="Edit your comment"
          formLabel="Edit comment"
          submitLabel="Save comment"
          body={body}
          setBody={setBody}
          onSubmit={save}
          pending={pending}
          error={error && (fields.body ?? error)}
        >
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setEditing(false);
              setBody(comment.body);
              reset();
            }}
          >
            Cancel
          </button>
        </CommentForm>
      ) : (
        <>
          <p className="comment-body">{comment.body}</p>
          {comment.canEdit && (
            <button
              type="button"
              className="secondary small"
              onClick={() => {
                setBody(comment.body);
                setEditing(true);
              }}
            >
              Edit comment
            </button>
          )}
        </>
      )}
    </li>
  );
}

function AddComment({ claimId }: { claimId: string }) {
  const router = useRouter();
  const [body, setBody] = useState("");
  const { pending, error, fields, run } = useServerAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = await run(() => addCommentAction(claimId, { body }));
    if (result.ok) {
      setBody("");
      router.refresh();
    }
  };

  return (
    <CommentForm
      label="Add a comment"
      formLabel="New comment"
      submitLabel="Add comment"
      body={body}
      setBody={setBody}
      onSubmit={submit}
      pending={pending}
      error={error && (fields.body ?? error)}
      style={{ marginTop: "0.6rem" }}
    />
  );
}

/** The text of a comment, new or edited: its field, its error and its buttons. */
function CommentForm(props: {
  label: string;
  formLabel: string;
  submitLabel: string;
  body: string;
  setBody: (body: string) => void;
  onSubmit: (e: FormEvent) => void;
  pending: boolean;
  error: string | null;
  style?: CSSProperties;
  children?: ReactNode;
}) {
  return (
    <form onSubmit={props.onSubmit} className="stack" aria-label={props.formLabel} style={props.style}>
      <label>
        {props.label}
        <textarea value={props.body} onChange={(e) => props.setBody(e.target.value)} rows={3} maxLength={COMMENT_MAX} required />
      </label>
      {props.error && (
        <p role="alert" className="error">
          {props.error}
        </p>
      )}
      <div className="row-controls">
        <button type="submit" disabled={props.pending}>
          {props.submitLabel}
        </button>
        {props.children}
      </div>
    </form>
  );
}
