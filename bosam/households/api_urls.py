from django.urls import path

from bosam.households import api

app_name = "households-api"
urlpatterns = [
    path("persons/", api.PersonListApi.as_view(), name="person_list"),
    path("persons/create/", api.PersonRegisterApi.as_view(), name="person_register"),
    path("persons/<uuid:person_id>/", api.PersonDetailApi.as_view(), name="person_detail"),
    path("persons/<uuid:person_id>/update/", api.PersonUpdateApi.as_view(), name="person_update"),
    path("households/", api.HouseholdListApi.as_view(), name="household_list"),
    path("households/create/", api.HouseholdCreateApi.as_view(), name="household_create"),
    path(
        "households/<uuid:household_id>/",
        api.HouseholdDetailApi.as_view(),
        name="household_detail",
    ),
    path(
        "households/<uuid:household_id>/update/",
        api.HouseholdUpdateApi.as_view(),
        name="household_update",
    ),
    path(
        "households/<uuid:household_id>/members/add/",
        api.HouseholdMemberAddApi.as_view(),
        name="member_add",
    ),
    path(
        "households/<uuid:household_id>/members/<uuid:member_id>/end/",
        api.HouseholdMemberEndApi.as_view(),
        name="member_end",
    ),
]
