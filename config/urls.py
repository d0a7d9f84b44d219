from django.urls import include, path, register_converter
from django.views.i18n import JavaScriptCatalog, set_language

from bosam.core import views as core_views
from bosam.core.converters import YearConverter
from bosam.core.search_api import SearchApi

register_converter(YearConverter, "year")

handler403 = "bosam.core.views.permission_denied"

DOMAIN_APPS = [
    "households",
    "properties",
    "tenancies",
    "prevention",
    "advice",
    "matching",
    "reporting",
    "administration",
    "audit",
]

urlpatterns = [
    path("", include("bosam.core.urls")),
    path("konto/", include("bosam.accounts.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("healthz", core_views.healthz, name="healthz"),
    path("api/schema/", core_views.api_schema, name="api-schema"),
    path("api/docs/", core_views.api_docs, name="api-docs"),
    path("drift/schema/", include("bosam.scheduling.urls")),
    path("api/v1/search/", SearchApi.as_view(), name="api-search"),
    *[path(f"{app}/", include(f"bosam.{app}.urls")) for app in DOMAIN_APPS],
    *[path(f"api/v1/{app}/", include(f"bosam.{app}.api_urls")) for app in DOMAIN_APPS],
]
