"""API keys for integrations: a role on an organization's subtree, secret shown once."""
