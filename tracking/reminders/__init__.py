"""
Deadline reminders, emailed before and after a mandate falls due.

- rules.py: who is reminded of what and when, as plain functions (no database, no clock);
- selectors.py: what is due on a day, and the staff log;
- services.py: recording what is owed and sending each reminder exactly once;
- views.py, urls.py: the staff log and each recipient's preferences.

The Celery tasks that run them are in tracking/tasks.py; the emails are the templates in
templates/emails/reminder_digest/.
"""
