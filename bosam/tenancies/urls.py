from django.urls import path  # noqa: F401

app_name = "tenancies"
urlpatterns: list[object] = []
