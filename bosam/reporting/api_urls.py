from django.urls import path

from bosam.reporting import api

app_name = "reporting-api"
urlpatterns = [
    path("<int:year>/", api.ReportGetApi.as_view(), name="report_get"),
    path("<int:year>/publish/", api.ReportPublishApi.as_view(), name="report_publish"),
]
