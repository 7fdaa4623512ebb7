/** English of the app name, the language and words every page shares (buttons, pager, tree, edit conflicts, export, not found): every key of zh.common.ts, and no other. */
import type { zhCommon } from './zh.common';

export const enCommon: Record<keyof typeof zhCommon, string> = {
  'app.title': 'Grassroots Party Organization Platform',
  'app.shortTitle': 'Grassroots',
  'language.label': 'Language',

  'nav.open': 'Open menu',

  'common.loading': 'Loading…',
  'common.noResults': 'Nothing found',
  'common.retry': 'Try again',
  'common.cancel': 'Cancel',
  'common.save': 'Save',
  'common.create': 'Create',
  'common.edit': 'Edit',
  'common.delete': 'Delete',
  'common.copy': 'Copy',
  'common.copied': 'Copied',
  'form.required': 'This field is required',

  'pager.previous': 'Previous',
  'pager.next': 'Next',
  'pager.page': 'Page {page}',
  'pager.pageOfTotal': 'Page {page} of {total} items',

  'notFound.title': 'Page not found',
  'notFound.body': 'The page you asked for does not exist or was removed.',
  'notFound.home': 'Back to the start',
  'routeError.title': 'Something went wrong on this page',
  'routeError.newVersion': 'A new version is available: reload the page to use it.',
  'routeError.reload': 'Reload',

  'tree.label': 'Organization tree',
  'tree.loadMore': 'Load more…',

  'conflict.title': 'Not saved: someone else changed this organization a moment ago',
  'conflict.body': 'The table shows what you changed and what is saved now. Apply your changes again on top of the latest data, or drop them and load the latest data.',
  'conflict.field': 'Field',
  'conflict.mine': 'Your change',
  'conflict.current': 'Saved now',
  'conflict.changedByOthers': 'Changed by someone else',
  'conflict.reapply': 'Apply my changes again',
  'conflict.discard': 'Drop my changes and load the latest',

  'common.yes': 'Yes',
  'common.no': 'No',
  'common.close': 'Close',
  'common.more': 'More',
  'common.all': 'See all',

  'export.button': 'Export',
  'export.csv': 'Export as CSV',
  'export.xlsx': 'Export as Excel',
};
