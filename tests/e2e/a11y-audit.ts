/**
 * An accessibility audit of the page as it is rendered, for the browser tests.
 *
 * Accessible names and descriptions come from Chromium's own accessibility tree (the DevTools
 * protocol's Accessibility domain), i.e. what a screen reader is given; the structural rules
 * (labels, landmarks, id references, verdict cues, contrast) are checked in the page's DOM.
 * Each rule reports a line per offending element, so a failure says what to fix.
 */
import type { Page } from "playwright-core";
import { VERDICT_INFO, VERDICTS } from "@/lib/claims/verdicts";

export interface AxInfo {
  role: string;
  name: string;
  description: string;
  ignored: boolean;
}

/** Controls that must have a non-empty accessible name. */
export const INTERACTIVE =
  'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [tabindex="0"]';

const AUDIT_ATTR = "data-a11y-audit";

/**
 * Chromium's computed role, name and description of every element matching `selector`, in
 * document order. `describe` labels each element for messages.
 */
export async function axInfoOf(page: Page, selector: string): Promise<{ element: string; ax: AxInfo }[]> {
  const labels = await page.evaluate(
    ({ selector, attr }) =>
      [...document.querySelectorAll(selector)].map((el, i) => {
        el.setAttribute(attr, String(i));
        const tag = el.tagName.toLowerCase();
        const bits = [
          el.id && `#${el.id}`,
          el.getAttribute("name") && `[name=${el.getAttribute("name")}]`,
          el.getAttribute("type") && `[type=${el.getAttribute("type")}]`,
          el.getAttribute("href") && `[href=${el.getAttribute("href")}]`,
          typeof el.className === "string" && el.className && `.${el.className.trim().split(/\s+/).join(".")}`,
        ].filter(Boolean);
        return `<${tag}${bits.join("")}>`;
      }),
    { selector, attr: AUDIT_ATTR },
  );
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send("DOM.enable");
    await cdp.send("Accessibility.enable");
    const { root } = await cdp.send("DOM.getDocument", { depth: 0 });
    const { nodeIds } = await cdp.send("DOM.querySelectorAll", { nodeId: root.nodeId, selector: `[${AUDIT_ATTR}]` });
    const out: { element: string; ax: AxInfo }[] = [];
    for (const nodeId of nodeIds) {
      const { attributes } = await cdp.send("DOM.getAttributes", { nodeId });
      const index = Number(attributes[attributes.indexOf(AUDIT_ATTR) + 1]);
      const { nodes } = await cdp.send("Accessibility.getPartialAXTree", { nodeId, fetchRelatives: false });
      const node = nodes[0];
      out.push({
        element: labels[index] ?? `element ${index}`,
        ax: {
          role: String(node?.role?.value ?? ""),
          name: String(node?.name?.value ?? "").trim(),
          description: String(node?.description?.value ?? "").trim(),
          ignored: node?.ignored ?? true,
        },
      });
    }
    return out;
  } finally {
    await page.evaluate((attr) => document.querySelectorAll(`[${attr}]`).forEach((el) => el.removeAttribute(attr)), AUDIT_ATTR);
    await cdp.detach();
  }
}

/** The accessible description Chromium gives the element at `selector` (first match). */
export async function descriptionOf(page: Page, selector: string): Promise<string> {
  const [first] = await axInfoOf(page, selector);
  if (!first) throw new Error(`no element matches ${selector}`);
  return first.ax.description;
}

/** Everything wrong with the page as rendered now; an empty list means it passed. */
export async function auditPage(page: Page): Promise<string[]> {
  // Closed menus hide their links from everyone; open them so that their contents are audited too.
  await page.evaluate(() => document.querySelectorAll("details:not([open])").forEach((d) => d.setAttribute("open", "")));
  const problems: string[] = [];

  // 1. Names of interactive controls (and of images), from the accessibility tree.
  for (const { element, ax } of await axInfoOf(page, INTERACTIVE)) {
    if (ax.ignored) continue; // not rendered (hidden to everyone); focusable-but-hidden is checked below
    if (!ax.name) problems.push(`${element} (role ${ax.role}) has no accessible name`);
  }
  for (const { element, ax } of await axInfoOf(page, 'img, svg:not([aria-hidden="true"]), [role="img"], input[type="image"]')) {
    if (ax.ignored) continue;
    if (!ax.name) problems.push(`${element} has no text alternative (alt, aria-label or <title>), and is not aria-hidden`);
  }

  // 2. Structure and DOM rules.
  const verdicts = Object.fromEntries(VERDICTS.map((v) => [v, { label: VERDICT_INFO[v].label, icon: VERDICT_INFO[v].icon }]));
  problems.push(
    ...(await page.evaluate(
      ({ interactive, verdicts }) => {
        const out: string[] = [];
        const describe = (el: Element) => {
          const tag = el.tagName.toLowerCase();
          const id = el.id ? `#${el.id}` : "";
          const name = el.getAttribute("name") ? `[name=${el.getAttribute("name")}]` : "";
          const cls =
            typeof el.className === "string" && el.className.trim() ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
          const text = (el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 40);
          return `<${tag}${id}${name}${cls}>${text ? ` “${text}”` : ""}`;
        };
        const rendered = (el: Element) =>
          (el as HTMLElement).getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
        const norm = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();
        /** Text as shown, without aria-hidden parts (icons). */
        const spokenText = (el: Element): string => {
          let s = "";
          for (const n of el.childNodes) {
            if (n.nodeType === Node.TEXT_NODE) s += n.textContent;
            else if (n instanceof Element && n.getAttribute("aria-hidden") !== "true") s += ` ${spokenText(n)} `;
          }
          return s;
        };
        const textOfIds = (ids: string) =>
          ids
            .split(/\s+/)
            .filter(Boolean)
            .map((id) => document.getElementById(id)?.textContent ?? "")
            .join(" ")
            .trim();

        // lang
        const lang = document.documentElement.getAttribute("lang") ?? "";
        if (!/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(lang)) out.push(`<html> has no valid lang attribute (lang="${lang}")`);

        // Landmarks and headings
        const mains = [...document.querySelectorAll('main, [role="main"]')];
        if (mains.length !== 1) out.push(`expected exactly one main landmark, found ${mains.length}`);
        const h1s = [...document.querySelectorAll('h1, [role="heading"][aria-level="1"]')].filter(rendered);
        if (h1s.length !== 1) out.push(`expected exactly one h1, found ${h1s.length}: ${h1s.map(describe).join(", ")}`);
        for (const h of h1s) if (!norm(h.textContent ?? "")) out.push(`the h1 is empty`);
        if (!document.title.trim()) out.push("the page has no <title>");

        // ids: unique, and every reference resolves
        const ids = new Map<string, number>();
        for (const el of document.querySelectorAll("[id]")) ids.set(el.id, (ids.get(el.id) ?? 0) + 1);
        for (const [id, n] of ids) if (n > 1) out.push(`id "${id}" is used ${n} times`);
        for (const el of document.querySelectorAll("[aria-labelledby], [aria-describedby], [aria-controls], label[for]")) {
          for (const attr of ["aria-labelledby", "aria-describedby", "aria-controls", "for"]) {
            for (const id of (el.getAttribute(attr) ?? "").split(/\s+/).filter(Boolean)) {
              if (!document.getElementById(id)) out.push(`${describe(el)} has ${attr}="${id}", but no element has that id`);
            }
          }
        }

        // Keyboard: no positive tabindex, nothing focusable hidden from assistive technology, and
        // a focusable element that is not a control has a role (else it cannot be named).
        for (const el of document.querySelectorAll("[tabindex]")) {
          if (Number(el.getAttribute("tabindex")) > 0) out.push(`${describe(el)} has a positive tabindex`);
        }
        for (const el of document.querySelectorAll(interactive)) {
          if (el.closest('[aria-hidden="true"]') && el.getAttribute("tabindex") !== "-1")
            out.push(`${describe(el)} is focusable inside aria-hidden content`);
        }
        for (const el of document.querySelectorAll('[tabindex="0"]')) {
          if (!el.matches("a[href], button, input, select, textarea, summary") && !el.getAttribute("role")) {
            out.push(`${describe(el)} is focusable (tabindex=0) but has no role`);
          }
        }

        // Label in name (WCAG 2.5.3): an aria-label must contain the visible text.
        for (const el of document.querySelectorAll(
          "a[href][aria-label], button[aria-label], summary[aria-label], [role=button][aria-label]",
        )) {
          const visible = norm(spokenText(el));
          const name = norm(el.getAttribute("aria-label") ?? "");
          if (visible && !name.includes(visible))
            out.push(`${describe(el)}: its aria-label “${name}” does not contain its visible text “${visible}”`);
        }

        // Form fields: a programmatic label; hints and errors are descriptions, not part of the name.
        const fields = document.querySelectorAll(
          'input:not([type="hidden"]):not([type="submit"]):not([type="button"]):not([type="reset"]):not([type="image"]), select, textarea',
        );
        for (const f of fields as NodeListOf<HTMLInputElement>) {
          const labels = [...(f.labels ?? [])];
          const labelText = labels.map((l) => norm(spokenText(l))).join(" ");
          const aria = norm(f.getAttribute("aria-label") ?? "") || norm(textOfIds(f.getAttribute("aria-labelledby") ?? ""));
          if (!labelText && !aria)
            out.push(
              `${describe(f)} has no programmatic label (<label>, aria-label or aria-labelledby; title and placeholder do not count)`,
            );
          for (const l of labels) {
            for (const hint of l.querySelectorAll('.hint, .muted, .field-error, [role="alert"]')) {
              if (hint.getAttribute("aria-hidden") === "true") continue;
              out.push(
                `${describe(f)}: “${norm(hint.textContent ?? "")}” is inside its <label>, so it becomes part of the field's name; make it a description (aria-describedby)`,
              );
            }
          }
          if (f.getAttribute("aria-invalid") === "true") {
            const described = textOfIds(f.getAttribute("aria-describedby") ?? "");
            const errorMessage = textOfIds(f.getAttribute("aria-errormessage") ?? "");
            if (!described && !errorMessage) out.push(`${describe(f)} is aria-invalid but no error message is linked to it`);
          }
        }
        for (const el of document.querySelectorAll(".field-error")) {
          if (!rendered(el) || !norm(el.textContent ?? "")) continue;
          if (
            !el.id ||
            !document.querySelector(`[aria-describedby~="${CSS.escape(el.id)}"], [aria-errormessage="${CSS.escape(el.id)}"]`)
          ) {
            // A live counter or a static note may use the class for its colour; only messages about a field matter.
            const field = el.closest("label, .field")?.querySelector("input, select, textarea");
            if (field)
              out.push(`the error “${norm(el.textContent ?? "")}” is not linked to ${describe(field)} (aria-describedby)`);
          }
        }

        // Images
        for (const img of document.querySelectorAll("img:not([alt])")) out.push(`${describe(img)} has no alt attribute`);

        // Verdicts never by colour alone.
        const verdictOf = (el: Element, prefix: string) => {
          for (const c of el.classList)
            if (c.startsWith(prefix) && c.slice(prefix.length) in verdicts) return c.slice(prefix.length);
          return null;
        };
        const covered = new Set<Element>();
        for (const badge of document.querySelectorAll(".verdict")) {
          covered.add(badge);
          const v = verdictOf(badge, "verdict-");
          if (!v) {
            out.push(`${describe(badge)} is a verdict badge without a known verdict class`);
            continue;
          }
          const label = verdicts[v]!.label;
          if (norm(spokenText(badge)) !== norm(label))
            out.push(`${describe(badge)}: the verdict badge should read “${label}”, reads “${norm(spokenText(badge))}”`);
        }
        for (const mark of document.querySelectorAll("mark.claim")) {
          covered.add(mark);
          const v = verdictOf(mark, "v-");
          if (!v) {
            out.push(`${describe(mark)} is a claim highlight without a verdict class`);
            continue;
          }
          const { label, icon } = verdicts[v]!;
          // The cue is inside the highlight (the desk: the article's own text is in [data-s] spans) or
          // is the tag right after it (review page: the highlight holds the quoted text only).
          const after =
            mark.nextSibling instanceof Element && mark.nextSibling.classList.contains("claim-tag") ? mark.nextSibling : null;
          const cues = [...mark.querySelectorAll("*"), ...(after ? [after, ...after.querySelectorAll("*")] : [])].filter(
            (e) => !e.matches("[data-s]") && !e.closest("[data-s]"),
          );
          const hasIcon = cues.some(
            (e) => rendered(e) && (e as HTMLElement).getBoundingClientRect().width > 1 && (e.textContent ?? "").includes(icon),
          );
          const hasText = cues.some((e) => !e.closest('[aria-hidden="true"]') && norm(e.textContent ?? "").includes(norm(label)));
          if (!hasIcon || !hasText) {
            out.push(
              `${describe(mark)}: the ${label} highlight needs a visible icon (${icon}) and text naming the verdict, inside it or in a .claim-tag right after it (found: “${norm(cues.map((e) => e.textContent).join(" "))}”)`,
            );
          }
        }
        for (const bar of document.querySelectorAll(".progress")) {
          covered.add(bar);
          const box = bar.parentElement ?? bar;
          const shown = norm((box as HTMLElement).innerText ?? "");
          for (const seg of bar.querySelectorAll("[class*='seg-']")) {
            covered.add(seg);
            const v = verdictOf(seg, "seg-");
            if (!v) continue;
            if (!shown.includes(norm(verdicts[v]!.label))) {
              out.push(
                `the progress bar shows ${verdicts[v]!.label} claims as a coloured segment only; its visible text “${shown}” does not name them`,
              );
            }
          }
        }
        for (const el of document.querySelectorAll("[class]")) {
          if (covered.has(el) || el.closest(".verdict")) continue;
          if (verdictOf(el, "verdict-") || verdictOf(el, "v-") || verdictOf(el, "seg-"))
            out.push(`${describe(el)} is coloured by verdict but not a known verdict cue (badge, highlight, progress bar)`);
        }

        // Text contrast (WCAG 1.4.3), on solid backgrounds.
        type Rgba = [number, number, number, number];
        const parse = (s: string): Rgba | null => {
          const m = /rgba?\(([^)]+)\)/.exec(s);
          if (!m) return null;
          const p = m[1]!
            .split(/[\s,/]+/)
            .filter(Boolean)
            .map(Number);
          return [p[0]!, p[1]!, p[2]!, p[3] ?? 1];
        };
        const over = (top: Rgba, bottom: Rgba): Rgba => {
          const a = top[3];
          return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
        };
        const background = (el: Element): Rgba | null => {
          const layers: Rgba[] = [];
          for (let e: Element | null = el; e; e = e.parentElement) {
            const cs = getComputedStyle(e);
            if (cs.backgroundImage !== "none") return null;
            const c = parse(cs.backgroundColor);
            if (c && c[3] > 0) {
              layers.push(c);
              if (c[3] >= 1) break;
            }
          }
          return layers.reduceRight<Rgba>((acc, c) => over(c, acc), [255, 255, 255, 1]);
        };
        const luminance = ([r, g, b]: Rgba) => {
          const ch = (v: number) => {
            const s = v / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
          };
          return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
        };
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        const seen = new Set<Element>();
        while (walker.nextNode()) {
          const el = walker.currentNode.parentElement;
          if (!el || seen.has(el) || !(walker.currentNode.textContent ?? "").trim()) continue;
          seen.add(el);
          if (!rendered(el) || el.closest(":disabled, [aria-disabled=true], .sr-only, script, style, option")) continue;
          const r = el.getBoundingClientRect();
          if (r.right <= 0 || r.bottom <= 0 || r.width <= 1 || r.height <= 1) continue; // off-screen (skip link) or clipped
          const cs = getComputedStyle(el);
          const fg = parse(cs.color);
          const bg = background(el);
          if (!fg || !bg) continue;
          const l1 = luminance(over(fg, bg));
          const l2 = luminance(bg);
          const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
          const px = parseFloat(cs.fontSize);
          const large = px >= 24 || (px >= 18.66 && Number(cs.fontWeight) >= 700);
          const min = large ? 3 : 4.5;
          if (ratio < min)
            out.push(
              `${describe(el)}: text contrast ${ratio.toFixed(2)}:1 is below ${min}:1 (${cs.color} on rgb(${bg.slice(0, 3).map(Math.round).join(", ")}))`,
            );
        }
        return out;
      },
      { interactive: INTERACTIVE, verdicts },
    )),
  );
  return problems;
}
