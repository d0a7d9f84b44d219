"""Every real page, plus the floors: the least the same stack can do per request."""

from django.urls import path

from bench import views
from config.urls import urlpatterns as bosam_urlpatterns

handler403 = "bosam.core.views.permission_denied"

urlpatterns = [
    path("bench/floor/", views.floor, name="bench-floor"),
    path("bench/floor/page/", views.floor_page, name="bench-floor-page"),
    *bosam_urlpatterns,
]
