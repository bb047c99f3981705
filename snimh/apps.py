from django.contrib.admin.apps import AdminConfig


class SnimhAdminConfig(AdminConfig):
    default_site = "snimh.admin.SnimhAdminSite"
