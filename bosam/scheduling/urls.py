from django.urls import path

from bosam.scheduling import views

app_name = "scheduling"
urlpatterns = [
    path("", views.schedule_overview, name="schedule"),
    path("korning/<int:run_id>/igen/", views.run_retry, name="run_retry"),
]
