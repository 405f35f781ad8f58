import { Text, View } from '@tarojs/components';
import type { StudyItemKind } from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { openExternalLink, type LinkOutcome } from '../../../../platform/external-link';

/** A video or a PDF kept elsewhere: opened in the phone's viewer or browser, or copied to paste there. */
export function LinkContent({ kind, url }: { kind: StudyItemKind; url: string }) {
  const [outcome, setOutcome] = useState<LinkOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const what = kind === 'video_link' ? '视频' : '文件';

  const open = () => {
    setBusy(true);
    setProblem(null);
    openExternalLink(url, kind === 'video_link' ? 'video' : 'pdf')
      .then(setOutcome)
      .catch(() => setProblem(`${what}没有打开，可以长按下面的链接复制后在浏览器中打开`))
      .finally(() => setBusy(false));
  };

  return (
    <View id="reader-link">
      <BigButton id="reader-link-open" size="huge" busy={busy} busyText="正在打开…" onClick={open}>
        {`打开${what}`}
      </BigButton>
      {outcome === 'copied' ? (
        <Text className="success-text" id="reader-link-copied">
          {`链接已复制。请打开手机浏览器，粘贴到地址栏打开${what}。`}
        </Text>
      ) : null}
      {problem ? (
        <Text className="error-text" id="reader-link-problem">
          {problem}
        </Text>
      ) : null}
      <Text className="hint reader-url" userSelect>
        {url}
      </Text>
    </View>
  );
}
