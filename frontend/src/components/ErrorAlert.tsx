import { Alert } from 'antd';
import { useEffect, useRef, type ReactNode } from 'react';
import { describeError } from '../lib/errors';
import { useT } from '../lib/i18n';

/**
 * An error of a call, explained in words: its message and, for validation, each field. When an
 * error comes back (a form was sent), focus moves to it so that the reader hears it and goes on
 * from there instead of from the top of the page.
 */
export function ErrorAlert({ error, action, focus = true }: { error: unknown; action?: ReactNode; focus?: boolean }) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const present = error !== null && error !== undefined;
  useEffect(() => {
    if (present && focus) box.current?.focus();
  }, [error, present, focus]);
  if (!present) return null;
  const { message, fields } = describeError(error, t);
  return (
    <div ref={box} tabIndex={-1} className="error-alert">
      <Alert
        type="error"
        showIcon
        role="alert"
        title={message}
        description={
          fields.length ? (
            <ul style={{ margin: 0, paddingInlineStart: '1.25rem' }}>
              {fields.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : undefined
        }
        action={action}
        style={{ marginBottom: '1rem' }}
      />
    </div>
  );
}
