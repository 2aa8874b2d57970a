import { Component, type ReactNode } from 'react';
import { Button, Result } from 'antd';
import i18n from '../i18n/index.ts';

type State = { failed: boolean };

/** Last line of defence: a render error shows a reload button instead of a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Result
        status="error"
        title={i18n.t('errors.title')}
        subTitle={i18n.t('errors.boundary')}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {i18n.t('errors.reload')}
          </Button>
        }
      />
    );
  }
}
