from django.urls import path

from bosam.prevention import api

app_name = "prevention-api"
urlpatterns = [
    path("notifications/", api.NotificationListApi.as_view(), name="notification_list"),
    path("notifications/create/", api.NotificationCreateApi.as_view(), name="notification_create"),
    path("cases/queue/", api.CaseQueueApi.as_view(), name="case_queue"),
    path("cases/<uuid:case_id>/", api.CaseDetailApi.as_view(), name="case_detail"),
    path("cases/<uuid:case_id>/outreach/", api.OutreachCreateApi.as_view(), name="outreach_create"),
    path(
        "cases/<uuid:case_id>/interventions/",
        api.InterventionCreateApi.as_view(),
        name="intervention_create",
    ),
    path(
        "cases/<uuid:case_id>/notifications/<uuid:notification_id>/notices/",
        api.NotificationNoticesUpdateApi.as_view(),
        name="notification_notices_update",
    ),
    path("cases/<uuid:case_id>/close/", api.CaseCloseApi.as_view(), name="case_close"),
    path("figures/", api.FiguresApi.as_view(), name="figures"),
]
