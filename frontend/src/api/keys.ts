/**
 * Every TanStack Query key of the app, written once. Keys nest: invalidating `organizations.all` refreshes
 * every organization read (details, children, lists, stats), so a write names the root it touches.
 *
 * The `queryOptions` factories that read with these keys sit beside their fetchers: a feature's own in
 * `features/<f>/api.ts`, those several features share in `components/<domain>/queries.ts` and `lib/`.
 * The keys live here, below both, so that a feature can refresh another's reads (an import refreshes
 * members or records) without importing that feature.
 */

export const keys = {
  me: ['me'] as const,

  meta: {
    enums: ['meta', 'enums'] as const,
    limits: ['meta', 'limits'] as const,
  },

  organizations: {
    all: ['organizations'] as const,
    detail: (id: string) => ['organizations', id, 'detail'] as const,
    ancestors: (id: string) => ['organizations', id, 'ancestors'] as const,
    /** A page of the tree's children (the tree reads them by cursor). */
    children: (parentId: string, cursor: string | null) => ['organizations', parentId, 'children', { cursor }] as const,
    /** The paged table of children on an organization's page. */
    childrenList: (id: string) => ['organizations', id, 'children-list'] as const,
    stats: (id: string) => ['organizations', id, 'stats'] as const,
    search: (text: string) => ['organizations', 'search', text] as const,
    roots: (userId: string) => ['organizations', 'roots', userId] as const,
    list: (filters: object) => ['organizations', 'list', filters] as const,
  },

  members: {
    all: ['members'] as const,
    detail: (id: string) => ['members', id, 'detail'] as const,
    transfers: (id: string) => ['members', id, 'transfers'] as const,
    search: (text: string, within: string | null) => ['members', 'search', text, within] as const,
    preview: (preview: object) => ['members', 'preview', preview] as const,
    list: (filters: object) => ['members', 'list', filters] as const,
  },

  volunteerRecords: {
    all: ['volunteer-records'] as const,
    list: (filters: object) => ['volunteer-records', 'list', filters] as const,
    preview: (preview: object) => ['volunteer-records', 'preview', preview] as const,
    day: (memberId: string, day: string) => ['volunteer-records', 'day', memberId, day] as const,
    mine: (memberId: string, year: number | string) => ['volunteer-records', 'mine', memberId, year] as const,
    photos: (recordId: string) => ['volunteer-records', recordId, 'photos'] as const,
    /** A photo's bytes: kept when the records are refreshed, since a photo never changes. */
    photoBlob: (recordId: string, photoId: string) => ['volunteer-records', recordId, 'photos', photoId, 'blob'] as const,
  },

  volunteerStats: {
    all: ['volunteer-stats'] as const,
    rollup: (range: object, groupBy: string) => ['volunteer-stats', range, groupBy] as const,
  },

  activities: {
    all: ['volunteer-activities'] as const,
    list: (filters: object) => ['volunteer-activities', 'list', filters] as const,
    detail: (id: string) => ['volunteer-activities', id, 'detail'] as const,
    signups: (id: string) => ['volunteer-activities', id, 'signups'] as const,
    recent: ['volunteer-activities', 'recent'] as const,
  },

  pledges: {
    all: ['pledges'] as const,
    mine: (memberId: string) => ['pledges', 'mine', memberId] as const,
    review: (filters: object) => ['pledges', 'review', filters] as const,
  },

  grids: {
    all: ['grids'] as const,
    list: (filters: object) => ['grids', 'list', filters] as const,
    /** Every grid matching the filters at once (the map). */
    listAll: (filters: object) => ['grids', 'list', filters, 'all'] as const,
    detail: (id: string) => ['grids', id, 'detail'] as const,
    search: (text: string, within: string | null) => ['grids', 'search', text, within] as const,
    coverage: (within: string | null) => ['grids', 'coverage', within] as const,
    teams: (gridId: string | null) => ['grids', 'teams', { gridId }] as const,
    team: (id: string) => ['grids', 'teams', id, 'detail'] as const,
    teamList: (filters: object) => ['grids', 'teams', 'list', filters] as const,
    units: (filters: object) => ['grids', 'units', 'list', filters] as const,
    unit: (id: string) => ['grids', 'units', id, 'detail'] as const,
  },

  users: {
    all: ['users'] as const,
    list: (q: string) => ['users', 'list', { q }] as const,
    detail: (id: string) => ['users', id, 'detail'] as const,
    grants: (userId: string) => ['users', userId, 'grants'] as const,
    search: (text: string) => ['users', 'search', text] as const,
  },

  apiKeys: {
    all: ['api-keys'] as const,
    list: ['api-keys', 'list'] as const,
  },

  audit: {
    list: (filters: object) => ['audit', 'list', filters] as const,
  },

  jobs: {
    detail: (id: string | null) => ['jobs', id] as const,
  },

  evaluations: {
    all: ['evaluations'] as const,
    list: (filters: object) => ['evaluations', 'list', filters] as const,
    detail: (id: string) => ['evaluations', id, 'detail'] as const,
    qr: (id: string) => ['evaluations', id, 'qr'] as const,
  },

  evaluationCycles: {
    all: ['evaluation-cycles'] as const,
    list: ['evaluation-cycles', 'list'] as const,
    detail: (id: string) => ['evaluation-cycles', id, 'detail'] as const,
    results: (cycleId: string, filters: object) => ['evaluation-cycles', cycleId, 'results', filters] as const,
  },
};
