from django.urls import path

from bosam.administration.views import audit_follow_up, catalogues, organisation, tokens, users

app_name = "administration"
urlpatterns = [
    path("anvandare/", users.user_list, name="user_list"),
    path("anvandare/ny/", users.user_create, name="user_create"),
    path("anvandare/<int:user_id>/", users.user_detail, name="user_detail"),
    path("anvandare/<int:user_id>/andra/", users.user_edit, name="user_edit"),
    path("anvandare/<int:user_id>/aktiv/", users.user_set_active, name="user_set_active"),
    path("anvandare/<int:user_id>/losenord/", users.user_password, name="user_password"),
    path("anvandare/<int:user_id>/las-upp/", users.user_unlock, name="user_unlock"),
    path(
        "anvandare/<int:user_id>/api-nyckel/",
        tokens.service_account_token,
        name="service_account_token",
    ),
    path("min-api-nyckel/", tokens.my_api_token, name="my_api_token"),
    path("organisation/", organisation.organisation, name="organisation"),
    path(
        "organisation/namnder/ny/",
        organisation.organisation_create,
        {"kind": "committee"},
        name="committee_create",
    ),
    path(
        "organisation/namnder/<int:committee_id>/",
        organisation.organisation_edit,
        {"kind": "committee"},
        name="committee_edit",
    ),
    path(
        "organisation/forvaltningar/ny/",
        organisation.organisation_create,
        {"kind": "office"},
        name="office_create",
    ),
    path(
        "organisation/forvaltningar/<int:office_id>/",
        organisation.organisation_edit,
        {"kind": "office"},
        name="office_edit",
    ),
    path(
        "organisation/enheter/ny/",
        organisation.organisation_create,
        {"kind": "unit"},
        name="unit_create",
    ),
    path(
        "organisation/enheter/<int:unit_id>/",
        organisation.organisation_edit,
        {"kind": "unit"},
        name="unit_edit",
    ),
    path("kataloger/", catalogues.catalogue_list, name="catalogue_list"),
    path("kataloger/<slug:key>/", catalogues.catalogue_detail, name="catalogue_detail"),
    path("kataloger/<slug:key>/ny/", catalogues.catalogue_entry_create, name="catalogue_create"),
    path(
        "kataloger/<slug:key>/<str:entry_id>/",
        catalogues.catalogue_entry_edit,
        name="catalogue_edit",
    ),
    path("logguppfoljning/", audit_follow_up.audit_follow_up, name="audit_follow_up"),
]
