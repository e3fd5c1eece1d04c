"""
Per-State follow-up: every State its own progress on what it is asked, and delegations
that report for their own State.

- membership.py: which States a mandate addressed to a group concerns (pure, no database);
- models.py: the registry of States, dated memberships of groups, per-State progress with
  its history, delegations' reports and the link of a user to a State;
- services.py: writes (loading the registry, recording progress, reports and their review);
- selectors.py: reads (a State's page, the roll-ups of the mandate page and the dashboard);
- views.py, urls.py, forms.py: the State pages, the report form and the staff queue;
- the commands load_states and link_delegation are in tracking/management/commands/;
- data/: the registry of States and the Rome Statute's parties, as shipped.
"""
