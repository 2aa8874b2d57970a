import { Button, Tabs } from 'antd';
import { BarChartOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { MatterAction, MatterBox } from '../../../../contracts/o2o.ts';
import type { Permission } from '../../../../contracts/permissions.ts';
import { ExportButton } from '../../../ui/ExportButton.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { hasPermission, useMe } from '../../auth/index.ts';
import { BULK_ACTIONS, MatterTable } from '../components/MatterTable.tsx';
import { exportMatters } from '../o2o.api.ts';

/** Which queues a role sees: acceptors (village cadres, O2O office), dispatchers (O2O office), handlers (handling units). */
const BOXES: { box: MatterBox; permission: Permission }[] = [
  { box: 'accept', permission: 'o2o.accept' },
  { box: 'dispatch', permission: 'o2o.dispatch' },
  { box: 'handle', permission: 'o2o.handle' },
  { box: 'review', permission: 'o2o.dispatch' },
  { box: 'revisit', permission: 'o2o.dispatch' },
  { box: 'overdue', permission: 'o2o.read' },
  { box: 'all', permission: 'o2o.read' },
];
const BULK_PERMISSION: Partial<Record<MatterAction, Permission>> = { accept: 'o2o.accept', dispatch: 'o2o.dispatch', close: 'o2o.dispatch' };

/** /o2o: the dispatcher's and handler's workspace: queues by state, due-date countdowns, bulk actions, export. */
export default function O2oPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const boxes = BOXES.filter((b) => hasPermission(me, b.permission)).map((b) => b.box);
  const asked = params.get('box') as MatterBox | null;
  const box: MatterBox = asked && boxes.includes(asked) ? asked : (boxes[0] ?? 'all');
  const bulkOf = (b: MatterBox): MatterAction | null => {
    const action = BULK_ACTIONS[b];
    const permission = action ? BULK_PERMISSION[action] : undefined;
    return action && permission && hasPermission(me, permission) ? action : null;
  };
  return (
    <>
      <PageHeader
        title={t('o2o.title')}
        sub={t('o2o.sub')}
        extra={
          <>
            <Link to="/o2o/dashboard">
              <Button icon={<BarChartOutlined />}>{t('o2o.menuDashboard')}</Button>
            </Link>
            <ExportButton fetchFile={() => exportMatters({ box })} fallbackName="o2o-matters.xlsx" />
          </>
        }
      />
      <Tabs
        activeKey={box}
        onChange={(k) => setParams({ box: k })}
        items={boxes.map((b) => ({ key: b, label: t(`o2o.boxes.${b}`), children: b === box ? <MatterTable key={b} box={b} bulk={bulkOf(b)} /> : null }))}
      />
    </>
  );
}
