"""Settings of the web benchmark: the portal's own settings plus two things only the benchmark has.

* ``/bench/ceiling/``, a bare view rendering a small template through the whole
  middleware stack: the most any page can do on this machine (``bench/urls.py``);
* ``X-Bench-Queries`` on every response: the SQL statements the request ran,
  counted inside the real server (``bench/middleware.py``).

Everything else (database, cache, DEBUG off, security middleware) comes from
the environment exactly as in production; ``bench/web.py`` sets it.
"""

from config.settings import *  # noqa: F403
from config.settings import BASE_DIR, MIDDLEWARE, TEMPLATES

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]
TEMPLATES = [{**TEMPLATES[0], "DIRS": [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]}]
