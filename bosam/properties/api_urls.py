from django.urls import path  # noqa: F401

app_name = "properties-api"
urlpatterns: list[object] = []
