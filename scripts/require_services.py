"""Before the suite: PostgreSQL and Redis must answer, or say exactly what to do.

The suite proves guarantees that exist only on the real stack (the audit
table's trigger, row locks under concurrent submissions, a Celery worker on
Redis), so it runs on PostgreSQL and Redis, never silently on SQLite.
"""

import os
import sys

import environ
import psycopg
import redis

HELP = """
The test suite runs on PostgreSQL and Redis ({what} did not answer: {error}).
On Debian/Ubuntu:
    sudo apt-get install -y postgresql redis-server
then point the suite at them (these are the defaults `make test` uses):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres CELERY_BROKER_URL=redis://127.0.0.1:6379/0 make test
The role needs CREATEDB (pytest-django creates its own test database).
"""


def main() -> int:
    database = environ.Env.db_url_config(os.environ["DATABASE_URL"])
    if not database["ENGINE"].endswith("postgresql"):
        print(HELP.format(what="DATABASE_URL", error="it is not a PostgreSQL URL"), file=sys.stderr)
        return 1
    try:
        psycopg.connect(
            dbname=database["NAME"],
            user=database["USER"],
            password=database["PASSWORD"] or None,
            host=database["HOST"] or None,
            port=database["PORT"] or None,
            connect_timeout=5,
        ).close()
    except psycopg.Error as error:
        print(HELP.format(what="PostgreSQL", error=error), file=sys.stderr)
        return 1
    try:
        redis.Redis.from_url(os.environ["CELERY_BROKER_URL"], socket_connect_timeout=5).ping()
    except redis.RedisError as error:
        print(HELP.format(what="Redis", error=error), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
