from django.urls import path

from bosam.advice import api

app_name = "advice-api"
urlpatterns = [
    path("cases/", api.AdviceCaseListApi.as_view(), name="case_list"),
    path("cases/create/", api.AdviceCaseCreateApi.as_view(), name="case_create"),
    path("cases/<uuid:case_id>/", api.AdviceCaseDetailApi.as_view(), name="case_detail"),
    path(
        "cases/<uuid:case_id>/contacts/create/",
        api.AdviceContactCreateApi.as_view(),
        name="contact_create",
    ),
    path(
        "cases/<uuid:case_id>/referrals/create/",
        api.AdviceReferralCreateApi.as_view(),
        name="referral_create",
    ),
    path("cases/<uuid:case_id>/close/", api.AdviceCaseCloseApi.as_view(), name="case_close"),
    path("figures/", api.AdviceFiguresApi.as_view(), name="figures"),
    path("catalogues/", api.AdviceCatalogueListApi.as_view(), name="catalogues"),
]
