import { DownOutlined, ExportOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import type { CSSProperties } from 'react';
import type { ExportFormat, ExportRequest } from '../../../../shared/channels/exports';
import { useExportsT } from './messages';
import { useExport } from './useExport';

export interface ExportChoice {
  format: ExportFormat;
  request: () => ExportRequest;
  /** Overrides the format's name in the menu. */
  label?: string;
}

/**
 * An export button: one choice runs at once, several open a menu of formats. Brings its own
 * progress dialog. `testId` names the button; each menu item is `${testId}-${format}`.
 */
export function ExportMenu(props: {
  label: string;
  choices: ExportChoice[];
  testId: string;
  disabled?: boolean;
  style?: CSSProperties;
}) {
  const te = useExportsT();
  const runner = useExport();
  const [only] = props.choices;
  const button =
    props.choices.length === 1 && only ? (
      <Button
        icon={<ExportOutlined />}
        loading={runner.busy}
        disabled={props.disabled}
        style={props.style}
        onClick={() => void runner.run(only.request())}
        data-testid={props.testId}
      >
        {props.label}
      </Button>
    ) : (
      <Dropdown
        disabled={props.disabled || runner.busy}
        trigger={['click']}
        menu={{
          items: props.choices.map((c, i) => ({
            key: String(i),
            label: c.label ?? te(`format.${c.format}`),
            'data-testid': `${props.testId}-${c.format}`,
          })),
          onClick: ({ key }) => {
            const choice = props.choices[Number(key)];
            if (choice) void runner.run(choice.request());
          },
        }}
      >
        <Button icon={<ExportOutlined />} loading={runner.busy} style={props.style} data-testid={props.testId}>
          {props.label} <DownOutlined />
        </Button>
      </Dropdown>
    );
  return (
    <>
      {button}
      {runner.modal}
    </>
  );
}
