from django.urls import path

from bosam.prevention.views import cases, figures, imports, letters, notifications

app_name = "prevention"
urlpatterns = [
    path("", cases.work_queue, name="work_queue"),
    path("arenden/", cases.case_list, name="case_list"),
    path("egna-hyresgaster/", cases.subtenant_arrears, name="subtenant_arrears"),
    path("arenden/<uuid:case_id>/", cases.case_detail, name="case_detail"),
    path("arenden/<uuid:case_id>/kontakt/", cases.outreach_add, name="outreach_add"),
    path("arenden/<uuid:case_id>/insats/", cases.intervention_add, name="intervention_add"),
    path("arenden/<uuid:case_id>/avsluta/", cases.case_close, name="case_close"),
    path(
        "arenden/<uuid:case_id>/underrattelser/<uuid:notification_id>/datum/",
        cases.notices_update,
        name="notices_update",
    ),
    path("arenden/<uuid:case_id>/sjukdom/", cases.illness_note_save, name="illness_note_save"),
    path("arenden/<uuid:case_id>/brev/", cases.letter_send, name="letter_send"),
    path(
        "arenden/<uuid:case_id>/brev/<uuid:attempt_id>.pdf",
        cases.letter_pdf,
        name="letter_pdf",
    ),
    path("underrattelser/", notifications.notification_list, name="notification_list"),
    path("underrattelser/ny/", notifications.notification_create, name="notification_create"),
    path("import/", imports.import_list, name="import_list"),
    path("import/<int:import_id>/", imports.import_preview, name="import_preview"),
    path("import/<int:import_id>/godkann/", imports.import_accept, name="import_accept"),
    path("import/<int:import_id>/forkasta/", imports.import_discard, name="import_discard"),
    path("import/<int:import_id>/fil/", imports.import_file, name="import_file"),
    path("brevmallar/", letters.template_list, name="template_list"),
    path("brevmallar/ny/", letters.template_edit, name="template_create"),
    path("brevmallar/<int:template_id>/", letters.template_edit, name="template_edit"),
    path("statistik/", figures.figures_page, name="figures"),
]
