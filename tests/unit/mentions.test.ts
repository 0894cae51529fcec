import { describe, expect, it } from "vitest";
import { mentionKeys, mentionTokens, MAX_MENTIONS, resolveMentionTokens } from "../../lib/notifications/mentions";
import { excerpt } from "../../lib/notifications/notify";

describe("mentionTokens", () => {
  it("finds @words, lower-cased, once each, without a sentence's closing punctuation", () => {
    expect(mentionTokens("@Ben, see @ben. Also @Ana-Maria! (@ZOË) and @rita.reviewer.")).toEqual([
      "ben",
      "anamaria",
      "zoë",
      "ritareviewer",
    ]);
  });

  it("ignores e-mail addresses, a lone @ and words glued before the @", () => {
    expect(mentionTokens("mail ben@example.com or x@y; @ alone; foo@bar; a+@b")).toEqual([]);
  });

  it("looks up at most MAX_MENTIONS distinct names", () => {
    const body = Array.from({ length: MAX_MENTIONS + 10 }, (_, i) => `@user${i}`).join(" ");
    expect(mentionTokens(body)).toHaveLength(MAX_MENTIONS);
  });
});

describe("resolving mentions", () => {
  const ana = { id: "1", name: "Ana Editor", email: "editor@example.com" };
  const ben = { id: "2", name: "Ben Editor", email: "editor2@example.com" };
  const ben2 = { id: "3", name: "Ben Okafor", email: "bokafor@example.com" };

  it("a user answers to their e-mail local part, first name and squashed whole name", () => {
    expect(mentionKeys(ben).sort()).toEqual(["ben", "beneditor", "editor2"]);
  });

  it("names exactly one user or nobody", () => {
    expect(resolveMentionTokens(mentionTokens("@editor2"), [ana, ben])).toEqual([ben]);
    expect(resolveMentionTokens(mentionTokens("@Ben"), [ana, ben])).toEqual([ben]);
    expect(resolveMentionTokens(mentionTokens("@Ben"), [ana, ben, ben2])).toEqual([]);
    expect(resolveMentionTokens(mentionTokens("@BenOkafor @ana"), [ana, ben, ben2])).toEqual([ben2, ana]);
    // Ana's e-mail is editor@…: "@Editor" names her, not every editor.
    expect(resolveMentionTokens(mentionTokens("@Editor"), [ana, ben])).toEqual([ana]);
    expect(resolveMentionTokens(mentionTokens("@Editor"), [ben, ben2])).toEqual([]);
    expect(resolveMentionTokens(mentionTokens("@nobody"), [ana, ben])).toEqual([]);
  });
});

describe("excerpt", () => {
  it("folds whitespace and cuts long text at a word with an ellipsis", () => {
    expect(excerpt("  a\n\nb  ")).toBe("a b");
    expect(excerpt("")).toBeNull();
    const long = "word ".repeat(100);
    const cut = excerpt(long, 30)!;
    expect(cut).toBe("word word word word word word…");
    expect(excerpt("abcdefg hijklmnop", 10)).toBe("abcdefg…");
    expect(excerpt("ab cdefghijklmnop", 10)).toBe("ab cdefgh…");
    expect(Array.from(excerpt("😀".repeat(400))!)).toHaveLength(300);
  });
});
