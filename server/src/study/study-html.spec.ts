import { ARTICLE_HTML_OPTIONS, hasContent, sanitizeArticle } from './study-html.js';

describe(sanitizeArticle.name, () => {
  it.each([
    ['a script element', '<p>学习</p><script>alert(1)</script>', '<p>学习</p>'],
    ['a script split to dodge filters', '<scr<script>ipt>alert(1)</script>', 'ipt&gt;alert(1)'],
    [
      'an image with an error handler',
      '<img src="https://a.cn/x.png" onerror="alert(1)">',
      '<img src="https://a.cn/x.png" />',
    ],
    ['an image from a relative source', '<img src="x" onerror="alert(1)">', ''],
    ['an image over plain http', '<img src="http://a.cn/x.png">', ''],
    ['an image as a data URL', '<img src="data:image/svg+xml;base64,PHN2Zz4=">', ''],
    ['a javascript: link', '<a href="javascript:alert(1)">点我</a>', '<a>点我</a>'],
    ['a javascript: link hidden by an entity', '<a href="jav&#x09;ascript:alert(1)">点我</a>', '<a>点我</a>'],
    ['a javascript: link in capitals', '<a href="JAVASCRIPT:alert(1)">点我</a>', '<a>点我</a>'],
    ['a data: link', '<a href="data:text/html,<script>alert(1)</script>">点我</a>', '<a>点我</a>'],
    ['a relative link', '<a href="/api/members">名册</a>', '<a>名册</a>'],
    ['a protocol-relative link', '<a href="//evil.example/x">x</a>', '<a>x</a>'],
    ['an iframe', '<iframe src="https://evil.example"></iframe><p>正文</p>', '<p>正文</p>'],
    ['an svg with onload', '<svg onload="alert(1)"><circle r="1"/></svg>正文', '正文'],
    ['a style expression', '<p style="width: expression(alert(1))">正文</p>', '<p>正文</p>'],
    ['a style element', '<style>body{background:url(javascript:alert(1))}</style><p>正文</p>', '<p>正文</p>'],
    ['an event handler on a paragraph', '<p onclick="alert(1)" class="x">正文</p>', '<p>正文</p>'],
    ['a form', '<form action="https://evil.example"><input name="pwd"></form>正文', '正文'],
    ['an object', '<object data="https://evil.example/x.swf"></object>正文', '正文'],
    ['a meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">正文', '正文'],
  ])('removes %s', (_what, html, expected) => {
    expect(sanitizeArticle(html)).toBe(expected);
  });

  it.each([
    ['headings and emphasis', '<h2>标题</h2><p><strong>重点</strong>与<em>强调</em></p>'],
    ['lists', '<ul><li>一</li><li>二</li></ul><ol><li>甲</li></ol>'],
    ['an https image with alt text', '<img src="https://cdn.example.cn/a.png" alt="图" />'],
    ['an http link with a title', '<a href="http://www.12371.cn/" title="共产党员网">共产党员网</a>'],
    ['a quote and a rule', '<blockquote>不忘初心</blockquote><hr />'],
  ])('keeps %s', (_what, html) => {
    expect(sanitizeArticle(html)).toBe(html);
  });

  it('escapes text that looks like markup', () => {
    expect(sanitizeArticle('<p>1 &lt; 2 &amp;&amp; x</p>')).toBe('<p>1 &lt; 2 &amp;&amp; x</p>');
  });

  it('allows no style, class or event attribute on any tag', () => {
    const allowed = Object.values(ARTICLE_HTML_OPTIONS.allowedAttributes as Record<string, string[]>).flat();
    expect(allowed.filter((a) => a === 'style' || a === 'class' || a.startsWith('on'))).toEqual([]);
  });
});

describe(hasContent.name, () => {
  it.each([
    ['text', '<p>学习</p>', true],
    ['only an image', '<img src="https://a.cn/x.png" />', true],
    ['empty paragraphs', '<p></p><p> </p>', false],
    ['nothing', '', false],
  ])('sees %s', (_what, html, expected) => {
    expect(hasContent(html)).toBe(expected);
  });
});
