/**
 * Short names for the generated types the pages use. Read models are taken from the
 * operations themselves, so they follow the contract whatever its schemas are called.
 */
import type { components, paths } from './schema';

type Schemas = components['schemas'];

type JsonBody<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;
type Success<Responses> = Responses extends { 200: infer R } ? R : Responses extends { 201: infer R } ? R : never;

/** The JSON body of a successful `method` on `path`. */
export type ResponseBody<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: infer Responses;
}
  ? JsonBody<Success<Responses>>
  : never;

/** The JSON request body of `method` on `path`. */
export type RequestBody<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: infer Body;
}
  ? JsonBody<NonNullable<Body>>
  : never;

type ItemOf<List> = List extends { items: (infer Item)[] } ? Item : never;

export type Organization = Schemas['OrganizationRead'];
export type OrganizationCreate = Schemas['OrganizationCreate'];
export type OrganizationUpdate = Schemas['OrganizationUpdate'];
export type OrganizationStats = Schemas['OrganizationStats'];
export type Domain = Schemas['Domain'];
export type Kind = Schemas['Kind'];
export type Tier = Schemas['Tier'];
export type Formation = Schemas['Formation'];
export type Flag = Schemas['Flag'];
export type EnumOption = Schemas['EnumOption'];

export type TokenPair = ResponseBody<'/api/v1/auth/token', 'post'>;
export type Me = ResponseBody<'/api/v1/me', 'get'>;
export type Grant = Me['grants'][number];
export type Role = Grant['role'];
export type Permission = Schemas['Permission'];
export type UserGrant = ItemOf<ResponseBody<'/api/v1/users/{user_id}/grants', 'get'>>;
export type User = ItemOf<ResponseBody<'/api/v1/users', 'get'>>;
export type UserCreate = RequestBody<'/api/v1/users', 'post'>;
export type UserUpdate = RequestBody<'/api/v1/users/{user_id}', 'patch'>;
export type ApiKey = ItemOf<ResponseBody<'/api/v1/api-keys', 'get'>>;
export type ApiKeyCreate = RequestBody<'/api/v1/api-keys', 'post'>;
export type ApiKeyCreated = ResponseBody<'/api/v1/api-keys', 'post'>;
export type AuditEvent = ItemOf<ResponseBody<'/api/v1/audit-events', 'get'>>;

export type Member = Schemas['MemberRead'];
export type MemberCreate = Schemas['MemberCreate'];
export type MemberUpdate = Schemas['MemberUpdate'];
export type MemberStatus = Schemas['MemberStatus'];
export type Gender = Schemas['Gender'];
export type Position = Schemas['Position'];
export type PositionIn = Schemas['PositionIn'];
export type PositionRead = Schemas['PositionRead'];
export type MemberTransfer = Schemas['MemberTransferRead'];
export type MemberTransferCreate = Schemas['MemberTransferCreate'];

export type VolunteerActivity = Schemas['ActivityRead'];
export type VolunteerActivityCreate = Schemas['ActivityCreate'];
export type VolunteerActivityFields = Schemas['ActivityFields'];
export type Signup = Schemas['SignupRead'];
export type ServiceKind = Schemas['ServiceKind'];
export type VolunteerRecord = Schemas['RecordRead'];
export type VolunteerRecordCreate = Schemas['RecordCreate'];
export type RecordStatus = Schemas['RecordStatus'];
export type Pledge = Schemas['PledgeRead'];
export type PledgeCreate = Schemas['PledgeCreate'];
export type PledgeUpdate = Schemas['PledgeUpdate'];
export type PledgeStatus = Schemas['PledgeStatus'];
export type VolunteerStats = Schemas['VolunteerStats'];
export type StatsGroup = Schemas['StatsGroup'];
export type MemberWithoutHours = Schemas['MemberWithoutHours'];

export type Grid = Schemas['GridRead'];
export type GridCreate = Schemas['GridCreate'];
export type GridUpdate = Schemas['GridUpdate'];
export type Boundary = Schemas['Boundary'];
export type GridTeam = Schemas['TeamRead'];
export type GridTeamCreate = Schemas['TeamCreate'];
export type GridTeamUpdate = Schemas['TeamUpdate'];
export type TeamPersonIn = Schemas['PersonIn'];
export type TeamPerson = Schemas['PersonRead'];
export type TeamRole = Schemas['TeamRole'];
export type Coverage = Schemas['Coverage'];
export type Unit = Schemas['UnitRead'];
export type UnitCreate = Schemas['UnitCreate'];
export type UnitUpdate = Schemas['UnitUpdate'];
export type UnitKind = Schemas['UnitKind'];
export type UnitCoverage = Schemas['UnitCoverage'];
