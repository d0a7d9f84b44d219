from django.urls import path

from bosam.properties import api

app_name = "properties-api"
urlpatterns = [
    path("landlords/", api.LandlordListApi.as_view(), name="landlord_list"),
    path("landlords/create/", api.LandlordCreateApi.as_view(), name="landlord_create"),
    path("landlords/<int:landlord_id>/", api.LandlordDetailApi.as_view(), name="landlord_detail"),
    path("apartments/", api.ApartmentListApi.as_view(), name="apartment_list"),
    path("apartments/create/", api.ApartmentCreateApi.as_view(), name="apartment_create"),
    path(
        "apartments/<int:apartment_id>/", api.ApartmentDetailApi.as_view(), name="apartment_detail"
    ),
    path("head-leases/", api.HeadLeaseListApi.as_view(), name="head_lease_list"),
    path("head-leases/create/", api.HeadLeaseCreateApi.as_view(), name="head_lease_create"),
    path(
        "head-leases/<int:head_lease_id>/",
        api.HeadLeaseDetailApi.as_view(),
        name="head_lease_detail",
    ),
    path(
        "head-leases/<int:head_lease_id>/end/", api.HeadLeaseEndApi.as_view(), name="head_lease_end"
    ),
]
