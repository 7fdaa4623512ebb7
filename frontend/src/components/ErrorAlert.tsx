import { Alert } from 'antd';
import type { ReactNode } from 'react';
import { describeError } from '../lib/errors';
import { useT } from '../lib/i18n';

/** An error of a call, explained in words: its message and, for validation, each field. */
export function ErrorAlert({ error, action }: { error: unknown; action?: ReactNode }) {
  const t = useT();
  if (error === null || error === undefined) return null;
  const { message, fields } = describeError(error, t);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={message}
      description={
        fields.length ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {fields.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : undefined
      }
      action={action}
      style={{ marginBottom: 16 }}
    />
  );
}
