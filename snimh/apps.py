from django.contrib.admin.apps import AdminConfig


class SnimhAdminConfig(AdminConfig):
    default_site = "snimh.admin.SnimhAdminSite"

    def ready(self):
        super().ready()
        # The project package has no app of its own; its checks register here.
        from snimh import checks  # noqa: F401
