/** Verified hours rolled up over a subtree and a period of whole months. */
import { volunteerStatsQuery as statsOver, type Grouping } from '../../components/volunteering/queries';
import { firstDay, lastDay, type HoursQuery } from './period';

export type { Grouping };

export function volunteerStatsQuery(query: HoursQuery, groupBy: Grouping) {
  return statsOver({ within: query.within, from: firstDay(query.from), to: lastDay(query.to) }, groupBy);
}
