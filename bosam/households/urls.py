from django.urls import path

from bosam.households import views

app_name = "households"
urlpatterns = [
    path("personer/", views.person_list, name="person_list"),
    path("personer/ny/", views.person_create, name="person_create"),
    path("personer/<uuid:person_id>/", views.person_detail, name="person_detail"),
    path("personer/<uuid:person_id>/andra/", views.person_edit, name="person_edit"),
    path("personer/<uuid:person_id>/sla-ihop/", views.person_merge, name="person_merge"),
    path(
        "personer/<uuid:person_id>/nytt-hushall/", views.household_create, name="household_create"
    ),
    path("hushall/", views.household_list, name="household_list"),
    path("hushall/<uuid:household_id>/", views.household_detail, name="household_detail"),
    path("hushall/<uuid:household_id>/andra/", views.household_edit, name="household_edit"),
    path("hushall/<uuid:household_id>/medlemmar/", views.member_add, name="member_add"),
    path(
        "hushall/<uuid:household_id>/medlemmar/<uuid:member_id>/avsluta/",
        views.member_end,
        name="member_end",
    ),
]
