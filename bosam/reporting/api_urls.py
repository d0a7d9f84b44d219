from django.urls import path

from bosam.reporting import api

app_name = "reporting-api"
urlpatterns = [
    path("<year:year>/", api.ReportGetApi.as_view(), name="report_get"),
    path("<year:year>/publish/", api.ReportPublishApi.as_view(), name="report_publish"),
]
