"""Party organizations (党组织): the tree every other domain hangs from."""
