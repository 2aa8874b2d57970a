import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { listCampaignOptions } from '../judgment.api.ts';

/** The analysis campaigns in the reader's scope; the first (latest) is the default of the pages. */
export function useCampaigns() {
  return useQuery({ queryKey: ['judgment', 'campaigns'], queryFn: listCampaignOptions, staleTime: 60_000 });
}

export function CampaignSelect({ value, onChange, allowClear }: { value?: string; onChange: (v: string | undefined) => void; allowClear?: boolean }) {
  const { t } = useTranslation();
  const campaigns = useCampaigns();
  return (
    <Select<string>
      aria-label={t('judgment.campaign')}
      placeholder={t('judgment.campaign')}
      allowClear={allowClear}
      value={value}
      onChange={onChange}
      loading={campaigns.isLoading}
      style={{ minWidth: 220, maxWidth: '100%' }}
      options={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
    />
  );
}
