import { DeleteOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Grid, Input, Select, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ServiceKind, TeamRole } from '../../api/types';
import { MemberSelect } from '../../components/members/MemberSelect';
import { useEnums } from '../../lib/enums';
import { useT } from '../../lib/i18n';
import {
  addMember,
  addVolunteer,
  PHONE_PATTERN,
  removePerson,
  setRole,
  type DraftPerson,
  type TeamDraft,
  type TeamProblem,
} from './team';

interface TeamEditorProps {
  draft: TeamDraft;
  onChange: (draft: TeamDraft) => void;
  readOnly?: boolean;
  /** The rules checked when the user last tried to save. */
  problems: TeamProblem[];
}

function VolunteerAdder({ onAdd }: { onAdd: (name: string, phone: string) => void }) {
  const t = useT();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const phoneBad = phone.trim() !== '' && !PHONE_PATTERN.test(phone.trim());
  return (
    <Flex gap={8} wrap align="flex-start">
      <Input
        style={{ flex: '1 1 140px' }}
        value={name}
        maxLength={50}
        placeholder={t('team.volunteerName')}
        aria-label={t('team.volunteerName')}
        onChange={(event) => setName(event.target.value)}
      />
      <Input
        style={{ flex: '1 1 160px' }}
        value={phone}
        maxLength={20}
        inputMode="tel"
        status={phoneBad ? 'error' : undefined}
        placeholder={t('team.volunteerPhone')}
        aria-label={t('team.volunteerPhone')}
        onChange={(event) => setPhone(event.target.value)}
      />
      <Button
        icon={<UserAddOutlined />}
        disabled={!name.trim() || phoneBad}
        onClick={() => {
          onAdd(name, phone);
          setName('');
          setPhone('');
        }}
      >
        {t('team.addVolunteer')}
      </Button>
    </Flex>
  );
}

/** A team's name, service kinds and people; members found by search, volunteers by name and phone. */
export function TeamEditor({ draft, onChange, readOnly = false, problems }: TeamEditorProps) {
  const t = useT();
  const { options } = useEnums();
  // On a phone the phone number goes under the name, so that the rows fit without scrolling.
  const narrow = !Grid.useBreakpoint().sm;
  const phoneOf = (person: DraftPerson) => (person.memberId ? '—' : person.phone || person.maskedPhone || '—');
  // A new picker after each pick, so that it is empty again for the next search.
  const [picks, setPicks] = useState(0);
  const rowProblems = (key: string) => problems.filter((problem) => problem.personKey === key);
  const columns: ColumnsType<DraftPerson> = [
    {
      key: 'name',
      title: t('field.name'),
      render: (_, person) => (
        <Flex vertical gap={2}>
          <Flex gap={6} align="center" wrap>
            {person.memberId ? <Link to={`/members/${person.memberId}`}>{person.name}</Link> : <span>{person.name || '—'}</span>}
            <Tag color={person.memberId ? 'red' : 'default'}>{person.memberId ? t('team.partyMember') : t('team.nonMember')}</Tag>
          </Flex>
          {narrow && !person.memberId ? <Typography.Text type="secondary">{phoneOf(person)}</Typography.Text> : null}
          {rowProblems(person.key).map((problem) => (
            <Typography.Text key={problem.rule} type="danger">
              {t(`team.rule.${problem.rule}`)}
            </Typography.Text>
          ))}
        </Flex>
      ),
    },
    {
      key: 'phone',
      title: t('field.phone'),
      responsive: ['sm'],
      render: (_, person) => phoneOf(person),
    },
    {
      key: 'role',
      title: t('team.role'),
      render: (_, person) =>
        readOnly ? (
          options('grid_team_role').find((option) => option.value === person.role)?.label
        ) : (
          <Select<TeamRole>
            style={{ minWidth: narrow ? 92 : 120 }}
            value={person.role}
            aria-label={t('team.roleOf', { name: person.name })}
            options={options('grid_team_role')}
            onChange={(role) => onChange(setRole(draft, person.key, role))}
          />
        ),
    },
    ...(readOnly
      ? []
      : [
          {
            key: 'remove',
            title: narrow ? '' : t('common.delete'),
            render: (_: unknown, person: DraftPerson) => (
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('team.remove', { name: person.name })}
                onClick={() => onChange(removePerson(draft, person.key))}
              />
            ),
          },
        ]),
  ];
  const teamWide = problems.filter((problem) => problem.personKey === null);
  return (
    <Flex vertical gap={16}>
      <Form layout="vertical" disabled={readOnly} style={{ maxWidth: 760 }}>
        <Form.Item
          label={t('team.name')}
          htmlFor="team-name"
          required
          validateStatus={teamWide.some((problem) => problem.rule === 'name_required') ? 'error' : undefined}
        >
          <Input id="team-name" value={draft.name} maxLength={100} onChange={(event) => onChange({ ...draft, name: event.target.value })} />
        </Form.Item>
        <Form.Item label={t('team.serviceKinds')} htmlFor="team-kinds">
          <Select<ServiceKind[]>
            id="team-kinds"
            mode="multiple"
            value={draft.serviceKinds}
            options={options('service_kind')}
            onChange={(serviceKinds) => onChange({ ...draft, serviceKinds })}
          />
        </Form.Item>
        <Form.Item label={t('team.active')} htmlFor="team-active" extra={t('team.activeHint')}>
          <Switch id="team-active" checked={draft.active} onChange={(active) => onChange({ ...draft, active })} />
        </Form.Item>
      </Form>
      {teamWide.filter((problem) => problem.rule !== 'name_required').length ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={teamWide
            .filter((problem) => problem.rule !== 'name_required')
            .map((problem) => t(`team.rule.${problem.rule}`))
            .join(' ')}
        />
      ) : null}
      <Card size="small" title={t('team.people', { count: draft.people.length })}>
        <Table<DraftPerson>
          rowKey="key"
          size="small"
          columns={columns}
          dataSource={draft.people}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('team.noPeople') }}
        />
        {readOnly ? null : (
          <Flex vertical gap={12} style={{ marginTop: 16 }}>
            <Typography.Text strong>{t('team.addMember')}</Typography.Text>
            <Flex gap={8} wrap>
              <div style={{ flex: '1 1 240px' }}>
                <MemberSelect
                  key={picks}
                  placeholder={t('team.searchMember')}
                  onChange={(id, member) => {
                    setPicks((count) => count + 1);
                    if (id && member) onChange(addMember(draft, member));
                  }}
                />
              </div>
            </Flex>
            <Typography.Text strong>{t('team.addVolunteerTitle')}</Typography.Text>
            <VolunteerAdder onAdd={(name, phone) => onChange(addVolunteer(draft, name, phone))} />
          </Flex>
        )}
      </Card>
    </Flex>
  );
}

