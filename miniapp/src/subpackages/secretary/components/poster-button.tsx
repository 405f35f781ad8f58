import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { BigButton } from '../../../components/big-button';
import { openDownloadedPoster } from '../../../platform/poster';
import { downloadBranchPoster, type PosterFormat } from '../../../services/activities';
import { errorMessage } from '../../../services/http';

/** Downloads a branch's poster with the person's login and hands it over (viewer on weapp, download on H5). */
export function PosterButton({
  id,
  orgId,
  fileName,
  format,
  children,
}: {
  id: string;
  orgId: string;
  fileName: string;
  format: PosterFormat;
  children: string;
}) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const run = () => {
    setBusy(true);
    setProblem(null);
    downloadBranchPoster(orgId, format)
      .then((path) => openDownloadedPoster(path, fileName, format))
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
