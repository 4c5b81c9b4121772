"""Settings for the KEK platform, configured through environment variables (see README)."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "django-insecure-kek-development-key-change-me")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent use (several web workers, background imports, commands): WAL lets readers
    # go on while one process writes; IMMEDIATE takes the write lock when a transaction
    # begins, so a second writer waits (up to `timeout` seconds) instead of failing with
    # "database is locked" when its read lock cannot be upgraded.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": int(os.environ.get("SQLITE_TIMEOUT", "60")),
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "kek.core",
    "kek.accounts",
    "kek.regions",
    "kek.goals",
    "kek.statistics",
    "kek.projects",
    "kek.swot",
    "kek.committees",
    "kek.press",
    "kek.events",
    "kek.participation",
    "kek.forums",
    "kek.proposals",
    "kek.surveys",
    "kek.follows",
    "kek.process",
    "kek.oparl",
    "kek.charts",
    "kek.documents",
    "kek.cms",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "kek.accounts.users_app.KekUsersAppConfig",  # wagtail.users without escalation
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "allauth",  # accounts (F25): sign-up, sign-in, e-mail, password reset; see below
    "allauth.account",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A public version's document files, before sessions and page routing (static speed).
    "kek.documents.middleware.DownloadMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # One-click unsubscribe (RFC 8058): a mail program's POST has no CSRF token.
    "kek.follows.middleware.OneClickUnsubscribeMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "kek.goals.preview.PreviewMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Sign-in by user name or e-mail address on the public site (kek/urls.py).
    "allauth.account.auth_backends.AuthenticationBackend",
]

ROOT_URLCONF = "kek.urls"
WSGI_APPLICATION = "kek.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # {% route %} and the main navigation on every page (kek/core/templatetags/kek.py).
            "builtins": ["kek.core.templatetags.kek"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "kek.cms.context_processors.district",
                "kek.goals.preview.context",
            ],
        },
    }
]

LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch")]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# Front-end packages come from npm (scripts/install runs `npm ci`); nothing is copied into git.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("vendor/kern", NODE_MODULES / "@kern-ux" / "native" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/vega", NODE_MODULES / "vega" / "build"),
    ("vendor/vega-lite", NODE_MODULES / "vega-lite" / "build"),
    ("vendor/vega-embed", NODE_MODULES / "vega-embed" / "build"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_MANIFEST")
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "KEK – Kreisentwicklung")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILADMIN_PERMITTED_LANGUAGES = [("de", "Deutsch"), ("en", "English")]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "pdf", "pptx", "txt", "xlsx", "zip"]

# Limits for unpacking uploaded ZIP archives and XLSX workbooks (kek.statistics.parsers).
KEK_ARCHIVE_MAX_MEMBER_MB = float(os.environ.get("KEK_ARCHIVE_MAX_MEMBER_MB", "150"))
KEK_ARCHIVE_MAX_TOTAL_MB = float(os.environ.get("KEK_ARCHIVE_MAX_TOTAL_MB", "200"))
KEK_ARCHIVE_MAX_RATIO = int(os.environ.get("KEK_ARCHIVE_MAX_RATIO", "100"))

# Plausibility checks of the values project leads enter (kek/evaluation/plausibility.py says
# what each one means); a flagged value is saved only when confirmed and then waits for a
# planner ("Messwerte zur Prüfung"). Further entries: jump_min_values, recent_values,
# percent_units, count_units.
KEK_PLAUSIBILITY = {"jump_factor": 3, "slip_factor": 10, "range_margin": 2}

# The public sign-in (kek/urls.py); the Wagtail admin keeps its own login page.
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "account"  # kek.accounts.adapter: project leads land on their projects

# Accounts (F25, django-allauth; kek/accounts/adapter.py, templates/account/). Citizens sign
# up with e-mail address, display name and password and must confirm the address; planners'
# and project leads' accounts from the back office keep signing in with their user name.
ACCOUNT_ADAPTER = "kek.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "kek.accounts.forms.LoginForm",
    "signup": "kek.accounts.forms.SignupForm",
    "add_email": "kek.accounts.forms.AddEmailForm",
    "change_password": "kek.accounts.forms.ChangePasswordForm",
    "reset_password": "kek.accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "kek.accounts.forms.ResetPasswordKeyForm",
}
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True  # one address; a new one replaces it once confirmed
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# Confirmed in another browser: on to the account page, which asks for the sign-in first.
ACCOUNT_EMAIL_CONFIRMATION_ANONYMOUS_REDIRECT_URL = "account"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_SESSION_REMEMBER = None  # "Angemeldet bleiben" is the user's choice
ACCOUNT_USER_DISPLAY = "kek.accounts.names.display_name"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[KEK] "
# The version of the privacy text (/datenschutz/) that sign-ups consent to; raise it when the
# text changes materially (the consent is stored with the version and the date).
KEK_PRIVACY_VERSION = os.environ.get("KEK_PRIVACY_VERSION", "1")

# Background jobs (F31, django-tasks). "default" stays immediate (Wagtail's own small tasks);
# "background" queues the statistics imports: a web request only enqueues, a worker process
# runs the import and records its progress on the ImportBatch (README, Production).
# KEK_TASKS=db (default): task rows in this database (django-tasks-db), run by
#   `manage.py db_worker --backend background`; scripts/up starts it next to the server.
# KEK_TASKS=rq: Redis at REDIS_URL (django-tasks-rq, extra [production]), run by
#   `manage.py rqworker --job-class django_tasks_rq.Job default`.
KEK_TASKS = os.environ.get("KEK_TASKS", "db").strip().lower()
INSTALLED_APPS += ["django_tasks_db"]  # its table exists whichever backend runs
if KEK_TASKS == "db":
    BACKGROUND_TASKS: dict = {"BACKEND": "django_tasks_db.DatabaseBackend"}
elif KEK_TASKS == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")}}
    BACKGROUND_TASKS = {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}
else:
    raise ImproperlyConfigured(f"KEK_TASKS={KEK_TASKS!r}: expected 'db' or 'rq'")
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": BACKGROUND_TASKS,
}

# E-mail (events' registrations, F24): printed to the console unless KEK_EMAIL_HOST names an
# SMTP server (README "Configuration"); sent by background jobs. Registrants' personal data
# is emptied KEK_REGISTRATION_RETENTION_DAYS after the event (`kek purge-registrations`).
EMAIL_HOST = os.environ.get("KEK_EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "KEK_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(os.environ.get("KEK_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("KEK_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("KEK_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("KEK_EMAIL_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "KEK <kek@localhost>")
KEK_REGISTRATION_RETENTION_DAYS = int(os.environ.get("KEK_REGISTRATION_RETENTION_DAYS", "90"))
# Seconds a content change waits before the district's documents are checked and rebuilt, so
# that the changes of one editing session cause one build (kek/documents/signals.py).
KEK_DOCUMENTS_DELAY = float(os.environ.get("KEK_DOCUMENTS_DELAY", "30"))
# Participation (F25): a comment's author may change it for KEK_COMMENT_EDIT_MINUTES; an item
# is hidden pending moderation after KEK_REPORTS_TO_HIDE distinct reports. The rate limits
# (django-ratelimit: 5 comments a minute and 30 an hour, 3 proposals a day, per account)
# count in the default cache, which is per process unless KEK_CACHE_URL names a Redis server
# (redis://host:6379/1, extra [production]); several server processes need that to share them.
KEK_COMMENT_EDIT_MINUTES = int(os.environ.get("KEK_COMMENT_EDIT_MINUTES", "15"))
KEK_REPORTS_TO_HIDE = int(os.environ.get("KEK_REPORTS_TO_HIDE", "3"))
if os.environ.get("KEK_CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["KEK_CACHE_URL"],
        }
    }

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
