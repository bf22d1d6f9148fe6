"""Create the PostgreSQL database named by DATABASE_URL if it does not exist (for `make bench`).

It also gives that database the planner setting docker-compose's PostgreSQL runs with
(``random_page_cost = 1.1``, for SSD storage), so the benchmark plans queries as production does.
"""

import os
import sys

import environ
import psycopg
from psycopg import sql


def main() -> int:
    db = environ.Env.db_url_config(os.environ["DATABASE_URL"])
    params = {
        "user": db["USER"],
        "password": db["PASSWORD"] or None,
        "host": db["HOST"] or None,
        "port": db["PORT"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db["NAME"])))
            print(f"created database {db['NAME']}")
        # The planner setting docker-compose's PostgreSQL runs with (SSD storage).
        connection.execute(sql.SQL("ALTER DATABASE {} SET random_page_cost = 1.1").format(sql.Identifier(db["NAME"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
