import type { Page } from '../../../contracts/common.ts';
import type { PersonListItem } from '../../../contracts/people.ts';
import { RANK_LEVELS, type RankLevel } from '../../../contracts/enums.ts';
import { api } from '../../api/client.ts';

/** People per rank level in the caller's scope: one count query (pageSize=1) per level. */
export async function fetchRankCounts(): Promise<{ rankLevel: RankLevel; count: number }[]> {
  return Promise.all(
    RANK_LEVELS.map(async (rankLevel) => {
      const page = await api.get<Page<PersonListItem>>('/api/people', { rankLevel, page: 1, pageSize: 1 });
      return { rankLevel, count: page.total };
    }),
  );
}
