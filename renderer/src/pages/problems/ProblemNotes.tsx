import { Button, Empty, Input, Space, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgressNote } from '../../../../shared/domain/problem';
import { call, toApiError, type ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { instant } from '../../format';
import type { Lang } from '../../i18n';

/** 办理进展: append-only, oldest first, with a box to add one. */
export function ProblemNotes({
  problemId,
  notes,
  onAdded,
}: {
  problemId: string;
  notes: ProgressNote[];
  onAdded: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const add = async () => {
    if (!text.trim()) return;
    setSaving(true);
    setError(null);
    try {
      await call('problems.addNote', { problemId, text: text.trim() });
      setText('');
      onAdded();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div data-testid="problem-notes">
      {notes.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('problems.notes.empty')} />
      ) : (
        <Timeline
          items={notes.map((n) => ({
            key: n.id,
            content: (
              <div data-testid="problem-note">
                <div className="problem-note-text">{n.text}</div>
                <div className="problem-note-meta">
                  {n.authorName} · {instant(n.at, lang)}
                </div>
              </div>
            ),
          }))}
        />
      )}
      {error && <ErrorAlert error={error} />}
      <Space.Compact style={{ width: '100%', marginTop: 8 }} block>
        <Input.TextArea
          data-testid="problem-note-input"
          value={text}
          onChange={(e) => setText(e.target.value)}
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={2000}
          placeholder={t('problems.notes.placeholder')}
          onPressEnter={(e) => {
            // Ctrl+Enter adds; Enter alone is a new line.
            if (e.ctrlKey || e.metaKey) void add();
          }}
        />
      </Space.Compact>
      <Space style={{ marginTop: 8, justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('problems.notes.appendOnly')}
        </Typography.Text>
        <Button
          type="primary"
          data-testid="problem-note-add"
          loading={saving}
          disabled={!text.trim()}
          onClick={() => void add()}
        >
          {t('problems.notes.add')}
        </Button>
      </Space>
    </div>
  );
}
