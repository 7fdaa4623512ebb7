import { useQuery } from '@tanstack/react-query';
import { App, Breadcrumb, Button, Card, Flex, Popconfirm } from 'antd';
import { useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, newIdempotencyKey } from '../../api/client';
import type { Grid, GridTeam } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../lib/i18n';
import { canWriteGrids, useMe } from '../../lib/me';
import { gridQueryById, teamQuery, useCreateTeam, useDeleteTeam, useUpdateTeam } from './api';
import { draftOf, emptyDraft, teamBody, teamProblems, type TeamDraft, type TeamProblem } from './team';
import { TeamEditor } from './TeamEditor';

function TeamForm({ grid, team }: { grid: Grid; team: GridTeam | null }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const writable = canWriteGrids(me);
  const [draft, setDraft] = useState<TeamDraft>(() => (team ? draftOf(team) : { ...emptyDraft(), name: `${grid.name}${t('team.defaultSuffix')}` }));
  const [problems, setProblems] = useState<TeamProblem[]>([]);
  const [error, setError] = useState<unknown>(null);
  const create = useCreateTeam();
  const update = useUpdateTeam();
  const remove = useDeleteTeam();
  const idempotencyKey = useRef(newIdempotencyKey());
  const pending = create.isPending || update.isPending;

  const change = (next: TeamDraft) => {
    setDraft(next);
    // Once the user has tried to save, the rules follow each change.
    if (problems.length) setProblems(teamProblems(next));
  };

  const save = () => {
    const found = teamProblems(draft);
    setProblems(found);
    setError(null);
    if (found.length) return;
    const body = teamBody(draft);
    const done = (saved: GridTeam) => {
      void message.success(t('team.saved', { name: saved.name }));
      void navigate(`/grids/${grid.id}`);
    };
    const failed = (failure: unknown) => {
      if (failure instanceof ApiError) idempotencyKey.current = newIdempotencyKey();
      setError(failure);
    };
    if (team === null) {
      create.mutate({ body: { ...body, grid_id: grid.id }, idempotencyKey: idempotencyKey.current }, { onSuccess: done, onError: failed });
    } else {
      update.mutate({ team, body }, { onSuccess: done, onError: failed });
    }
  };

  return (
    <>
      <PageHeader
        title={team ? team.name : t('team.create')}
        extra={
          team && writable ? (
            <Popconfirm
              title={t('team.deleteConfirm', { name: team.name })}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() =>
                remove.mutate(team, {
                  onSuccess: () => void navigate(`/grids/${grid.id}`, { replace: true }),
                  onError: setError,
                })
              }
            >
              <Button danger loading={remove.isPending}>
                {t('team.delete')}
              </Button>
            </Popconfirm>
          ) : undefined
        }
      >
        <Breadcrumb
          style={{ marginBottom: 8 }}
          items={[
            { title: <Link to="/grids">{t('nav.grids')}</Link> },
            { title: <Link to={`/grids/${grid.id}`}>{`${grid.code} ${grid.name}`}</Link> },
            { title: team ? team.name : t('team.create') },
          ]}
        />
      </PageHeader>
      <Card>
        <ErrorAlert error={error} />
        <TeamEditor draft={draft} onChange={change} problems={problems} readOnly={!writable} />
        {writable ? (
          <Flex gap={8} justify="flex-end" wrap style={{ marginTop: 16 }}>
            <Button onClick={() => void navigate(`/grids/${grid.id}`)}>{t('common.cancel')}</Button>
            <Button type="primary" loading={pending} onClick={save}>
              {team ? t('common.save') : t('common.create')}
            </Button>
          </Flex>
        ) : null}
      </Card>
    </>
  );
}

/** A new team for a grid (`/grids/:gridId/teams/new`). */
export function NewTeamPage() {
  const { gridId = '' } = useParams();
  const grid = useQuery(gridQueryById(gridId));
  if (grid.isLoading) return <Loading />;
  if (grid.error || !grid.data) return <ErrorAlert error={grid.error} />;
  return <TeamForm grid={grid.data} team={null} />;
}

/** A team, editable by those who keep grids (`/grid-teams/:teamId`). */
export function TeamPage() {
  const { teamId = '' } = useParams();
  const team = useQuery(teamQuery(teamId));
  const grid = useQuery({ ...gridQueryById(team.data?.grid_id ?? ''), enabled: team.data !== undefined });
  if (team.isLoading || grid.isLoading) return <Loading />;
  if (team.error || grid.error || !team.data || !grid.data) return <ErrorAlert error={team.error ?? grid.error} />;
  return <TeamForm key={`${team.data.id}-${team.data.version}`} grid={grid.data} team={team.data} />;
}
