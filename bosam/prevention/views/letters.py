"""The unit's letter templates."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bosam.accounts.permissions import capability_required
from bosam.accounts.requests import AuthedHttpRequest
from bosam.accounts.roles import Capability
from bosam.core.edit_guards import guard_stale_edit, record_from_url
from bosam.core.errors import ApplicationError
from bosam.core.forms import add_application_error
from bosam.core.submissions import one_time_submission
from bosam.prevention import services
from bosam.prevention.forms import LetterTemplateForm
from bosam.prevention.models import LetterTemplate

WORK = Capability.PREVENTION_WORK


@capability_required(WORK)
def template_list(request: AuthedHttpRequest) -> HttpResponse:
    return TemplateResponse(
        request, "prevention/template_list.html", {"templates": LetterTemplate.objects.all()}
    )


@capability_required(WORK)
@require_http_methods(["GET", "POST"])
@guard_stale_edit(record_from_url(LetterTemplate, "template_id"))
@one_time_submission
def template_edit(request: AuthedHttpRequest, template_id: int | None = None) -> HttpResponse:
    template = None
    if template_id is not None:
        template = LetterTemplate.objects.filter(pk=template_id).first()
        if template is None:
            raise Http404
    initial = (
        {k: getattr(template, k) for k in ("name", "subject", "body", "active")}
        if template
        else {"active": True}
    )
    form = LetterTemplateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.letter_template_save(
                saved_by=request.user, template=template, **form.cleaned_data
            )
        except ApplicationError as exc:
            add_application_error(form, exc)
        else:
            messages.success(request, _("Brevmallen är sparad."))
            return redirect("prevention:template_list")
    return TemplateResponse(
        request, "prevention/template_form.html", {"form": form, "template": template}
    )
