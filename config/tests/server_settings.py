"""Settings of the gunicorn servers that the outage tests start: the project's settings as
production runs them (DEBUG off, from the environment the test gives), with static files
served without a collected manifest, which these tests do not build."""

from config.settings import *  # noqa: F403
from config.settings import STORAGES

STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

# The test suite hashes its accounts' passwords with MD5 (config/test_settings.py): the
# servers must be able to check them too.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.MD5PasswordHasher",
]
