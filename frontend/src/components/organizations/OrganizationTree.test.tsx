import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { json, mockServer } from '../../test/fetchMock';
import { makeOrganization } from '../../test/fixtures';
import { renderWithApp } from '../../test/render';
import { OrganizationTree } from './OrganizationTree';

const county = makeOrganization({ name: '青山县委', child_count: 2 });
const township = makeOrganization({ name: '青溪镇党委', parent_id: county.id, depth: 1, child_count: 1 });
const otherTownship = makeOrganization({ name: '白沙镇党委', parent_id: county.id, depth: 1 });
const village = makeOrganization({ name: '上湾村党支部', parent_id: township.id, depth: 2 });

function switcherOf(name: string): HTMLElement {
  const node = screen.getByText(name).closest('.ant-tree-treenode');
  if (!(node instanceof HTMLElement)) throw new Error(`no tree node for ${name}`);
  const switcher = node.querySelector('.ant-tree-switcher');
  if (!(switcher instanceof HTMLElement)) throw new Error(`no switcher for ${name}`);
  return switcher;
}

describe('OrganizationTree', () => {
  it('opens the organization under the keyboard with Enter, even one that has children', async () => {
    mockServer({});
    const picked = vi.fn();
    renderWithApp(<OrganizationTree roots={[county, otherTownship]} onSelect={picked} autoExpandRoots={0} />);
    await userEvent.tab();
    // Focus puts the first node under the keyboard; it has children, and Enter opens it all the same.
    await userEvent.keyboard('{Enter}');
    expect(picked).toHaveBeenCalledWith(county);
  });

  it('loads the children of a node only when it is opened', async () => {
    const { requests } = mockServer({
      [`GET /api/v1/organizations/${county.id}/children`]: () => json({ items: [township, otherTownship], next_cursor: null }),
      [`GET /api/v1/organizations/${township.id}/children`]: () => json({ items: [village], next_cursor: null }),
    });
    renderWithApp(<OrganizationTree roots={[county]} onSelect={() => undefined} autoExpandRoots={0} />);
    expect(screen.getByText('青山县委')).toBeInTheDocument();
    expect(requests).toHaveLength(0);

    await userEvent.click(switcherOf('青山县委'));
    await screen.findByText('青溪镇党委');
    expect(screen.getByText('白沙镇党委')).toBeInTheDocument();
    expect(screen.queryByText('上湾村党支部')).not.toBeInTheDocument();
    expect(requests.map((request) => request.path)).toEqual([`/api/v1/organizations/${county.id}/children`]);

    await userEvent.click(switcherOf('青溪镇党委'));
    await screen.findByText('上湾村党支部');
    expect(requests.map((request) => request.path)).toEqual([
      `/api/v1/organizations/${county.id}/children`,
      `/api/v1/organizations/${township.id}/children`,
    ]);
  });

  it('shows no expand arrow on a node without children, and never asks for them', async () => {
    const { requests } = mockServer({
      [`GET /api/v1/organizations/${county.id}/children`]: () => json({ items: [township, otherTownship], next_cursor: null }),
    });
    renderWithApp(<OrganizationTree roots={[county]} onSelect={() => undefined} />);
    await screen.findByText('白沙镇党委');
    expect(switcherOf('白沙镇党委')).toHaveClass('ant-tree-switcher-noop');
    expect(switcherOf('青溪镇党委')).not.toHaveClass('ant-tree-switcher-noop');
    expect(requests.map((request) => request.path)).toEqual([`/api/v1/organizations/${county.id}/children`]);
  });

  it('fetches the next page of a big node only when asked', async () => {
    const { requests } = mockServer({
      [`GET /api/v1/organizations/${county.id}/children`]: ({ search }) =>
        new URLSearchParams(search).get('cursor') === 'page-2'
          ? json({ items: [otherTownship], next_cursor: null })
          : json({ items: [township], next_cursor: 'page-2' }),
    });
    renderWithApp(<OrganizationTree roots={[county]} onSelect={() => undefined} />);
    await screen.findByText('青溪镇党委');
    expect(screen.queryByText('白沙镇党委')).not.toBeInTheDocument();
    await userEvent.click(screen.getByText('加载更多…'));
    await screen.findByText('白沙镇党委');
    expect(screen.queryByText('加载更多…')).not.toBeInTheDocument();
    expect(requests.map((request) => new URLSearchParams(request.search).get('cursor'))).toEqual([null, 'page-2']);
  });

  it('hands the chosen organization to onSelect and keeps the moving one closed', async () => {
    mockServer({
      [`GET /api/v1/organizations/${county.id}/children`]: () => json({ items: [township, otherTownship], next_cursor: null }),
    });
    const onSelect = vi.fn();
    renderWithApp(<OrganizationTree roots={[county]} onSelect={onSelect} disabledId={township.id} />);
    await userEvent.click(await screen.findByText('白沙镇党委'));
    expect(onSelect).toHaveBeenCalledWith(otherTownship);
    const disabledNode = screen.getByText('青溪镇党委').closest('.ant-tree-treenode');
    expect(disabledNode).toHaveClass('ant-tree-treenode-disabled');
    await userEvent.click(screen.getByText('青溪镇党委'));
    expect(onSelect).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(within(disabledNode as HTMLElement).queryByRole('img', { name: /loading/ })).toBeNull());
  });
});
