/**
 * Article HTML → the node list that Taro's RichText draws the same way on weapp and H5.
 *
 * The server sanitises every stored body; this is the second fence, and the only one for an author's
 * preview of what they have just typed: an allow-list of tags, attributes and style properties, so no
 * script, event handler, frame or `javascript:` link can reach the page. Font sizes and line heights are
 * dropped, so the reader's own (and its larger-type mode) apply to pasted articles too.
 */

export interface RichTextElement {
  type?: 'node';
  name: string;
  attrs?: Record<string, string>;
  children?: RichNode[];
}
export interface RichTextText {
  type: 'text';
  text: string;
}
export type RichNode = RichTextElement | RichTextText;

const ALLOWED_TAGS = new Set([
  'p',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'sub',
  'sup',
  'small',
  'span',
  'div',
  'section',
  'article',
  'blockquote',
  'pre',
  'code',
  'ul',
  'ol',
  'li',
  'img',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'caption',
  'figure',
  'figcaption',
]);

/** Shown as their text (a link cannot go anywhere from a rich-text node on weapp). */
const RENAMED_TAGS: Record<string, string> = { a: 'span', font: 'span', center: 'div' };

/** Dropped with everything inside them. */
const DROPPED_WITH_CONTENT = new Set([
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'noscript',
  'template',
  'svg',
  'math',
  'head',
  'title',
  'textarea',
  'select',
  'button',
  'form',
  'video',
  'audio',
  'canvas',
]);

const VOID_TAGS = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'wbr', 'col', 'source', 'area', 'base']);

const ALLOWED_ATTRS: Record<string, readonly string[]> = {
  img: ['src', 'alt', 'width', 'height'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan'],
};

const ALLOWED_STYLES = new Set([
  'color',
  'background-color',
  'text-align',
  'text-indent',
  'text-decoration',
  'font-weight',
  'font-style',
  'margin',
  'margin-top',
  'margin-bottom',
  'padding',
  'padding-top',
  'padding-bottom',
  'border',
  'border-collapse',
]);

/** Room around blocks (RichText's own tags have none on H5); an author's margin still wins, being later. */
const BLOCK_SPACING: Record<string, string> = {
  p: 'margin:0 0 0.8em',
  h1: 'margin:0.6em 0 0.4em',
  h2: 'margin:0.6em 0 0.4em',
  h3: 'margin:0.6em 0 0.4em',
  h4: 'margin:0.6em 0 0.4em',
  blockquote: 'margin:0 0 0.8em;padding-left:0.8em;border-left:4px solid #dddddd',
  li: 'margin:0 0 0.4em',
  img: 'max-width:100%;height:auto',
};

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ldquo: '\u201c',
  rdquo: '\u201d',
  lsquo: '\u2018',
  rsquo: '\u2019',
  mdash: '\u2014',
  hellip: '\u2026',
  middot: '\u00b7',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

function cleanStyle(style: string): string {
  return style
    .split(';')
    .map((declaration) => {
      const colon = declaration.indexOf(':');
      if (colon < 0) return null;
      const property = declaration.slice(0, colon).trim().toLowerCase();
      const value = declaration.slice(colon + 1).trim();
      if (!ALLOWED_STYLES.has(property) || !value || /url\s*\(|expression|javascript:|[<>"\\]/i.test(value))
        return null;
      return `${property}:${value}`;
    })
    .filter((declaration): declaration is string => declaration !== null)
    .join(';');
}

const isWebUrl = (value: string) => /^https?:\/\//i.test(value.trim());

function cleanAttrs(tag: string, raw: string): Record<string, string> | undefined {
  const attrs: Record<string, string> = {};
  const allowed = ALLOWED_ATTRS[tag] ?? [];
  const pattern = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
  for (let match = pattern.exec(raw); match; match = pattern.exec(raw)) {
    const name = match[1].toLowerCase();
    const value = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
    if (name === 'style') {
      const style = cleanStyle(value);
      if (style) attrs.style = style;
    } else if (allowed.includes(name)) {
      if (name === 'src' && !isWebUrl(value)) continue;
      if (
        (name === 'width' || name === 'height' || name === 'colspan' || name === 'rowspan') &&
        !/^\d{1,4}$/.test(value)
      )
        continue;
      attrs[name] = value.trim();
    }
  }
  if (tag === 'img') {
    if (!attrs.src) return undefined;
    // Never wider than the screen, whatever size the author gave (the spacing rule comes last here).
    attrs.style = `${attrs.style ? `${attrs.style};` : ''}${BLOCK_SPACING.img}`;
    delete attrs.width;
    delete attrs.height;
  } else if (BLOCK_SPACING[tag]) {
    attrs.style = attrs.style ? `${BLOCK_SPACING[tag]};${attrs.style}` : BLOCK_SPACING[tag];
  }
  return Object.keys(attrs).length > 0 ? attrs : undefined;
}

/** Parses HTML into RichText nodes, keeping only what the allow-lists name. */
export function htmlToNodes(html: string): RichNode[] {
  const root: RichTextElement = { name: 'root', children: [] };
  const stack: { tag: string; node: RichTextElement | null }[] = [{ tag: 'root', node: root }];
  const parent = () => {
    for (let i = stack.length - 1; i >= 0; i -= 1) {
      const node = stack[i].node;
      if (node) return node;
    }
    return root;
  };
  const append = (node: RichNode) => {
    const into = parent();
    (into.children ??= []).push(node);
  };

  const token =
    /<!--[\s\S]*?(?:-->|$)|<![^>]*>|<\?[^>]*>|<\/\s*([a-zA-Z][\w-]*)[^>]*>|<([a-zA-Z][\w-]*)((?:"[^"]*"|'[^']*'|[^'">])*)>/g;
  let at = 0;
  let skipping: string | null = null;
  for (let match = token.exec(html); ; match = token.exec(html)) {
    const end = match ? match.index : html.length;
    if (end > at && skipping === null) {
      const text = decodeEntities(html.slice(at, end));
      if (text.trim() !== '' || !/\n/.test(text)) append({ type: 'text', text });
    }
    if (!match) break;
    at = match.index + match[0].length;
    const closing = match[1]?.toLowerCase();
    const opening = match[2]?.toLowerCase();

    if (skipping !== null) {
      if (closing === skipping) skipping = null;
      continue;
    }
    if (opening) {
      const selfClosing = /\/\s*$/.test(match[3] ?? '');
      if (DROPPED_WITH_CONTENT.has(opening)) {
        if (!selfClosing) skipping = opening;
        continue;
      }
      const name = RENAMED_TAGS[opening] ?? opening;
      const allowed = ALLOWED_TAGS.has(name);
      const element: RichTextElement | null = allowed ? { name } : null;
      if (element) {
        const attrs = cleanAttrs(name, match[3] ?? '');
        if (name === 'img' && !attrs) continue;
        if (attrs) element.attrs = attrs;
        append(element);
      }
      if (!VOID_TAGS.has(opening) && !selfClosing) stack.push({ tag: opening, node: element });
    } else if (closing) {
      for (let i = stack.length - 1; i > 0; i -= 1) {
        if (stack[i].tag === closing) {
          stack.length = i;
          break;
        }
      }
    }
  }
  return root.children ?? [];
}
