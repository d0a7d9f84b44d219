from django.urls import path

from bosam.tenancies import api

app_name = "tenancies-api"
urlpatterns = [
    path("sublets/", api.SubletListApi.as_view(), name="sublet_list"),
    path("sublets/create/", api.SubletCreateApi.as_view(), name="sublet_create"),
    path("sublets/<uuid:sublet_id>/", api.SubletDetailApi.as_view(), name="sublet_detail"),
    path(
        "sublets/<uuid:sublet_id>/follow-ups/",
        api.FollowUpCreateApi.as_view(),
        name="follow_up_create",
    ),
    path("sublets/<uuid:sublet_id>/takeover/", api.TakeoverApi.as_view(), name="takeover"),
]
