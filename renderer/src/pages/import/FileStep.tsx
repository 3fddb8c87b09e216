import { FileExcelOutlined } from '@ant-design/icons';
import { Alert, Spin, Upload } from 'antd';
import type { Bilingual } from '../../../../shared/channels/import';
import type { Lang } from '../../i18n';
import { useImportT } from './messages';

// The border refuses more (MAX_IMPORT_BYTES); checked here too so a huge file is not read at all.
const MAX_BYTES = 20 * 1024 * 1024;

export interface Refusal {
  name: string;
  message: Bilingual | null;
}

/** Step 1: pick a workbook (the OS file dialog in Electron, an upload in the browser shell). */
export function FileStep({
  lang,
  reading,
  refusal,
  onFile,
}: {
  lang: Lang;
  reading: string | null;
  refusal: Refusal | null;
  onFile: (file: File) => void;
}) {
  const ti = useImportT();
  return (
    <div className="import-file-step">
      <Spin spinning={reading !== null} description={reading ? ti('file.reading', { name: reading }) : undefined}>
        <Upload.Dragger
          accept=".xlsx,.xlsm,.xls,.et,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple={false}
          showUploadList={false}
          disabled={reading !== null}
          data-testid="import-file-input"
          beforeUpload={(file) => {
            onFile(file);
            return Upload.LIST_IGNORE;
          }}
        >
          <p className="import-drop-icon">
            <FileExcelOutlined />
          </p>
          <p className="import-drop-text">{ti('file.drop')}</p>
          <p className="muted import-drop-hint">{ti('file.hint')}</p>
        </Upload.Dragger>
      </Spin>
      {refusal && (
        <Alert
          type="error"
          showIcon
          className="import-refusal"
          data-testid="import-refusal"
          title={ti('file.refused', { name: refusal.name })}
          description={
            refusal.message ? (lang === 'zh-CN' ? refusal.message.zh : refusal.message.en) : ti('file.tooLarge')
          }
        />
      )}
    </div>
  );
}

export function tooLarge(file: File): boolean {
  return file.size > MAX_BYTES;
}
