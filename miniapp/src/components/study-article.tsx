import { RichText, View } from '@tarojs/components';
import { useMemo } from 'react';
import { htmlToNodes } from './rich-html';

/**
 * An article's body through Taro's RichText, as nodes from an allow-list (never as HTML that could
 * run): the member's reader and the author's preview draw it the same way. Sizes come from the
 * `.study-article` rules of the page's CSS, larger under `.study-article--large`.
 */
export function StudyArticle({ id, html, large = false }: { id?: string; html: string; large?: boolean }) {
  const nodes = useMemo(() => htmlToNodes(html), [html]);
  return (
    <View id={id} className={`study-article${large ? ' study-article--large' : ''}`}>
      <RichText nodes={nodes} userSelect />
    </View>
  );
}
