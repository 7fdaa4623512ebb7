/** What each kind of import is called, where its rows end up, who may run it and what it reads. */
import type { QueryKey } from '@tanstack/react-query';
import { keys } from '../../api/keys';
import type { Me } from '../../api/types';
import type { MessageKey } from '../../lib/i18n';
import { canManageVolunteering, canWriteGrids, canWriteMembers } from '../../lib/me';
import { IMPORT_KINDS, type ImportKind } from './api';

export interface KindSettings {
  title: MessageKey;
  /** "{count} … imported". */
  done: MessageKey;
  /** The list the imported rows appear in, and the button that opens it. */
  list: string;
  toList: MessageKey;
  allowed: (me: Me | undefined) => boolean;
  /** The files the picker offers. */
  accept: string;
  /** The queries whose data an import changes. */
  changes: readonly QueryKey[];
}

const TABLES = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const GRID_DATA = [keys.grids.all];

export const KINDS: Record<ImportKind, KindSettings> = {
  members: { title: 'import.members', done: 'import.doneMembers', list: '/members', toList: 'import.toMembers', allowed: canWriteMembers, accept: TABLES, changes: [keys.members.all] },
  'volunteer-records': {
    title: 'import.records',
    done: 'import.doneRecords',
    list: '/volunteer-records',
    toList: 'import.toRecords',
    allowed: canManageVolunteering,
    accept: TABLES,
    changes: [keys.volunteerRecords.all, keys.volunteerStats.all],
  },
  grids: { title: 'import.grids', done: 'import.doneGrids', list: '/grids', toList: 'import.toGrids', allowed: canWriteGrids, accept: TABLES, changes: GRID_DATA },
  'grid-teams': { title: 'import.gridTeams', done: 'import.doneGridTeams', list: '/grids', toList: 'import.toGrids', allowed: canWriteGrids, accept: TABLES, changes: GRID_DATA },
  units: { title: 'import.units', done: 'import.doneUnits', list: '/units', toList: 'import.toUnits', allowed: canWriteGrids, accept: TABLES, changes: GRID_DATA },
  'grid-boundaries': {
    title: 'import.gridBoundaries',
    done: 'import.doneGridBoundaries',
    list: '/grids',
    toList: 'import.toGrids',
    allowed: canWriteGrids,
    accept: '.geojson,.json,application/geo+json,application/json',
    changes: GRID_DATA,
  },
};

export function kindOf(param: string | undefined): ImportKind | null {
  return IMPORT_KINDS.find((kind) => kind === param) ?? null;
}
