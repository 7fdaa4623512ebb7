import { useQueryClient } from '@tanstack/react-query';
import { App, Tree, Typography } from 'antd';
import type { DataNode, EventDataNode } from 'antd/es/tree';
import { useCallback, useEffect, useMemo, useState, type Key, type KeyboardEvent } from 'react';
import type { Organization } from '../../api/types';
import { errorText } from '../../lib/errors';
import { useT } from '../../lib/i18n';
import { childrenQuery } from './queries';

interface LoadedChildren {
  items: Organization[];
  nextCursor: string | null;
}

interface OrganizationTreeProps {
  roots: Organization[];
  selectedId?: string | null;
  onSelect: (organization: Organization) => void;
  /** Shown but neither selectable nor expandable (an organization cannot move under itself). */
  disabledId?: string | null;
  /** Expand the roots when there are this many or fewer. */
  autoExpandRoots?: number;
}

const MORE_PREFIX = 'more:';

function OrganizationTitle({ organization }: { organization: Organization }) {
  return (
    <span>
      <span>{organization.name}</span>{' '}
      <Typography.Text type="secondary" style={{ fontSize: '0.75rem' }}>
        {organization.code}
      </Typography.Text>
    </span>
  );
}

/**
 * The organization tree, loading each node's children only when it is opened, one page of
 * children at a time, so a county with thousands of organizations opens at once.
 */
export function OrganizationTree({ roots, selectedId, onSelect, disabledId, autoExpandRoots = 3 }: OrganizationTreeProps) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [loaded, setLoaded] = useState<Record<string, LoadedChildren>>({});
  const [expandedKeys, setExpandedKeys] = useState<Key[]>([]);

  const load = useCallback(
    async (parentId: string, cursor: string | null) => {
      try {
        const page = await queryClient.fetchQuery(childrenQuery(parentId, cursor));
        setLoaded((previous) => ({
          ...previous,
          [parentId]: {
            items: cursor === null ? page.items : [...(previous[parentId]?.items ?? []), ...page.items],
            nextCursor: page.next_cursor ?? null,
          },
        }));
      } catch (error) {
        void message.error(errorText(error, t));
      }
    },
    [queryClient, message, t],
  );

  useEffect(() => {
    if (roots.length === 0 || roots.length > autoExpandRoots) return;
    const expandable = roots.filter((root) => root.id !== disabledId && root.child_count > 0);
    setExpandedKeys(expandable.map((root) => root.id));
    expandable.forEach((root) => void load(root.id, null));
  }, [roots, autoExpandRoots, disabledId, load]);

  const known = useMemo(() => {
    const byId = new Map<string, Organization>(roots.map((root) => [root.id, root]));
    Object.values(loaded).forEach(({ items }) => items.forEach((item) => byId.set(item.id, item)));
    return byId;
  }, [roots, loaded]);

  const treeData = useMemo(() => {
    const toNode = (organization: Organization): DataNode => {
      const children = loaded[organization.id];
      const disabled = organization.id === disabledId;
      return {
        key: organization.id,
        title: <OrganizationTitle organization={organization} />,
        disabled,
        isLeaf:
          disabled ||
          organization.child_count === 0 ||
          (children !== undefined && children.items.length === 0 && children.nextCursor === null),
        children:
          children === undefined || disabled
            ? undefined
            : [
                ...children.items.map(toNode),
                ...(children.nextCursor === null
                  ? []
                  : [{ key: `${MORE_PREFIX}${organization.id}`, title: t('tree.loadMore'), isLeaf: true }]),
              ],
      };
    };
    return roots.map(toNode);
  }, [roots, loaded, disabledId, t]);

  const loadData = async (node: EventDataNode<DataNode>) => {
    const key = String(node.key);
    if (!key.startsWith(MORE_PREFIX) && loaded[key] === undefined) await load(key, null);
  };

  const select = (keys: Key[], info: { node: EventDataNode<DataNode> }) => {
    const key = String(info.node.key);
    if (key.startsWith(MORE_PREFIX)) {
      const parentId = key.slice(MORE_PREFIX.length);
      void load(parentId, loaded[parentId]?.nextCursor ?? null);
      return;
    }
    const organization = known.get(String(keys[0] ?? key));
    if (organization !== undefined) onSelect(organization);
  };

  // The keyboard: arrows move and open or close a node (rc-tree), Enter opens the organization
  // itself, as a click does; rc-tree would only expand a node that has children.
  const [activeKey, setActiveKey] = useState<Key | null>(null);
  const openActive = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Enter' || activeKey === null) return;
    const key = String(activeKey);
    if (key === disabledId) return;
    event.preventDefault();
    event.stopPropagation();
    const organization = known.get(key);
    if (key.startsWith(MORE_PREFIX)) {
      const parentId = key.slice(MORE_PREFIX.length);
      void load(parentId, loaded[parentId]?.nextCursor ?? null);
    } else if (organization !== undefined) onSelect(organization);
  };

  return (
    <div onKeyDownCapture={openActive}>
    <Tree
      onActiveChange={(key) => setActiveKey(key ?? null)}
      blockNode
      showLine
      treeData={treeData}
      loadData={loadData}
      expandedKeys={expandedKeys}
      onExpand={(keys) => setExpandedKeys(keys)}
      selectedKeys={selectedId ? [selectedId] : []}
      onSelect={select}
      aria-label={t('tree.label')}
    />
    </div>
  );
}
