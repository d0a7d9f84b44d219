from django.urls import path

from bosam.advice import figure_views, views

app_name = "advice"
urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("nytt/", views.case_create, name="case_create"),
    path("nytt/person/", views.person_lookup, name="person_lookup"),
    path("arenden/<uuid:case_id>/", views.case_detail, name="case_detail"),
    path("arenden/<uuid:case_id>/andra/", views.case_edit, name="case_edit"),
    path("arenden/<uuid:case_id>/kontakt/", views.contact_add, name="contact_add"),
    path("arenden/<uuid:case_id>/hanvisning/", views.referral_add, name="referral_add"),
    path("arenden/<uuid:case_id>/avsluta/", views.case_close, name="case_close"),
    path("siffror/", figure_views.figures, name="figures"),
    path("kataloger/", figure_views.catalogue_index, name="catalogue_index"),
    path("kataloger/<slug:slug>/ny/", figure_views.catalogue_entry_edit, name="catalogue_create"),
    path(
        "kataloger/<slug:slug>/<int:entry_id>/",
        figure_views.catalogue_entry_edit,
        name="catalogue_edit",
    ),
]
