// HTML written in TypeScript, for the few pages whose templates cost too much to
// render (see docs/architecture.md, "Pages"). Every value put into an `html`
// template is escaped exactly as the templates' autoescape does it, unless it
// is already Html: markup comes only from the literal parts of `html` templates.

/** Markup that is safe to send: written by `html`, with every value in it escaped. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const entities: Record<string, string> = {
  '&': '&amp;',
  '"': '&quot;',
  "'": '&#39;',
  '<': '&lt;',
  '>': '&gt;',
};
const special = /[&"'<>]/;
const specials = /[&"'<>]/g;

/** Text as HTML: the same five characters replaced as Nunjucks's autoescape replaces them. */
export function escapeHtml(text: string): string {
  return special.test(text) ? text.replace(specials, (ch) => entities[ch] as string) : text;
}

/** What an `html` template takes: text and numbers (escaped), Html or lists of it, or nothing. */
export type HtmlPart = string | number | Html | readonly Html[] | null | undefined | false;

function partText(part: HtmlPart): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.text;
  if (typeof part === 'number') return String(part);
  if (typeof part === 'string') return escapeHtml(part);
  let text = '';
  for (const item of part) text += item.text;
  return text;
}

/** A tagged template: html`<p>${text}</p>` escapes text; nothing else is ever taken as markup. */
export function html(strings: TemplateStringsArray, ...parts: HtmlPart[]): Html {
  let text = strings[0] as string;
  for (let i = 0; i < parts.length; i++) text += partText(parts[i]) + (strings[i + 1] as string);
  return new Html(text);
}

/** Html already encoded as UTF-8: for markup sent many times, so it is encoded once. */
export class HtmlBytes {
  private constructor(readonly bytes: Buffer) {}
  static of(markup: Html): HtmlBytes {
    return new HtmlBytes(Buffer.from(markup.text));
  }
}

/**
 * A page put together as bytes from Html and HtmlBytes, in order. Encoding a
 * long page's text to UTF-8 (and first joining its thousands of pieces) cost
 * as much as writing it; pieces kept as bytes are copied instead.
 */
export class HtmlBuilder {
  private readonly parts: Buffer[] = [];
  private text = '';

  add(part: Html | HtmlBytes): this {
    if (part instanceof Html) {
      this.text += part.text;
      return this;
    }
    if (this.text) this.parts.push(Buffer.from(this.text));
    this.text = '';
    this.parts.push(part.bytes);
    return this;
  }

  bytes(): Buffer {
    if (this.text) this.parts.push(Buffer.from(this.text));
    this.text = '';
    return Buffer.concat(this.parts);
  }
}

/**
 * Pieces of markup (HtmlBytes, or a few together) kept by a key that names
 * everything they show, so a piece is made once and sent many times. Forgets
 * everything when full.
 */
export class KeptMarkup<T> {
  private readonly kept = new Map<string, T>();
  constructor(private readonly limit: number) {}

  get(key: string, make: () => T): T {
    let piece = this.kept.get(key);
    if (piece === undefined) {
      if (this.kept.size >= this.limit) this.kept.clear();
      piece = make();
      this.kept.set(key, piece);
    }
    return piece;
  }
}
