from django.urls import path

from bosam.administration import api

app_name = "administration-api"

ORGANISATION_PATHS = {"committee": "committees", "office": "offices", "unit": "units"}

urlpatterns: list[object] = []
for kind, prefix in ORGANISATION_PATHS.items():
    views = api.organisation_views(kind)
    urlpatterns += [
        path(f"{prefix}/", views["list"].as_view(), name=f"{kind}_list"),
        path(f"{prefix}/create/", views["create"].as_view(), name=f"{kind}_create"),
        path(f"{prefix}/<int:entry_id>/", views["detail"].as_view(), name=f"{kind}_detail"),
        path(f"{prefix}/<int:entry_id>/update/", views["update"].as_view(), name=f"{kind}_update"),
    ]

urlpatterns += [
    path("users/", api.UserListApi.as_view(), name="user_list"),
    path("users/create/", api.UserCreateApi.as_view(), name="user_create"),
    path("users/<int:user_id>/", api.UserDetailApi.as_view(), name="user_detail"),
    path("users/<int:user_id>/update/", api.UserUpdateApi.as_view(), name="user_update"),
    path("users/<int:user_id>/active/", api.UserSetActiveApi.as_view(), name="user_set_active"),
    path("users/<int:user_id>/password/", api.UserPasswordApi.as_view(), name="user_password"),
    path("users/<int:user_id>/unlock/", api.UserUnlockApi.as_view(), name="user_unlock"),
    path("users/<int:user_id>/tokens/", api.UserTokenListApi.as_view(), name="user_token_list"),
    path(
        "users/<int:user_id>/tokens/create/",
        api.UserTokenCreateApi.as_view(),
        name="user_token_create",
    ),
    path(
        "users/<int:user_id>/tokens/<int:token_id>/revoke/",
        api.UserTokenRevokeApi.as_view(),
        name="user_token_revoke",
    ),
    path("my-tokens/", api.MyTokenListApi.as_view(), name="my_token_list"),
    path("my-tokens/create/", api.MyTokenCreateApi.as_view(), name="my_token_create"),
    path(
        "my-tokens/<int:token_id>/revoke/",
        api.MyTokenRevokeApi.as_view(),
        name="my_token_revoke",
    ),
    path("catalogues/", api.CatalogueListApi.as_view(), name="catalogue_list"),
    path(
        "catalogues/<slug:key>/create/",
        api.CatalogueEntryCreateApi.as_view(),
        name="catalogue_create",
    ),
    path(
        "catalogues/<slug:key>/<str:entry_id>/update/",
        api.CatalogueEntryUpdateApi.as_view(),
        name="catalogue_update",
    ),
]
