from django.urls import path

from bosam.reporting import views

app_name = "reporting"
urlpatterns = [
    path("", views.report_index, name="report_index"),
    path("<year:year>/", views.report_year, name="report_year"),
    path("<year:year>/figur/<slug:key>/", views.figure_detail, name="figure_detail"),
    path("<year:year>/export.<str:fmt>", views.report_export, name="report_export"),
    path("<year:year>/pdf/", views.report_pdf_start, name="report_pdf_start"),
    path("<year:year>/publicera/", views.report_publish, name="report_publish"),
    path("<year:year>/publicerad.pdf", views.published_pdf, name="published_pdf"),
    path("jobb/<uuid:job_id>/", views.report_job, name="report_job"),
    path("jobb/<uuid:job_id>/igen/", views.report_job_retry, name="report_job_retry"),
    path("jobb/<uuid:job_id>/rapport.pdf", views.report_job_pdf, name="report_job_pdf"),
]
