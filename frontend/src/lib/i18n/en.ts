/** English: the feature dictionaries together. Every key of the Chinese dictionary, and no other (each en.<feature>.ts is typed by its zh.<feature>.ts). */
import { enAdmin } from './en.admin';
import { enAuth } from './en.auth';
import { enCommon } from './en.common';
import { enDashboard } from './en.dashboard';
import { enErrors } from './en.errors';
import { enEvaluations } from './en.evaluations';
import { enFields } from './en.fields';
import { enGrids } from './en.grids';
import { enImports } from './en.imports';
import { enMembers } from './en.members';
import { enOrganizations } from './en.organizations';
import { enShell } from './en.shell';
import { enVolunteering } from './en.volunteering';
import type { MessageKey } from './zh';

export const en: Record<MessageKey, string> = {
  ...enCommon,
  ...enAuth,
  ...enFields,
  ...enOrganizations,
  ...enDashboard,
  ...enAdmin,
  ...enMembers,
  ...enVolunteering,
  ...enImports,
  ...enErrors,
  ...enGrids,
  ...enEvaluations,
  ...enShell,
};
