import { decodeEntities, htmlToNodes } from './rich-html';

describe(htmlToNodes.name, () => {
  it('keeps paragraphs, headings, emphasis and lists as nodes with their text', () => {
    expect(htmlToNodes('<h2>学习要点</h2><p>一、<strong>坚持</strong>党的领导</p><ul><li>第一条</li></ul>')).toEqual([
      { name: 'h2', attrs: { style: 'margin:0.6em 0 0.4em' }, children: [{ type: 'text', text: '学习要点' }] },
      {
        name: 'p',
        attrs: { style: 'margin:0 0 0.8em' },
        children: [
          { type: 'text', text: '一、' },
          { name: 'strong', children: [{ type: 'text', text: '坚持' }] },
          { type: 'text', text: '党的领导' },
        ],
      },
      {
        name: 'ul',
        children: [{ name: 'li', attrs: { style: 'margin:0 0 0.4em' }, children: [{ type: 'text', text: '第一条' }] }],
      },
    ]);
  });

  it('drops scripts, styles and frames with their content, and every event handler', () => {
    const nodes = htmlToNodes(
      '<p onclick="steal()">正文<script>alert(1)</script></p><style>p{}</style><iframe src="https://x.test"></iframe><img src="https://img.test/a.png" onerror="alert(2)">',
    );
    expect(nodes).toEqual([
      { name: 'p', attrs: { style: 'margin:0 0 0.8em' }, children: [{ type: 'text', text: '正文' }] },
      { name: 'img', attrs: { src: 'https://img.test/a.png', style: 'max-width:100%;height:auto' } },
    ]);
    expect(JSON.stringify(nodes)).not.toMatch(/alert|onclick|onerror|iframe|script/);
  });

  it('keeps only web images and shows links as plain text', () => {
    expect(
      htmlToNodes(
        '<img src="javascript:alert(1)"><img src="data:image/png;base64,AAAA"><a href="javascript:x()">原文</a>',
      ),
    ).toEqual([{ name: 'span', children: [{ type: 'text', text: '原文' }] }]);
  });

  it('drops font sizes and unsafe style values but keeps colour and alignment', () => {
    expect(
      htmlToNodes(
        '<p style="font-size:12px;line-height:1.2;color:#c8161d;text-align:center;background:url(https://x.test/t.png)">居中</p>',
      ),
    ).toEqual([
      {
        name: 'p',
        attrs: { style: 'margin:0 0 0.8em;color:#c8161d;text-align:center' },
        children: [{ type: 'text', text: '居中' }],
      },
    ]);
  });

  it('unwraps unknown tags, keeps their text, and survives unclosed or stray tags', () => {
    expect(htmlToNodes('<o:p>说明</o:p><p>未闭合<b>加粗</p></div>结尾')).toEqual([
      { type: 'text', text: '说明' },
      {
        name: 'p',
        attrs: { style: 'margin:0 0 0.8em' },
        children: [
          { type: 'text', text: '未闭合' },
          { name: 'b', children: [{ type: 'text', text: '加粗' }] },
        ],
      },
      { type: 'text', text: '结尾' },
    ]);
  });

  it('reads entities in text and plain text without any tags', () => {
    expect(decodeEntities('&ldquo;两学一做&rdquo; &amp; &#20826;&#x5458;')).toBe('\u201c两学一做\u201d & 党员');
    expect(htmlToNodes('只有一段文字')).toEqual([{ type: 'text', text: '只有一段文字' }]);
  });
});
