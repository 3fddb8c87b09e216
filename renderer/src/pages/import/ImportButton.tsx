import { FileExcelOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useNavigate } from 'react-router';
import { useImportT } from './messages';

/** On the ledger page, next to 新建项目: opens the import wizard. */
export function ImportButton() {
  const ti = useImportT();
  const navigate = useNavigate();
  return (
    <Button
      icon={<FileExcelOutlined />}
      style={{ marginLeft: 'auto', alignSelf: 'center' }}
      onClick={() => void navigate('/projects/import')}
      data-testid="import-open"
    >
      {ti('open')}
    </Button>
  );
}
