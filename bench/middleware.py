"""Counts the SQL statements of each request inside the server (benchmark settings only)."""

from django.db import connection


class QueryCountMiddleware:
    """Outermost, so the session, the user and every panel are counted: ``X-Bench-Queries: N``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Bench-Queries"] = str(count)
        return response
