from django.urls import path

from bosam.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("sok/", views.search, name="search"),
]
