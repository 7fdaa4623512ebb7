/** Queries and writes of the members feature; writes invalidate every member read. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '../../api/client';
import { keys } from '../../api/keys';
import type { Member, MemberCreate, MemberTransferCreate, MemberUpdate } from '../../api/types';
import type { ExportedFile } from '../../components/ExportButtons';
import { memberQuery } from '../../components/members/queries';
import { filenameFromDisposition, unwrapBlob, type ExportFormat } from '../../lib/download';
import type { MemberFilters } from './filters';

function listQuery(filters: MemberFilters) {
  return {
    within: filters.within,
    status: filters.status,
    position: filters.position,
    is_migrant: filters.isMigrant,
    is_in_service: filters.isInService,
    q: filters.q || null,
    no_hours_from: filters.noHoursFrom,
    no_hours_to: filters.noHoursTo,
  };
}

export function fetchMemberPage(filters: MemberFilters, cursor: string | null, limit: number) {
  return unwrap(
    api.GET('/api/v1/members', {
      params: {
        query: {
          ...listQuery(filters),
          limit,
          cursor,
          include_total: cursor === null,
        },
      },
    }),
  );
}

/** The member as the server holds it now (masked), always read afresh for a detail or an edit. */
export function memberDetailQuery(id: string) {
  return queryOptions({ ...memberQuery(id), staleTime: 0 });
}

/** Phone, identity number and birth date unmasked: administrators only, and each reveal is audited. */
export function revealMember(id: string): Promise<Member> {
  return unwrap(
    api.GET('/api/v1/members/{member_id}', {
      params: { path: { member_id: id }, query: { reveal: 'phone,id_number,birth_date' } },
      cache: 'no-store',
    }),
  );
}

export function transfersQuery(id: string) {
  return queryOptions({
    queryKey: keys.members.transfers(id),
    queryFn: () => unwrap(api.GET('/api/v1/members/{member_id}/transfers', { params: { path: { member_id: id } } })),
  });
}

function useInvalidateMembers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: keys.members.all });
}

export function useCreateMember() {
  const invalidate = useInvalidateMembers();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: MemberCreate; idempotencyKey: string }) =>
      unwrap(api.POST('/api/v1/members', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } })),
    onSuccess: invalidate,
  });
}

export function useUpdateMember() {
  const invalidate = useInvalidateMembers();
  return useMutation({
    mutationFn: ({ member, body }: { member: Member; body: MemberUpdate }) =>
      unwrap(
        api.PATCH('/api/v1/members/{member_id}', {
          params: { path: { member_id: member.id }, header: { 'If-Match': ifMatch(member.version) } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useDeleteMember() {
  const invalidate = useInvalidateMembers();
  return useMutation({
    mutationFn: (member: Member) =>
      unwrap(
        api.DELETE('/api/v1/members/{member_id}', {
          params: { path: { member_id: member.id }, header: { 'If-Match': ifMatch(member.version) } },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useTransferMember() {
  const invalidate = useInvalidateMembers();
  return useMutation({
    mutationFn: ({ member, body }: { member: Member; body: MemberTransferCreate }) =>
      unwrap(api.POST('/api/v1/members/{member_id}/transfer', { params: { path: { member_id: member.id } }, body })),
    onSuccess: invalidate,
  });
}

/** The members the list shows (all pages of them), as a CSV or Excel file. */
export async function exportMembers(filters: MemberFilters, format: ExportFormat): Promise<ExportedFile> {
  const { blob, response } = await unwrapBlob(
    api.GET('/api/v1/members/export', { params: { query: { ...listQuery(filters), format } }, parseAs: 'blob' }),
  );
  return { blob, filename: filenameFromDisposition(response.headers.get('Content-Disposition'), `members.${format}`) };
}
