from django.urls import path

from bosam.properties.views import apartments, head_leases, imports, landlords

app_name = "properties"
urlpatterns = [
    path("avtal/", head_leases.head_lease_list, name="head_lease_list"),
    path("avtal/<int:head_lease_id>/", head_leases.head_lease_detail, name="head_lease_detail"),
    path("avtal/<int:head_lease_id>/andra/", head_leases.head_lease_edit, name="head_lease_edit"),
    path("avtal/<int:head_lease_id>/avsluta/", head_leases.head_lease_end, name="head_lease_end"),
    path("objekt/", apartments.apartment_list, name="apartment_list"),
    path("objekt/nytt/", apartments.apartment_create, name="apartment_create"),
    path("objekt/<int:apartment_id>/", apartments.apartment_detail, name="apartment_detail"),
    path("objekt/<int:apartment_id>/andra/", apartments.apartment_edit, name="apartment_edit"),
    path(
        "objekt/<int:apartment_id>/nytt-avtal/",
        head_leases.head_lease_create,
        name="head_lease_create",
    ),
    path("hyresvardar/", landlords.landlord_list, name="landlord_list"),
    path("hyresvardar/ny/", landlords.landlord_create, name="landlord_create"),
    path("hyresvardar/<int:landlord_id>/", landlords.landlord_detail, name="landlord_detail"),
    path("hyresvardar/<int:landlord_id>/andra/", landlords.landlord_edit, name="landlord_edit"),
    path("hyresvardar/<int:landlord_id>/kontakter/", landlords.contact_add, name="contact_add"),
    path(
        "hyresvardar/<int:landlord_id>/kontakter/<int:contact_id>/ta-bort/",
        landlords.contact_remove,
        name="contact_remove",
    ),
    path("import/", imports.import_upload, name="import_upload"),
    path("import/historik/", imports.import_history, name="import_history"),
    path("import/mall/", imports.import_template, name="import_template"),
    path("import/<int:import_id>/", imports.import_preview, name="import_preview"),
    path("import/<int:import_id>/genomfor/", imports.import_apply, name="import_apply"),
    path("import/<int:import_id>/fil/", imports.import_file, name="import_file"),
]
