"""The follow-up dashboard: its figures, their cache and their refresh (figures.py), the
page (views.py), and the receivers that ask a worker for new figures after a change
(receivers.py)."""
