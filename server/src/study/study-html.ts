import sanitizeHtml from 'sanitize-html';

const HTTPS_URL = /^https:\/\/[^\s]+$/i;
const HTTP_URL = /^https?:\/\/[^\s]+$/i;

/** The attributes with `name` trimmed if it is an absolute URL of the allowed kind, and without it otherwise. */
function keepUrl(attribs: sanitizeHtml.Attributes, name: string, pattern: RegExp): sanitizeHtml.Attributes {
  const out = { ...attribs };
  const value = out[name]?.trim();
  if (value && pattern.test(value)) out[name] = value;
  else delete out[name];
  return out;
}

/**
 * What an article may hold once stored: basic formatting, headings, lists,
 * quotes, links to http(s) pages and images from https addresses. Nothing
 * that runs or restyles: no script, style, iframe, object, svg or form, no
 * event handlers, no `style` or `class` attribute, no `javascript:` or
 * `data:` URL, no relative or protocol-relative URL (they would resolve
 * against whatever page shows the article).
 */
export const ARTICLE_HTML_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'h1',
    'h2',
    'h3',
    'h4',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'sub',
    'sup',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'img',
    'hr',
    'span',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'width', 'height'],
  },
  allowedSchemes: ['http', 'https'],
  allowedSchemesByTag: { img: ['https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  allowedStyles: {},
  disallowedTagsMode: 'discard',
  // Their text is code or markup, never reading matter: drop it with the tag.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'svg', 'math', 'template', 'object'],
  transformTags: {
    // The scheme lists allow relative URLs; an article has no base to resolve them against, so they go too.
    a: (tagName, attribs) => ({ tagName, attribs: keepUrl(attribs, 'href', HTTP_URL) }),
    img: (tagName, attribs) => ({ tagName, attribs: keepUrl(attribs, 'src', HTTPS_URL) }),
  },
  // An image without an https source shows nothing: drop it.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

/** An article body as it may be stored and shown: see ARTICLE_HTML_OPTIONS. */
export function sanitizeArticle(html: string): string {
  return sanitizeHtml(html, ARTICLE_HTML_OPTIONS).trim();
}

/** Whether sanitised HTML holds anything to read or look at (text or an image). */
export function hasContent(html: string): boolean {
  return /<img\b/i.test(html) || sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).trim().length > 0;
}
