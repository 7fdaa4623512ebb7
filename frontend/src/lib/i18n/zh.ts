/** 中文（默认语言）：各功能的词典合在一起。键名即英文词典的键名；每个 zh.<功能>.ts 都有对应的 en.<功能>.ts，键名逐一对应。 */
import { zhAdmin } from './zh.admin';
import { zhAuth } from './zh.auth';
import { zhCommon } from './zh.common';
import { zhDashboard } from './zh.dashboard';
import { zhErrors } from './zh.errors';
import { zhEvaluations } from './zh.evaluations';
import { zhFields } from './zh.fields';
import { zhGrids } from './zh.grids';
import { zhImports } from './zh.imports';
import { zhMembers } from './zh.members';
import { zhOrganizations } from './zh.organizations';
import { zhShell } from './zh.shell';
import { zhVolunteering } from './zh.volunteering';

export const zh = {
  ...zhCommon,
  ...zhAuth,
  ...zhFields,
  ...zhOrganizations,
  ...zhDashboard,
  ...zhAdmin,
  ...zhMembers,
  ...zhVolunteering,
  ...zhImports,
  ...zhErrors,
  ...zhGrids,
  ...zhEvaluations,
  ...zhShell,
} as const;

export type MessageKey = keyof typeof zh;
