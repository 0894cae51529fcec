import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CanonicalTextError,
  CodePointIndex,
  NORMALIZER_VERSION,
  canonicalizeText,
  cpLength,
  cpSlice,
  cpToUtf16,
  htmlToCanonical,
  markdownToCanonical,
  toCanonical,
  utf16ToCp,
} from "../../lib/text/canonical";
import { sha256Hex } from "../../lib/text/hash";

const SAMPLE = readFileSync(new URL("../../lib/demo/nato-defence-spending.txt", import.meta.url), "utf8");

function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

describe("canonicalizeText", () => {
  it("has a normalizer version to store with each revision", () => {
    expect(NORMALIZER_VERSION).toBe(1);
  });

  it("turns CRLF and lone CR into LF", () => {
    expect(canonicalizeText("one\r\ntwo\rthree\r\n\r\nfour")).toBe("one\ntwo\nthree\n\nfour");
  });

  it("normalises NFD to NFC", () => {
    const nfd = "Cafe\u0301 in Mu\u0308nchen";
    const result = canonicalizeText(nfd);
    expect(result).toBe("Caf\u00e9 in M\u00fcnchen");
    expect(result.length).toBe(15);
  });

  it("drops NUL and other C0 controls, keeps line breaks and turns tabs into spaces", () => {
    expect(canonicalizeText("Nato\u0000 allies\u0007 must\tact\u001b.\nNow.")).toBe("Nato allies must act.\nNow.");
  });

  it("maps Word's vertical-tab line breaks and form feeds to line and paragraph breaks", () => {
    expect(canonicalizeText("line one\u000bline two\u000cnext page")).toBe("line one\nline two\n\nnext page");
  });

  it("drops byte-order marks", () => {
    expect(canonicalizeText("\uFEFF\n\uFEFFNato\uFEFF allies")).toBe("Nato allies");
  });

  it("drops lone surrogates but keeps surrogate pairs", () => {
    expect(canonicalizeText("a\uD800b\uDC00c 👍")).toBe("abc 👍");
  });

  it("trims trailing spaces per line, keeps single line breaks and separates paragraphs by one blank line", () => {
    const input = "\n\n  \nFirst line   \nsecond line\t\n\n\n\n   \nNext paragraph \u00a0\n\n\n";
    expect(canonicalizeText(input)).toBe("First line\nsecond line\n\nNext paragraph");
  });

  it("leaves the canonical sample article unchanged", () => {
    expect(canonicalizeText(SAMPLE)).toBe(SAMPLE);
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (input) => {
        let once: string;
        try {
          once = canonicalizeText(input);
        } catch (error) {
          return error instanceof CanonicalTextError;
        }
        return canonicalizeText(once) === once;
      }),
      { numRuns: 500 },
    );
  });

  it("refuses text that is empty after canonicalisation", () => {
    for (const input of ["", "   \n\n\t  ", "\u0000\r\n"]) {
      const error = errorOf(() => canonicalizeText(input));
      expect(error).toBeInstanceOf(CanonicalTextError);
      expect(error).toMatchObject({ code: "empty", field: "body" });
    }
  });

  it("refuses binary-looking text: many NUL/control characters or more than 1% replacement characters", () => {
    const utf16AsUtf8 = Array.from("Nato allies must get serious", (c) => `${c}\u0000`).join("");
    expect(errorOf(() => canonicalizeText(utf16AsUtf8))).toMatchObject({ code: "binary", field: "body" });
    const misdecoded = `${"A perfectly normal sentence. ".repeat(10)}\ufffd\ufffd\ufffd\ufffd`;
    expect(errorOf(() => canonicalizeText(misdecoded))).toMatchObject({ code: "binary" });
    // A single stray NUL or U+FFFD in a long article is cleaned up, not refused.
    expect(canonicalizeText(`${SAMPLE}\u0000 \ufffd`)).toBe(`${SAMPLE} \ufffd`);
  });
});

describe("htmlToCanonical", () => {
  it("decodes entities", () => {
    expect(htmlToCanonical("<p>AT&amp;T &lt;b&gt; caf&eacute;&nbsp;bar &#8212; &#x2019; &bogus;</p>")).toBe(
      "AT&T <b> café\u00a0bar — ’ &bogus;",
    );
  });

  it("strips nested inline tags to their text and collapses whitespace like a browser", () => {
    const html = "<p>  Mr   Lammy <b>said <i>Nato <a href='/x'>allies</a></i></b>\n   must <span>act</span>.  </p>";
    expect(htmlToCanonical(html)).toBe("Mr Lammy said Nato allies must act.");
  });

  it("drops head, script, style, template, noscript, comments and hidden elements", () => {
    const html = `<!doctype html><html><head><title>Title</title><style>p { color: red }</style></head>
      <body><script>alert("x")</script><p>Visible<!-- a comment --> text</p><template><p>T</p></template>
      <noscript>Enable JS</noscript><p hidden>hidden</p><p style="display: none">gone</p><p>End</p></body></html>`;
    expect(htmlToCanonical(html)).toBe("Visible text\n\nEnd");
  });

  it("makes block elements paragraphs and br a line break", () => {
    const html =
      "<h1>Headline</h1><p>First<br>second line</p><div>Div text<div>nested block</div>tail</div>" +
      "<blockquote><p>Quoted</p></blockquote>loose text";
    expect(htmlToCanonical(html)).toBe(
      "Headline\n\nFirst\nsecond line\n\nDiv text\n\nnested block\n\ntail\n\nQuoted\n\nloose text",
    );
  });

  it("makes list items paragraphs", () => {
    expect(htmlToCanonical("<ul><li>One</li><li>Two <em>items</em><ol><li>Nested</li></ol></li></ul>")).toBe(
      "One\n\nTwo items\n\nNested",
    );
  });

  it("keeps whitespace inside pre and separates table cells", () => {
    expect(
      htmlToCanonical("<pre>  indented\n    code</pre><table><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></table>"),
    ).toBe("  indented\n    code\n\na b\n\nc");
  });

  it("refuses a document without text", () => {
    expect(errorOf(() => htmlToCanonical("<p> </p><script>x()</script>"))).toMatchObject({ code: "empty" });
  });
});

describe("markdownToCanonical", () => {
  it("turns headings, paragraphs, blockquotes and list items into paragraphs of plain text", () => {
    const md =
      "# Nato summit\n\nAllies **must _get serious_** about [defence](https://example.com) spending.\n\n" +
      "> The time to act\n> is now.\n\n- first item\n- second *item*\n  - nested item\n\n1. loose\n\n2. list\n";
    expect(markdownToCanonical(md)).toBe(
      "Nato summit\n\nAllies must get serious about defence spending.\n\nThe time to act is now.\n\n" +
        "first item\n\nsecond item\n\nnested item\n\nloose\n\nlist",
    );
  });

  it("keeps code blocks and code spans as literal text", () => {
    const md = "Run `a < b && c` now.\n\n```js\nconst x = 1;\n  indented();\n```\n";
    expect(markdownToCanonical(md)).toBe("Run a < b && c now.\n\nconst x = 1;\n  indented();");
  });

  it("decodes entities, drops images and inline HTML tags, keeps hard breaks", () => {
    const md = "AT&T &amp; caf&eacute; &#8212; ok ![chart](c.png) <span>inline</span>  \nhard break\nsoft break";
    expect(markdownToCanonical(md)).toBe("AT&T & café — ok inline\nhard break soft break");
  });

  it("takes the text of block HTML", () => {
    expect(markdownToCanonical("Intro\n\n<div>Block <b>html</b></div>\n\nOutro")).toBe("Intro\n\nBlock html\n\nOutro");
  });
});

describe("toCanonical", () => {
  it("dispatches on the body format", () => {
    expect(toCanonical("a\r\nb", "text")).toBe("a\nb");
    expect(toCanonical("*a* b", "markdown")).toBe("a b");
    expect(toCanonical("<p>a</p><p>b</p>", "html")).toBe("a\n\nb");
  });
});

describe("code point helpers", () => {
  const text = "👍🏽 Nato é 🇬🇧!";

  it("counts code points, not UTF-16 units", () => {
    expect(text.length).toBe(17);
    expect(cpLength(text)).toBe(13);
    expect(cpLength("")).toBe(0);
  });

  it("slices and converts by code point", () => {
    expect(cpSlice(text, 3, 7)).toBe("Nato");
    expect(cpSlice(text, 0, 2)).toBe("👍🏽");
    expect(cpSlice(text, 11)).toBe("🇧!");
    expect(cpToUtf16(text, 3)).toBe(5);
    expect(utf16ToCp(text, 5)).toBe(3);
    // An offset between the halves of a surrogate pair rounds down to that character.
    expect(utf16ToCp(text, 1)).toBe(0);
    expect(cpToUtf16(text, 13)).toBe(17);
    expect(() => cpToUtf16(text, 14)).toThrow(RangeError);
  });

  it("CodePointIndex agrees with the one-shot helpers", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), (s) => {
        const index = new CodePointIndex(s);
        const n = cpLength(s);
        if (index.length !== n || n !== Array.from(s).length) return false;
        for (let cp = 0; cp <= n; cp++) {
          const u = cpToUtf16(s, cp);
          if (index.toUtf16(cp) !== u || index.toCp(u) !== cp || utf16ToCp(s, u) !== cp) return false;
        }
        return true;
      }),
    );
  });
});

describe("sha256Hex", () => {
  it("hashes the UTF-8 bytes", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Hex("é")).not.toBe(sha256Hex("e\u0301"));
    expect(sha256Hex(SAMPLE)).toMatch(/^[0-9a-f]{64}$/);
  });
});
