"""
Settings of the test suite (pyproject.toml): the project's settings as a laptop runs them.

DEBUG is on while the settings are read, whatever the shell says, so that what it decides
(static files without a collected manifest, no HTTPS redirect) suits the test client and
the live server; pytest-django then runs every test with DEBUG off, as production does.
The processes the tests start (Celery workers) inherit it. The production settings are
tested apart, in processes of their own (config/tests/test_settings.py).
"""

import os

os.environ["DEBUG"] = "True"

from config.settings import *  # noqa: E402, F403

# Tests sign in hundreds of times: a fast hash instead of hundreds of thousands of rounds.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Pages read their user from the database, so that a page's query count is the same at its
# first request and the next; config/tests/test_auth_cache.py turns the user cache on.
SUIVI_USER_CACHE_SECONDS = 0
