from django.urls import path  # noqa: F401

app_name = "households-api"
urlpatterns: list[object] = []
