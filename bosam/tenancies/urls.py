from django.urls import path

from bosam.tenancies.views import figures, money, sublets

app_name = "tenancies"
urlpatterns = [
    path("", sublets.sublet_list, name="sublet_list"),
    path("ny/", sublets.sublet_create, name="sublet_create"),
    path("nyckeltal/", figures.figures, name="figures"),
    path("installningar/", figures.tenancy_settings, name="tenancy_settings"),
    path("<uuid:sublet_id>/", sublets.sublet_detail, name="sublet_detail"),
    path("<uuid:sublet_id>/uppfoljning/", sublets.follow_up_plan, name="follow_up_plan"),
    path(
        "<uuid:sublet_id>/uppfoljning/<uuid:follow_up_id>/",
        sublets.follow_up_record,
        name="follow_up_record",
    ),
    path("<uuid:sublet_id>/overtagande/", sublets.takeover, name="takeover"),
    path("<uuid:sublet_id>/avsluta/", sublets.sublet_end, name="sublet_end"),
    path("<uuid:sublet_id>/besiktning/", money.inspection_create, name="inspection_create"),
    path("<uuid:sublet_id>/hyra/", money.rent_charge_create, name="rent_charge_create"),
    path(
        "<uuid:sublet_id>/hyra/<uuid:charge_id>/betalning/",
        money.rent_payment_record,
        name="rent_payment_record",
    ),
]
