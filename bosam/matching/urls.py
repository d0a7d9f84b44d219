from django.urls import path

from bosam.matching import views

app_name = "matching"
urlpatterns = [
    path("bestallningar/", views.request_list, name="request_list"),
    path("bestallningar/ny/", views.request_create, name="request_create"),
    path("bestallningar/<uuid:request_id>/", views.request_detail, name="request_detail"),
    path("bestallningar/<uuid:request_id>/andra/", views.request_edit, name="request_edit"),
    path(
        "bestallningar/<uuid:request_id>/aterkalla/",
        views.request_withdraw,
        name="request_withdraw",
    ),
    path("bestallningar/<uuid:request_id>/varfor-inte/", views.why_not, name="why_not"),
    path("lediga/", views.vacancy_list, name="vacancy_list"),
    path("lediga/<int:head_lease_id>/", views.vacancy_detail, name="vacancy_detail"),
    path("erbjudanden/", views.offer_list, name="offer_list"),
    path("erbjudanden/ny/", views.offer_make, name="offer_make"),
    path("erbjudanden/<uuid:offer_id>/", views.offer_detail, name="offer_detail"),
    path("erbjudanden/<uuid:offer_id>/ja/", views.offer_accept, name="offer_accept"),
    path("erbjudanden/<uuid:offer_id>/nej/", views.offer_decline, name="offer_decline"),
    path("erbjudanden/<uuid:offer_id>/ta-tillbaka/", views.offer_withdraw, name="offer_withdraw"),
    path("erbjudanden/<uuid:offer_id>/utgangen/", views.offer_expire, name="offer_expire"),
    path("installningar/", views.settings_edit, name="settings"),
]
