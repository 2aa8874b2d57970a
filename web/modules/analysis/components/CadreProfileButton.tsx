import { FundViewOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../../auth/index.ts';

/** "干部画像" on a person's dossier: only with evidence.read and never on one's own dossier (the server refuses too). */
export function CadreProfileButton({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  if (!me.permissions.includes('evidence.read') || me.personId === personId) return null;
  return (
    <Flex justify="flex-end" style={{ marginBottom: 8 }}>
      <Button icon={<FundViewOutlined />} onClick={() => void navigate(`/analysis/cadres/${personId}`)}>
        {t('analysis.profile.open')}
      </Button>
    </Flex>
  );
}
