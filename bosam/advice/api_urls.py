from django.urls import path  # noqa: F401

app_name = "advice-api"
urlpatterns: list[object] = []
