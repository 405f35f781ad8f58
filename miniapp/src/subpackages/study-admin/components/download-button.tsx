import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { BigButton } from '../../../components/big-button';
import { openDownloadedFile } from '../../../platform/files';
import { errorMessage } from '../../../services/http';

/** Fetches a spreadsheet with the person's login and hands it over (opens on weapp, saves on H5). */
export function DownloadButton({
  id,
  fileName,
  download,
  children,
}: {
  id: string;
  fileName: string;
  download: () => Promise<string>;
  children: string;
}) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const run = () => {
    setBusy(true);
    setProblem(null);
    download()
      .then((path) => openDownloadedFile(path, fileName))
      .catch((cause: unknown) => setProblem(errorMessage(cause)))
      .finally(() => setBusy(false));
  };

  return (
    <View>
      <BigButton id={id} kind="secondary" busy={busy} busyText="正在下载…" onClick={run}>
        {children}
      </BigButton>
      {problem ? (
        <Text className="error-text" id={`${id}-error`}>
          {problem}
        </Text>
      ) : null}
    </View>
  );
}
