"""What the apps' tests share: real Celery workers started as processes, and the
accessibility check of a page in a browser.

The apps' tests import these from here rather than from one another's tests, so that in
the tests too the apps depend on each other one way only (tracking on resolutions).
"""
