"""Settings for the portal: one file, read from the environment.

With no environment at all the portal runs on a bare machine (SQLite, eager
Celery, console e-mail, DEBUG on). Production values come from the
environment (or from ``*_FILE`` paths for secrets); there is no second
settings module.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.FileAwareEnv()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="django-insecure-dev-only-never-use-this-key-in-production-0123456789")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Where verification links in generated documents point.
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "axes",
    "csp",
    # Staff's second factor: TOTP and single-use recovery codes (issue 13).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "registry",
    "applications",
    "councils",
    "monitoring",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "registry.middleware.PrivateHtmlCacheMiddleware",
    "registry.middleware.NulQueryMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "registry.middleware.SessionIdleMiddleware",
    "registry.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "registry.uploads.UploadOverflowMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # django_otp's, with the device check read in the user's query (and the bell's count): one query.
    "registry.signed_in.OTPMiddleware",
    "registry.middleware.StaffSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "registry.middleware.RequestIdMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "registry.context_processors.cabinet",
            ],
            # Django's {% url %}, answered from a table of what it reversed (issue 19).
            "builtins": ["registry.templatetags.fast_url"],
        },
    },
]

# --- Database -----------------------------------------------------------------
(BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # psycopg's server-side binding and prepared statements (issue 19): parameters travel apart from
    # the SQL, and a statement a connection has run DATABASE_PREPARE_THRESHOLD times is prepared, so
    # PostgreSQL stops planning it again (the application's page joins 15 tables: 69 → 103 req/s in
    # docs/benchmarks.md). Django turns prepared statements off unless OPTIONS gives a threshold; we
    # give one. Behind a connection pooler in transaction mode (PgBouncer before 1.21), set
    # DATABASE_PREPARE_THRESHOLD=off. Django takes only the boolean True for server_side_binding, so
    # "?server_side_binding=false" in the URL is read here too.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["server_side_binding"] = env.bool(
        "DATABASE_SERVER_SIDE_BINDING", default=str(options.get("server_side_binding", "true")).lower() == "true"
    )
    threshold = env("DATABASE_PREPARE_THRESHOLD", default="5").strip().lower()
    options["prepare_threshold"] = None if threshold in ("", "off", "none") else int(threshold)
if env("TEST_DATABASE_NAME", default=""):
    # Lets several test runs share one PostgreSQL server without clashing.
    DATABASES["default"]["TEST"] = {"NAME": env("TEST_DATABASE_NAME")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://portal")}

# --- Auth ----------------------------------------------------------------------
AUTH_USER_MODEL = "registry.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading the signed-in user with the bell's count and the OTP device
    # check in one query (registry.signed_in); sessions that name Django's own are renamed to it.
    "registry.signed_in.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "registry:cabinet"
LOGOUT_REDIRECT_URL = "login"
# The issuer shown in the staff's authenticator app next to their TOTP code.
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Infrastructure support portal")
# Login throttling: five failures lock the username from that address for an hour.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
# Locked by username AND client address: a stranger's failures lock only the stranger's address.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The client address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies of our own the address the
# outermost one appended to X-Forwarded-For; entries the client wrote are never believed.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "registry.middleware.client_ip"
AXES_RESET_ON_SUCCESS = True
# A page in the reader's language (Kazakh by default), not axes' English text.
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
# Sessions end after 30 minutes without a request: registry.middleware.SessionIdleMiddleware
# pushes the end forward, writing the session at most once a minute instead of on every request.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=30 * 60)
SESSION_IDLE_REFRESH_SECONDS = 60
# With a shared cache (Redis) sessions are read from it, not from the database; a per-process
# cache (locmem) could still serve a session that another process has ended, so it is not used.
SESSION_ENGINE = env(
    "SESSION_ENGINE",
    default="django.contrib.sessions.backends.cached_db"
    if "redis" in CACHES["default"]["BACKEND"].lower()
    else "django.contrib.sessions.backends.db",
)

# --- Language and time -----------------------------------------------------------
# Kazakh is the state language and the default; Russian second, English third.
LANGUAGE_CODE = "kk"
LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = env("TIME_ZONE", default="Asia/Almaty")
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
# A failed CSRF check answers in the portal's layout and language, in every configuration.
CSRF_FAILURE_VIEW = "registry.views_errors.csrf_failure"

# --- Static and uploaded files -------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "var" / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads and generated documents live outside any public path; they are served
# only by views that check the reader's reach.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "var" / "private")))
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": env(
            "STATICFILES_BACKEND",
            default="django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        ),
    },
}
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=25 * 1024 * 1024)
# Reading stops past UPLOAD_MAX_BYTES (registry.uploads); the proxy's body limit sits just above it.
FILE_UPLOAD_HANDLERS = [
    "registry.uploads.BoundedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Uploaded PDFs are rebuilt by qpdf in a child process with these limits (applications.pdfcheck).
PDF_CHECK_CPU_SECONDS = env.int("PDF_CHECK_CPU_SECONDS", default=10)
PDF_CHECK_MEMORY_BYTES = env.int("PDF_CHECK_MEMORY_BYTES", default=1024 * 1024 * 1024)
# Uploads a user may make in an hour (every kind of upload counts).
UPLOAD_RATE_PER_HOUR = env.int("UPLOAD_RATE_PER_HOUR", default=60)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# --- ЭЦҚ (electronic digital signature) of applications -------------------------------
# The verifier class: the local RSA CMS verifier (demo, tests) or the NCANode client
# ("applications.signing.NcaNodeVerifier") for production GOST keys.
SIGNATURE_VERIFIER = env("SIGNATURE_VERIFIER", default="applications.signing.LocalCmsVerifier")
# PEM files of the CAs the local verifier trusts. Empty: the DEMO CA made by
# `manage.py make_test_pki`, i.e. PRIVATE_MEDIA_ROOT/demo-pki/ca.pem.
SIGNATURE_TRUSTED_CA_FILES = env.list("SIGNATURE_TRUSTED_CA_FILES", default=[])
# Revocation lists (PEM) the local verifier checks; empty: the demo CA's list if make_test_pki wrote one.
SIGNATURE_CRL_FILES = env.list("SIGNATURE_CRL_FILES", default=[])
NCANODE_URL = env("NCANODE_URL", default="http://127.0.0.1:14579")
NCANODE_TIMEOUT = env.float("NCANODE_TIMEOUT", default=10.0)
# The demo CA (make_test_pki) exists and is trusted only in DEBUG, decided when the settings load
# (the test runner switches settings.DEBUG off at run time; this flag keeps the environment's word).
DEMO_PKI_ALLOWED = DEBUG
# The БСН of the portal's operator, shown by eGov mobile next to the document to sign.
PORTAL_OPERATOR_BIN = env("PORTAL_OPERATOR_BIN", default="")
# The demo signer signs with a server-held test key: never on in production.
SIGNATURE_DEMO_SIGNER = env.bool("SIGNATURE_DEMO_SIGNER", default=DEBUG)

# --- §9(1)-(2): the state-data check (tax/social debt, bankruptcy) ---------------------
# "applications.statedata.NotConnected" (the default: the coordinator checks by hand),
# "applications.statedata.FakeStateData" (the demo, with DEBUG) or "applications.statedata.HttpStateData".
STATE_DATA_CHECKER = env(
    "STATE_DATA_CHECKER",
    default="applications.statedata.FakeStateData" if DEBUG else "applications.statedata.NotConnected",
)
STATE_DATA_URL = env("STATE_DATA_URL", default="http://127.0.0.1:14580")
STATE_DATA_TIMEOUT = env.float("STATE_DATA_TIMEOUT", default=5.0)

# --- E-mail --------------------------------------------------------------------------
EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="portal@infra-support.kz")

# --- Celery --------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="memory://")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default="cache+memory://")
# Without a broker the portal runs tasks in-process, so one command serves it.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=CELERY_BROKER_URL == "memory://")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 14 * 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task not acknowledged within this many seconds (its worker died) goes back to the queue.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)}
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="celery")
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    # Re-queues e-mail whose queuing failed (e.g. Redis was briefly away).
    "sweep-unsent-email": {
        "task": "registry.tasks.sweep_unsent_email",
        "schedule": crontab(minute="*/10"),
    },
    # The clock: reminders and escalations of legal deadlines, each sent exactly once.
    "deadlines-tick": {
        "task": "registry.tasks.deadlines_tick",
        "schedule": timedelta(minutes=env.int("DEADLINES_TICK_MINUTES", default=60)),
    },
    # §13 §30–§32: every region's yearly duties for the past year, opened from 1 January (local time).
    "monitoring-yearly-clock": {
        "task": "monitoring.tasks.yearly_clock",
        "schedule": crontab(hour=0, minute=20),
    },
    # The members' reminder on the working day before a council session (once per session).
    "council-sessions-remind": {
        "task": "councils.tasks.sessions_remind",
        "schedule": timedelta(minutes=env.int("DEADLINES_TICK_MINUTES", default=60)),
    },
}

# --- Security --------------------------------------------------------------------------
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env.bool("USE_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# No inline scripts or styles anywhere: every script is a static file.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        # NCALayer, the desktop signing app of NCA RK, listens on this local socket; ncalayer-js-client
        # also asks whether KAZTOKEN desktop's local HTTP API answers (it is not used to sign).
        "connect-src": [SELF, "wss://127.0.0.1:13579", "https://127.0.0.1:24680"],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {name: {"level": "WARNING"} for name in ("axes", "weasyprint", "fontTools")},
}

# --- Audit journal -----------------------------------------------------------------------
# The key of the journal's HMAC chain: from the environment or a secret file (AUDIT_HMAC_KEY_FILE),
# never from the database. Empty: derived from SECRET_KEY (the deploy check warns).
AUDIT_HMAC_KEY = env("AUDIT_HMAC_KEY", default="")
# Where the daily anchor of the journal's head is also sent (empty: the anchor file only).
AUDIT_ANCHOR_EMAIL = env("AUDIT_ANCHOR_EMAIL", default="")
CELERY_BEAT_SCHEDULE["audit-anchor"] = {
    "task": "registry.tasks.audit_anchor_daily",
    "schedule": crontab(hour=0, minute=5),
}

# --- Read-only API (issue 18) ----------------------------------------------------------
# Public open data without login; everything else with a per-user token from the cabinet.
API_RATE_ANON = env("API_RATE_ANON", default="60/min")
API_RATE_USER = env("API_RATE_USER", default="600/min")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "registry.api_auth.PortalTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": ["registry.api_auth.AnonThrottle", "registry.api_auth.UserThrottle"],
    "DEFAULT_PAGINATION_CLASS": "registry.api_auth.Cursor",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Infrastructure support portal API",
    "DESCRIPTION": "Read-only. Public open data without login; applications, decisions, projects and deadlines "
    "with a personal token (header `Authorization: Token <key>`), within the token owner's reach.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
