import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

/** Page title (an h1 for screen readers and tests) with actions that wrap on narrow screens. */
export function PageHeader({ title, extra, sub }: { title: ReactNode; extra?: ReactNode; sub?: ReactNode }) {
  return (
    <Flex className="bw-page-header" justify="space-between" align="center" wrap gap={8}>
      <div style={{ minWidth: 0 }}>
        <Typography.Title level={1} className="bw-page-title">
          {title}
        </Typography.Title>
        {sub ? <Typography.Text type="secondary">{sub}</Typography.Text> : null}
      </div>
      {extra ? (
        <Flex wrap gap={8}>
          {extra}
        </Flex>
      ) : null}
    </Flex>
  );
}
