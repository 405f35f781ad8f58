import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { ErrorCode, IMPORT_MAX_BYTES, type ImportCellError, type ImportReport, type OrgView } from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { useRequiredSession } from '../../../../components/use-required-session';
import type { PickedFile } from '../../../../platform/files';
import { SpreadsheetPicker } from '../../../../platform/spreadsheet-picker';
import { ApiError, errorMessage } from '../../../../services/http';
import { downloadImportTemplate, importRoster } from '../../../../services/ledgers';
import { DownloadButton } from '../../components/download-button';
import { ImportErrorTable, ImportSummary, canCommit, cellErrorsFrom } from '../../components/import-report';
import { OrgTabs, useOrgChoice } from '../../components/org-choice';
import '../../org.css';

type Step =
  | { kind: 'idle' }
  | { kind: 'checking'; file: PickedFile }
  | { kind: 'checked'; file: PickedFile; report: ImportReport }
  | { kind: 'saving'; file: PickedFile; report: ImportReport }
  | { kind: 'saved'; report: ImportReport }
  | { kind: 'failed'; file: PickedFile | null; message: string; errors: ImportCellError[] | null };

function tooBig(file: PickedFile): string | null {
  if (!/\.xlsx$/i.test(file.name)) return '请选择 .xlsx 格式的表格（可用下载的模板填写）';
  if (file.size > IMPORT_MAX_BYTES) return `文件超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB，请分成几份导入`;
  return null;
}

function Importer({ org }: { org: OrgView }) {
  const [step, setStep] = useState<Step>({ kind: 'idle' });

  const check = (file: PickedFile) => {
    const problem = tooBig(file);
    if (problem) {
      setStep({ kind: 'failed', file: null, message: problem, errors: null });
      return;
    }
    setStep({ kind: 'checking', file });
    importRoster(org.id, 'preview', file)
      .then((report) => setStep({ kind: 'checked', file, report }))
      .catch((cause: unknown) => setStep({ kind: 'failed', file, message: errorMessage(cause), errors: null }));
  };

  const commit = () => {
    if (step.kind !== 'checked' || !canCommit(step.report)) return;
    const { file, report } = step;
    setStep({ kind: 'saving', file, report });
    importRoster(org.id, 'commit', file)
      .then((saved) => setStep({ kind: 'saved', report: saved }))
      .catch((cause: unknown) => {
        const errors =
          cause instanceof ApiError && cause.code === ErrorCode.IMPORT_INVALID ? cellErrorsFrom(cause.details) : null;
        setStep({ kind: 'failed', file, message: errorMessage(cause), errors });
      });
  };

  if (step.kind === 'saved') {
    return (
      <View className="card" id="import-done">
        <Text className="title">导入完成</Text>
        <Text
          className="success-text"
          id="import-done-count"
        >{`已导入 ${step.report.inserted} 名党员到${org.name}。`}</Text>
        <BigButton id="import-again" kind="secondary" onClick={() => setStep({ kind: 'idle' })}>
          再导入一份
        </BigButton>
      </View>
    );
  }

  const report = step.kind === 'checked' || step.kind === 'saving' ? step.report : null;
  const file = step.kind === 'idle' ? null : step.file;

  return (
    <View>
      <View className="card">
        <Text className="subtitle">第一步：下载模板</Text>
        <Text className="hint">按模板第一行的列名填写，每行一名党员。身份证号请按文本格式填写。</Text>
        <DownloadButton
          id="import-template"
          fileName="党员名册导入模板.xlsx"
          download={() => downloadImportTemplate(org.id)}
        >
          下载导入模板
        </DownloadButton>
      </View>

      <View className="card">
        <Text className="subtitle">第二步：选择填好的表格</Text>
        <Text className="hint">{`导入到：${org.name}。选择后会先检查，检查时不会写入任何数据。`}</Text>
        <SpreadsheetPicker
          id="import-file"
          disabled={step.kind === 'checking' || step.kind === 'saving'}
          onPick={check}
        >
          {file ? '重新选择表格' : '选择表格（.xlsx）'}
        </SpreadsheetPicker>
        {file ? <Text className="hint" id="import-file-name">{`已选择：${file.name}`}</Text> : null}
        {step.kind === 'checking' ? <LoadingView id="import-checking" text="正在检查表格…" /> : null}
        {step.kind === 'failed' ? (
          <View id="import-failed">
            <Text className="error-text" id="import-error">
              {step.message}
            </Text>
            {step.errors ? <ImportErrorTable errors={step.errors} /> : null}
            {step.file && !step.errors ? (
              <BigButton id="import-recheck" kind="plain" onClick={() => step.file && check(step.file)}>
                重新检查
              </BigButton>
            ) : null}
          </View>
        ) : null}
        {report ? (
          <View id="import-report">
            <ImportSummary report={report} />
            {report.errors.length > 0 ? <ImportErrorTable errors={report.errors} /> : null}
          </View>
        ) : null}
      </View>

      <View className="card">
        <Text className="subtitle">第三步：确认导入</Text>
        <Text className="hint">全部检查无误后才能导入；导入时全部写入或全部不写入。</Text>
        <BigButton
          id="import-commit"
          disabled={!canCommit(report)}
          busy={step.kind === 'saving'}
          busyText="正在导入…"
          onClick={commit}
        >
          {report && canCommit(report) ? `导入 ${report.goodRows} 名党员` : '导入'}
        </BigButton>
      </View>
    </View>
  );
}

/** 导入党员名册: template, preview of a filled-in sheet, and commit when it is clean (?orgId=). */
export default function ImportPage() {
  const session = useRequiredSession();
  const choice = useOrgChoice(useRouter().params.orgId);

  if (!session) return <LoadingView />;
  const { orgs, current } = choice;

  return (
    <View className="page">
      {orgs.status === 'loading' ? <LoadingView id="import-orgs-loading" /> : null}
      {orgs.status === 'failed' ? (
        <ErrorView id="import-orgs-error" message={orgs.message} onRetry={choice.reload} />
      ) : null}
      <OrgTabs id="import-orgs" choice={choice} />
      {orgs.status === 'ready' && !current ? (
        <EmptyState id="import-no-org" title="您的账号还没有分配组织" description="请联系系统管理员。" />
      ) : null}
      {current ? <Importer key={current.id} org={current} /> : null}
    </View>
  );
}
