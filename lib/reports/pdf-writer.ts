/**
 * The PDF report's layout primitives over PDFKit: the embedded DejaVu faces (loaded once per
 * process), the colours and margins, and Writer (headings, paragraphs, styled runs with links, a
 * banner, rules, page breaks that keep headings with what follows). render-pdf.ts lays the report
 * out with them.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { toPdfText } from "./escape";

const FONT_FILES = {
  sans: "DejaVuSans.ttf",
  bold: "DejaVuSans-Bold.ttf",
  oblique: "DejaVuSans-Oblique.ttf",
  serifItalic: "DejaVuSerif-Italic.ttf",
  serifBoldItalic: "DejaVuSerif-BoldItalic.ttf",
} as const;
type FontName = keyof typeof FONT_FILES;

export const INK = "#1f2328";
export const MUTED = "#59636e";
const RULE = "#d1d9e0";
const LINK = "#0969da";
export const ALERT = "#cf222e";
export const PENDING = "#7d4e00";

export const MARGIN = { top: 56, bottom: 64, left: 56, right: 56 };

export interface Segment {
  text: string;
  font?: FontName;
  size?: number;
  color?: string;
  /** Only ever a URL that passed toSafeHttpUrl; null means plain text. */
  link?: string | null;
}

export class Writer {
  readonly left: number;
  readonly width: number;

  constructor(readonly doc: PDFKit.PDFDocument) {
    this.left = MARGIN.left;
    this.width = doc.page.width - MARGIN.left - MARGIN.right;
  }

  font(name: FontName): PDFKit.PDFDocument {
    return this.doc.font(name === "sans" ? loadFonts().paths.sans : name);
  }

  /** Starts a new page unless `height` points still fit, so headings are not orphaned. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.doc.page.height - MARGIN.bottom) this.doc.addPage();
  }

  gap(lines: number): void {
    this.font("sans").fontSize(10);
    this.doc.moveDown(lines);
  }

  heading(text: string, level: 2 | 4): void {
    this.ensureSpace(level === 2 ? 90 : 50);
    this.gap(level === 2 ? 0.8 : 0.4);
    if (level === 2) this.rich([{ text, font: "bold", size: 15 }]);
    else this.rich([{ text: text.toUpperCase(), font: "bold", size: 9, color: MUTED }]);
    this.gap(0.2);
  }

  paragraph(text: string, options: { indent?: number } = {}): void {
    this.rich([{ text }], options);
    this.gap(0.3);
  }

  banner(text: string): void {
    const { doc } = this;
    const top = doc.y;
    this.font("bold").fontSize(10).fillColor(ALERT);
    doc.text(toPdfText(text), this.left + 8, top + 6, { width: this.width - 16 });
    const bottom = doc.y + 4;
    doc
      .lineWidth(2)
      .rect(this.left, top, this.width, bottom - top)
      .stroke(ALERT);
    doc.x = this.left;
    doc.y = bottom + 10;
  }

  rule(): void {
    const { doc } = this;
    doc
      .lineWidth(0.5)
      .moveTo(this.left, doc.y)
      .lineTo(this.left + this.width, doc.y)
      .stroke(RULE);
  }

  /**
   * A run of differently styled segments wrapped as one paragraph. Every string passes through
   * toPdfText here, so no caller can hand PDFKit a lone surrogate or a control character.
   */
  rich(segments: Segment[], options: { indent?: number; bar?: boolean } = {}): void {
    const { doc } = this;
    const parts = segments
      .map((segment) => ({ ...segment, text: toPdfText(segment.text) }))
      .filter((segment) => segment.text !== "");
    if (parts.length === 0) return;
    const indent = options.indent ?? 0;
    const startPage = this.currentPage();
    const startY = doc.y;
    const x = this.left + indent;
    parts.forEach((segment, index) => {
      const isLink = segment.link !== undefined && segment.link !== null;
      this.font(segment.font ?? "sans")
        .fontSize(segment.size ?? 10)
        .fillColor(isLink ? LINK : (segment.color ?? INK));
      const textOptions: PDFKit.Mixins.TextOptions = {
        width: this.width - indent,
        continued: index < parts.length - 1,
        lineGap: 1.5,
        link: isLink ? segment.link : null,
        underline: isLink,
      };
      if (index === 0) doc.text(segment.text, x, doc.y, textOptions);
      else doc.text(segment.text, textOptions);
    });
    if (options.bar && this.currentPage() === startPage) {
      doc
        .lineWidth(2)
        .moveTo(x - 8, startY)
        .lineTo(x - 8, doc.y - 2)
        .stroke(RULE);
    }
    doc.x = this.left;
    doc.fillColor(INK);
  }

  private currentPage(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count - 1;
  }
}

// ---------------------------------------------------------------------------------------------
// Fonts

interface LoadedFonts {
  paths: Record<FontName, string>;
  buffers: Record<FontName, Buffer>;
}

let loadedFonts: LoadedFonts | null = null;

/** Read once per process: the five files are about 2.5 MB and every report needs them. */
export function loadFonts(): LoadedFonts {
  if (loadedFonts !== null) return loadedFonts;
  const directory = fontDirectory();
  const paths = Object.fromEntries(
    Object.entries(FONT_FILES).map(([name, file]) => [name, path.join(directory, file)]),
  ) as Record<FontName, string>;
  const buffers = Object.fromEntries(Object.entries(paths).map(([name, file]) => [name, readFileSync(file)])) as Record<
    FontName,
    Buffer
  >;
  loadedFonts = { paths, buffers };
  return loadedFonts;
}

function fontDirectory(): string {
  try {
    const packageJson = createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json");
    return path.join(path.dirname(packageJson), "ttf");
  } catch {
    // Bundled server code may not be able to resolve packages from its own location.
    return path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
  }
}
