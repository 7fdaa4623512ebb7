"""HTTP endpoints of volunteer service, one router per resource, in the order they mount."""

from grassroots.volunteering.routers import activities, evidence, pledges, records, stats

routers = (activities.router, records.router, evidence.router, pledges.router, stats.router)
