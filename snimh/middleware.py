from django.db import connection
from pghistory.middleware import HistoryMiddleware


class HistorialMiddleware(HistoryMiddleware):
    """Attach the signed-in user and URL to the history events of the request.

    The history is written by PostgreSQL triggers; on the SQLite database of
    `make run` there are none, and pghistory's context injection would fail.
    """

    def __call__(self, request):
        if connection.vendor != "postgresql":
            return self.get_response(request)
        return super().__call__(request)
