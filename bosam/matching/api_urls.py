from django.urls import path

from bosam.matching import api

app_name = "matching-api"
urlpatterns = [
    path("requests/", api.RequestListApi.as_view(), name="request_list"),
    path("requests/create/", api.RequestCreateApi.as_view(), name="request_create"),
    path("requests/<uuid:request_id>/", api.RequestDetailApi.as_view(), name="request_detail"),
    path(
        "requests/<uuid:request_id>/withdraw/",
        api.RequestWithdrawApi.as_view(),
        name="request_withdraw",
    ),
    path(
        "requests/<uuid:request_id>/proposals/",
        api.RequestProposalsApi.as_view(),
        name="request_proposals",
    ),
    path("requests/<uuid:request_id>/why-not/", api.RequestWhyNotApi.as_view(), name="why_not"),
    path("vacancies/", api.VacancyListApi.as_view(), name="vacancy_list"),
    path(
        "vacancies/<int:head_lease_id>/proposals/",
        api.VacancyProposalsApi.as_view(),
        name="vacancy_proposals",
    ),
    path("offers/", api.OfferListApi.as_view(), name="offer_list"),
    path("offers/create/", api.OfferCreateApi.as_view(), name="offer_create"),
    path("offers/<uuid:offer_id>/", api.OfferDetailApi.as_view(), name="offer_detail"),
    path("offers/<uuid:offer_id>/accept/", api.OfferAcceptApi.as_view(), name="offer_accept"),
    path("offers/<uuid:offer_id>/decline/", api.OfferDeclineApi.as_view(), name="offer_decline"),
    path("offers/<uuid:offer_id>/withdraw/", api.OfferWithdrawApi.as_view(), name="offer_withdraw"),
    path("figures/", api.FiguresApi.as_view(), name="figures"),
]
