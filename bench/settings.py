"""Settings for `make bench`: the project's settings as production runs them (DEBUG off),
with DATABASE_URL pointing at a bench database (bench/run.py sets it)."""

import os
import warnings

os.environ["DEBUG"] = "False"
os.environ.setdefault("SECRET_KEY", "suivi-bench-only")
# The test client speaks plain HTTP, as a TLS-terminating proxy does to the app.
os.environ.setdefault("SUIVI_HTTPS_REDIRECT", "False")

from config.settings import *  # noqa: E402, F403
from config.settings import DATABASES, STORAGES  # noqa: E402

# The test client's host name.
ALLOWED_HOSTS = ["testserver"]
# The pages are measured, not their static files: no collectstatic manifest needed.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
# WhiteNoise looks for collected static files, which the bench does not need.
warnings.filterwarnings("ignore", "No directory at", UserWarning)
# One connection for the whole run, as a busy server keeps it: reconnecting every 60 s
# (conn_max_age in production) would add noise to a few runs, not information.
DATABASES["default"]["CONN_MAX_AGE"] = None
# The dashboard asks a worker for new figures after a change; the bench has no worker.
CELERY_BROKER_URL = "memory://"
