"""
Settings for Suivi.

Every setting that differs between a laptop and a production server comes from an
environment variable. The defaults run everything on one machine with no service
installed: a SQLite file under var/, a file-based Celery broker and emails written
to files. Production sets DATABASE_URL (PostgreSQL), CELERY_BROKER_URL (Redis),
SECRET_KEY and the SMTP settings.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.getenv("SUIVI_VAR_DIR", BASE_DIR / "var"))


def envbool(name: str, default: str) -> bool:
    value = os.getenv(name, default)
    if value not in ("", "True", "False"):
        raise ImproperlyConfigured(f"Unexpected value {name}={value}, use 'True' or 'False'")
    return value == "True"


def envint(name: str, default: str) -> int:
    value = os.getenv(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"Unexpected value {name}={value}, use a whole number") from None


def envfloat(name: str, default: str) -> float:
    value = os.getenv(name, default)
    try:
        return float(value)
    except ValueError:
        raise ImproperlyConfigured(f"Unexpected value {name}={value}, use a number") from None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


# Off unless the environment turns it on: a server started with no settings at all must not
# show tracebacks to the world. `make` and the test settings (config/test_settings.py) turn
# it on for a laptop.
DEBUG = envbool("DEBUG", "False")

# A development key is tolerated only while DEBUG is on, so that a production
# server never signs sessions with a key that is public in this repository.
SECRET_KEY = os.getenv("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is False.")
    SECRET_KEY = "suivi-development-key-not-for-production"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_ROOT = os.getenv("SITE_ROOT", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "accounts",
    "resolutions",
    "tracking",
    "api",
]

MIDDLEWARE = [
    # First: the probe's answer needs no host check, HTTPS redirect, session or language.
    "config.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise: static files keep their long-lived caching.
    "config.middleware.PrivatePagesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "accounts.middleware.SessionIdleMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Below the user and the language, which its page shows.
    "config.middleware.MethodNotAllowedPageMiddleware",
    "config.health.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: it turns a refused sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
            # Dates and figures as each language writes them (`day`, `number`): every
            # template shows some, e-mails and resolutions' pages included.
            "builtins": ["config.typography"],
        },
    },
]

# Database. The default is a SQLite file tuned so that the web process and a
# Celery worker can write at the same time: WAL lets readers go on during a
# write, IMMEDIATE transactions take the write lock up front (no deadlock on
# lock upgrade), and the timeout makes a writer wait instead of failing.
#
# A PostgreSQL server that is down or does not answer must not hold a request (and its
# worker) for long: connecting gives up after DATABASE_CONNECT_TIMEOUT seconds and a
# statement is cancelled after DATABASE_STATEMENT_TIMEOUT seconds (0: never), below
# gunicorn's 30 s limit, so that the visitor gets the 503 page rather than nothing.
DATABASE_URL = os.getenv("DATABASE_URL", "")
DATABASE_CONNECT_TIMEOUT = envint("DATABASE_CONNECT_TIMEOUT", "5")
DATABASE_STATEMENT_TIMEOUT = envint("DATABASE_STATEMENT_TIMEOUT", "20")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        _options = DATABASES["default"].setdefault("OPTIONS", {})
        # JIT spends ~40 ms compiling these short queries and makes none of them faster.
        # Server-side cursors serve only the exports, which read every row: they are
        # planned for the whole result, not for the first rows (twice as fast).
        _options.setdefault("options", "-c jit=off -c cursor_tuple_fraction=1")
        _options["options"] += f" -c statement_timeout={DATABASE_STATEMENT_TIMEOUT * 1000}"
        # libpq counts at least 2 seconds.
        _options.setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "suivi.sqlite3",
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
            },
            "TEST": {"NAME": VAR_DIR / "test-suivi.sqlite3"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sessions are read from the cache (Redis in production), and from the database when the
# cache does not have them or is down: one query fewer on every signed-in page.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sign-in throttling (django-axes). Failures are counted by account and by address, apart:
# either reaching the limit refuses every sign-in of that account, or from that address,
# even with the right password, until the lock lifts by itself after the cool-off. A
# failure during the lock does not prolong it, so the time announced is the time it lasts.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's model backend, with a user's permissions read in one query.
    "config.auth.OneQueryModelBackend",
]
AXES_FAILURE_LIMIT = envint("SUIVI_LOGIN_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = datetime.timedelta(seconds=envint("SUIVI_LOGIN_LOCKOUT_SECONDS", "900"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "accounts.addresses.client_address"
# Failures are what the lock needs; a row for every successful sign-in would grow for ever.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# The number of proxies in front of Suivi that append the client's address to
# X-Forwarded-For. With none (the default) the header is ignored: anyone can write it.
SUIVI_PROXY_COUNT = envint("SUIVI_PROXY_COUNT", "0")

# Password-reset emails (accounts.services.password_reset_throttle): at most so many
# requests per email address, and per address they come from, within a window of time;
# more are refused with the same answer whether an account has that email or not.
SUIVI_PASSWORD_RESET_PER_EMAIL = envint("SUIVI_PASSWORD_RESET_PER_EMAIL", "3")
SUIVI_PASSWORD_RESET_PER_ADDRESS = envint("SUIVI_PASSWORD_RESET_PER_ADDRESS", "10")
SUIVI_PASSWORD_RESET_WINDOW_SECONDS = envint("SUIVI_PASSWORD_RESET_WINDOW_SECONDS", "3600")

# Signed-in users are kept in the cache with their permissions for so many seconds
# (config/auth.py; 0: read from the database at every request).
SUIVI_USER_CACHE_SECONDS = envint("SUIVI_USER_CACHE_SECONDS", "300")

# A session ends after this many seconds without a request. Its expiry is pushed forward
# at most every twentieth of that time (accounts.middleware), not at every request: one
# write per user every few minutes instead of one per page.
SUIVI_SESSION_IDLE_SECONDS = envint("SUIVI_SESSION_IDLE_SECONDS", "7200")
SESSION_COOKIE_AGE = SUIVI_SESSION_IDLE_SECONDS

# Internationalisation: the interface speaks English and French.
LANGUAGE_CODE = os.getenv("LANGUAGE_CODE", "en")
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.getenv("TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
# Dates written one way per language, the way the Assembly's documents write them.
FORMAT_MODULE_PATH = ["config.formats"]
USE_TZ = True
# A filter left open reads "any" in the reader's language, not django-filter's "---------".
FILTERS_EMPTY_CHOICE_LABEL = _("any")

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.getenv("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# HTTPS. In production (DEBUG off) every plain-HTTP request is redirected to HTTPS (except
# the health check, which the container's probe asks over HTTP), browsers are told to use
# HTTPS only for a year (HSTS), and cookies travel over HTTPS only. Behind a TLS-terminating
# proxy, name the header through which it tells the scheme (SUIVI_PROXY_SSL_HEADER=
# X-Forwarded-Proto): it is trusted only then, since a client could send it too.
if not DEBUG:
    SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", "True")
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_SSL_REDIRECT = envbool("SUIVI_HTTPS_REDIRECT", "True")
    SECURE_HSTS_SECONDS = envint("SUIVI_HSTS_SECONDS", str(365 * 24 * 3600))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SUIVI_HSTS_INCLUDE_SUBDOMAINS", "True")
    SECURE_HSTS_PRELOAD = envbool("SUIVI_HSTS_PRELOAD", "True")
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
_proxy_ssl_header = os.getenv("SUIVI_PROXY_SSL_HEADER", "")
if _proxy_ssl_header:
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + _proxy_ssl_header.upper().replace("-", "_"),
        "https",
    )

# Content-Security-Policy: everything from this site only, no inline script or style (the
# templates have none), no plugins, no framing. Permissions-Policy: no page uses any
# device or browser feature (config.middleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), fullscreen=(), "
    "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), "
    "publickey-credentials-get=(), screen-wake-lock=(), usb=(), xr-spatial-tracking=()"
)

# The API (api/, README "API"): personal tokens or the session, JSON only, every refusal
# in one JSON shape, calls counted per token in the cache (SUIVI_API_RATE, as DRF writes
# rates: "120/minute", "5000/hour").
SUIVI_API_RATE = os.getenv("SUIVI_API_RATE", "120/minute")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.CanRead"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.TokenRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.exceptions.api_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Suivi API",
    "DESCRIPTION": "What resolutions ask, of whom, by when, and how far it has got.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    # Swagger UI from the installed package's static files, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
}

# Suivi's own settings.

# Read-only pages are for signed-in users; a public deployment may open them
# to anonymous visitors. Writes always need a signed-in user with permissions.
SUIVI_PUBLIC_READ = envbool("SUIVI_PUBLIC_READ", "False")

# The largest resolution text accepted, in characters. The longest resolutions
# (budget resolutions with annexes) are about 150,000 characters.
SUIVI_MAX_TEXT_CHARS = envint("SUIVI_MAX_TEXT_CHARS", "500000")

# Files imported as resolutions (PDF, Word, text): the largest file accepted, and, for a
# Word file (a ZIP, which a small file can unpack to gigabytes), its size once unpacked.
SUIVI_DOCUMENT_MAX_BYTES = envint("SUIVI_DOCUMENT_MAX_BYTES", str(20 * 1024 * 1024))
SUIVI_DOCUMENT_MAX_UNPACKED_BYTES = envint(
    "SUIVI_DOCUMENT_MAX_UNPACKED_BYTES", str(50 * 1024 * 1024)
)
# Several files uploaded at once: up to SUIVI_IMPORT_INLINE_FILES are imported during the
# request; more are imported by a Celery worker while the page shows the progress. One
# upload holds at most SUIVI_IMPORT_MAX_FILES files and SUIVI_IMPORT_MAX_BATCH_BYTES bytes.
SUIVI_IMPORT_INLINE_FILES = envint("SUIVI_IMPORT_INLINE_FILES", "3")
SUIVI_IMPORT_MAX_FILES = envint("SUIVI_IMPORT_MAX_FILES", "100")
SUIVI_IMPORT_MAX_BATCH_BYTES = envint("SUIVI_IMPORT_MAX_BATCH_BYTES", str(200 * 1024 * 1024))
# Batches still waiting this many minutes after their upload are taken up again.
SUIVI_IMPORT_RESUME_MINUTES = envint("SUIVI_IMPORT_RESUME_MINUTES", "5")
# Past Django's own limit a request is refused without a word; the import form says more.
DATA_UPLOAD_MAX_NUMBER_FILES = max(100, 2 * SUIVI_IMPORT_MAX_FILES)

# Items per page in lists.
SUIVI_PAGE_SIZE = envint("SUIVI_PAGE_SIZE", "50")

# What a delegation reports about its State waits for the secretariat's review before it
# counts; False applies it at once.
SUIVI_STATE_REPORTS_NEED_REVIEW = envbool("SUIVI_STATE_REPORTS_NEED_REVIEW", "True")

# After a change, the dashboard shows the figures it has, marked as being updated,
# while a worker computes new ones; figures older than this are computed during the
# request instead (no worker running, say).
SUIVI_DASHBOARD_STALE_SECONDS = envint("SUIVI_DASHBOARD_STALE_SECONDS", "300")

# The cache holds computed dashboards. Web and worker processes must share it: Redis
# in production (CACHE_URL=redis://…), files under var/ by default.
# A Redis server that is down or slow is a miss (config/cache.py): the dashboard is then
# computed during the request. Each exchange with it waits at most CACHE_SOCKET_TIMEOUT
# seconds.
CACHE_URL = os.getenv("CACHE_URL", "")
CACHE_SOCKET_TIMEOUT = envfloat("CACHE_SOCKET_TIMEOUT", "0.5")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": CACHE_URL,
            "OPTIONS": {
                "socket_connect_timeout": CACHE_SOCKET_TIMEOUT,
                "socket_timeout": CACHE_SOCKET_TIMEOUT,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache",
        }
    }

# /healthz/ (config/health.py): seconds within which the database, the cache and the
# broker must each answer.
SUIVI_HEALTH_TIMEOUT = envfloat("SUIVI_HEALTH_TIMEOUT", "3")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "INFO")},
    # django-axes reports every sign-in at INFO; failures and locks are WARNINGs.
    "loggers": {"django.db.backends": {"level": "INFO"}, "axes": {"level": "WARNING"}},
}

# Limits of an uploaded spreadsheet in the XLSX round trip. An XLSX is a ZIP: a small
# file can unpack to gigabytes, hence the second limit.
SUIVI_SPREADSHEET_MAX_BYTES = envint("SUIVI_SPREADSHEET_MAX_BYTES", str(5 * 1024 * 1024))
SUIVI_SPREADSHEET_MAX_UNPACKED_BYTES = envint(
    "SUIVI_SPREADSHEET_MAX_UNPACKED_BYTES", str(50 * 1024 * 1024)
)
SUIVI_SPREADSHEET_MAX_ROWS = envint("SUIVI_SPREADSHEET_MAX_ROWS", "10000")

# "Bien avant sa douzième session" / "well before the twelfth session": the due
# date is this many days before the session's first day.
SUIVI_WELL_BEFORE_LEAD_DAYS = envint("SUIVI_WELL_BEFORE_LEAD_DAYS", "60")

# Email and deadline reminders ---------------------------------------------------------------

# Where emails go. EMAIL_URL names everything at once ("smtp://user:password@host:587?tls=True",
# "smtps://…", "console://", "file:///path"); otherwise EMAIL_HOST and its companions configure
# SMTP. With neither, emails are written as files under var/mail/, so that a laptop shows
# what would have been sent without a mail server.
EMAIL_URL = os.getenv("EMAIL_URL", "")
EMAIL_HOST = os.getenv("EMAIL_HOST", "")
EMAIL_PORT = envint("EMAIL_PORT", "587")
EMAIL_HOST_USER = os.getenv("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.getenv("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "True" if EMAIL_HOST else "False")
EMAIL_USE_SSL = False
# A send must end well within SUIVI_REMINDER_CLAIM_TIMEOUT, or a second worker could take
# over reminders that the first is still sending.
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", "30")
EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "Suivi <suivi@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if EMAIL_URL:
    from urllib.parse import parse_qs, unquote, urlsplit

    _email = urlsplit(EMAIL_URL)
    _email_options = {key: values[-1] for key, values in parse_qs(_email.query).items()}
    if _email.scheme in ("smtp", "smtps", "submission"):
        EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        EMAIL_HOST = _email.hostname or "localhost"
        EMAIL_USE_SSL = _email.scheme == "smtps" or _email_options.get("ssl") == "True"
        EMAIL_USE_TLS = _email.scheme == "submission" or _email_options.get("tls") == "True"
        EMAIL_PORT = _email.port or (465 if EMAIL_USE_SSL else 587 if EMAIL_USE_TLS else 25)
        EMAIL_HOST_USER = unquote(_email.username or "")
        EMAIL_HOST_PASSWORD = unquote(_email.password or "")
    elif _email.scheme == "console":
        EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    elif _email.scheme == "file":
        EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
        EMAIL_FILE_PATH = Path(unquote(_email.path)) if _email.path else EMAIL_FILE_PATH
    else:
        raise ImproperlyConfigured(
            f"Unexpected EMAIL_URL scheme {_email.scheme!r}: use smtp, smtps, console or file"
        )
elif EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"

# Celery. The default broker is Celery's file-system transport under var/celery/, so that
# `make run` needs no server; production sets CELERY_BROKER_URL to Redis. No task result is
# kept: the database is the record of what was sent.
CELERY_BROKER_URL = os.getenv("CELERY_BROKER_URL", "filesystem://localhost/")
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue = VAR_DIR / "celery" / "queue"
    _processed = VAR_DIR / "celery" / "processed"
    _control = VAR_DIR / "celery" / "control"
    for _folder in (_queue, _processed, _control):
        _folder.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue),
        "data_folder_out": str(_queue),
        "processed_folder": str(_processed),
        # Without it, the transport writes its exchange files into the current folder.
        "control_folder": str(_control),
        "store_processed": False,
    }
elif CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    # A web request that asks for a task (the dashboard after a change) must not hang on a
    # Redis server that does not answer: it gives up after 3 s and computes the figures
    # itself. Workers wait for tasks one second at a time, within the socket timeout.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 3}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_RESULT_BACKEND = os.getenv("CELERY_RESULT_BACKEND") or None
CELERY_TASK_IGNORE_RESULT = CELERY_RESULT_BACKEND is None
CELERY_TIMEZONE = TIME_ZONE
# A task is acknowledged when it ends, so that a worker that dies in the middle leaves it
# for another; every task is idempotent, so running one twice is harmless.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celery" / "beat-schedule")

# Days before a due date on which a reminder goes out; after it, the day after then weekly.
try:
    SUIVI_REMINDER_OFFSETS = sorted(
        {int(item) for item in envlist("SUIVI_REMINDER_OFFSETS", "60,30,7,1")}, reverse=True
    )
except ValueError:
    raise ImproperlyConfigured("SUIVI_REMINDER_OFFSETS is a list of days, e.g. 60,30,7,1") from None
if not SUIVI_REMINDER_OFFSETS or min(SUIVI_REMINDER_OFFSETS) < 1:
    raise ImproperlyConfigured("SUIVI_REMINDER_OFFSETS needs whole numbers of days, 1 or more")
# The hour (in TIME_ZONE) of the daily run that finds the reminders due and sends them.
SUIVI_REMINDER_HOUR = envint("SUIVI_REMINDER_HOUR", "7")
# A day on which the daily run did not happen (server down) is caught up by a later run
# within this many days: the latest reminder that fell due in that window is sent, never a
# string of stale ones.
SUIVI_REMINDER_CATCH_UP_DAYS = envint("SUIVI_REMINDER_CATCH_UP_DAYS", "7")
# Seconds after which a reminder claimed by a worker that never finished (killed, machine
# lost) may be claimed again. Keep it well above EMAIL_TIMEOUT.
SUIVI_REMINDER_CLAIM_TIMEOUT = envint("SUIVI_REMINDER_CLAIM_TIMEOUT", "600")
# A failed send is retried after this many seconds, doubled at each attempt up to the maximum.
SUIVI_REMINDER_RETRY_SECONDS = envint("SUIVI_REMINDER_RETRY_SECONDS", "60")
SUIVI_REMINDER_RETRY_MAX_SECONDS = envint("SUIVI_REMINDER_RETRY_MAX_SECONDS", "21600")
# Minutes between the sweeps that send what is pending (retries whose time has come,
# reminders left by a worker that died), whatever happened to the broker's messages.
SUIVI_REMINDER_SWEEP_MINUTES = envint("SUIVI_REMINDER_SWEEP_MINUTES", "15")

CELERY_BEAT_SCHEDULE = {
    "reminders-daily": {
        "task": "tracking.tasks.reminders_daily",
        "schedule": crontab(hour=SUIVI_REMINDER_HOUR, minute=0),
    },
    "reminders-sweep": {
        "task": "tracking.tasks.reminders_send",
        "schedule": crontab(minute=f"*/{SUIVI_REMINDER_SWEEP_MINUTES}"),
        "kwargs": {"retry": False},
    },
    # Sessions that ended (idle, signed out) are deleted once a day.
    "sessions-daily": {
        "task": "accounts.tasks.sessions_clear_expired",
        "schedule": crontab(hour=3, minute=30),
    },
    # Each day's dashboards are computed before anyone asks (their figures depend on
    # the date: overdue, due within 30 days).
    "dashboards-daily": {
        "task": "tracking.tasks.dashboards_refresh_all",
        "schedule": crontab(hour=0, minute=1),
    },
    # A batch of uploaded files whose task was lost (a broker restarted, say) is taken up
    # again; a batch a worker is importing is left to it (its files are locked).
    "import-batches-resume": {
        "task": "resolutions.tasks.import_batches_resume",
        "schedule": crontab(minute=f"*/{SUIVI_IMPORT_RESUME_MINUTES}"),
    },
}
