// The one shape every non-survey screen takes (not found, closed, offline, thank you…): a heading,
// a few sentences, optional actions. Never a blank page.
import type { ReactNode } from 'react';

interface NoticeProps {
  tone: 'info' | 'success' | 'warning' | 'error';
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
  testId?: string;
}

export function Notice({ tone, title, children, actions, testId }: NoticeProps) {
  return (
    <section className={`notice notice--${tone}`} role={tone === 'error' || tone === 'warning' ? 'alert' : 'status'} data-testid={testId}>
      <h1 className="notice__title">{title}</h1>
      <div className="notice__body">{children}</div>
      {actions ? <div className="notice__actions">{actions}</div> : null}
    </section>
  );
}
