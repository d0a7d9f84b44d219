"""No double writes (issue 21, item 6): a form sent twice, or an API create retried, creates once.

Pages: `one_time_submission` on a view that creates a record. The form it renders gets a hidden
one-time token; the first send with it claims the token and, when the view answers with a
redirect (the new record), keeps where it led. A second send of the same token (double click,
reload, back button) creates nothing: it is sent to the first record with a message.

API: `IdempotencyMiddleware`. A write under /api/ with an `Idempotency-Key` header is done once
per client and key within `WINDOW`: the same key with the same body gets the first answer again
(`Idempotent-Replayed: true`), the same key with another body is refused with 422
(`idempotency_key_reused`), and while the first is still running 409 (`idempotency_in_progress`).
Only a successful (2xx) answer is kept; after a refusal the key may be used again.
"""

import hashlib
import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from bosam.core.models import IdempotencyRecord, SubmissionToken

SUBMISSION_FIELD = "_submission"
WINDOW = timedelta(hours=24)
KEPT_HEADERS = ("Location", "ETag")
_WAIT_FOR_FIRST_SECONDS = 5.0

View = Callable[..., HttpResponse]


def _claim(token: str, user_id: int | None) -> SubmissionToken | None:
    """Claim the token (committed at once, so a concurrent second send sees it); None if it
    was claimed before."""
    SubmissionToken.objects.filter(created_at__lt=timezone.now() - timedelta(days=7)).delete()
    try:
        with transaction.atomic():
            return SubmissionToken.objects.create(token=token, user_id=user_id)
    except IntegrityError:
        return None


def _first_send(request: HttpRequest, token: str) -> HttpResponse:
    """The answer to a second send: where the first one led, once it is done."""
    deadline = time.monotonic() + _WAIT_FOR_FIRST_SECONDS
    while True:
        first = SubmissionToken.objects.filter(token=token).first()
        if first is not None and first.target and first.user_id == request.user.pk:
            messages.info(
                request, _("Formuläret var redan skickat och är sparat. Här är det som sparades.")
            )
            return redirect(first.target)
        if first is None or first.user_id != request.user.pk or time.monotonic() > deadline:
            messages.error(request, _("Formuläret skickades redan. Kontrollera om det sparades."))
            return redirect(request.get_full_path())
        time.sleep(0.2)


def _with_token_field(response: HttpResponse, token: str) -> None:
    if not isinstance(response, TemplateResponse) or response.is_rendered:
        return
    form = (response.context_data or {}).get("form")
    if not isinstance(form, forms.BaseForm):
        return
    form.fields[SUBMISSION_FIELD] = forms.CharField(widget=forms.HiddenInput, required=False)
    if form.is_bound:
        data = form.data.copy()  # type: ignore[attr-defined]
        data[SUBMISSION_FIELD] = token
        form.data = data
    else:
        form.initial[SUBMISSION_FIELD] = token


def one_time_submission(view: View) -> View:
    """A creation view whose form may be sent only once (see the module)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        token = request.POST.get(SUBMISSION_FIELD, "")[:64] if request.method == "POST" else ""
        if not token:
            response = view(request, *args, **kwargs)
            _with_token_field(response, uuid.uuid4().hex)
            return response
        claim = _claim(token, request.user.pk)
        if claim is None:
            return _first_send(request, token)
        try:
            response = view(request, *args, **kwargs)
        except BaseException:
            claim.delete()
            raise
        if isinstance(response, HttpResponseRedirect):
            claim.target = response["Location"]
            claim.save(update_fields=["target"])
        else:
            claim.delete()  # not saved (the form has errors): the same form may be sent again
            _with_token_field(response, token)
        return response

    wrapper.one_time_submission = True  # type: ignore[attr-defined]
    return wrapper


def _client_of(request: HttpRequest) -> str | None:
    credential = request.headers.get("Authorization", "")
    if credential:
        return hashlib.sha256(b"auth:" + credential.encode()).hexdigest()
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return hashlib.sha256(f"user:{user.pk}".encode()).hexdigest()
    return None


def _refusal(message: str, code: str, status: int) -> JsonResponse:
    return JsonResponse(
        {"message": message, "code": code, "extra": {"field": "Idempotency-Key"}}, status=status
    )


class IdempotencyMiddleware:
    """`Idempotency-Key` on API writes (see the module)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = request.headers.get("Idempotency-Key", "").strip()
        if (
            not key
            or request.method not in ("POST", "PUT", "PATCH")
            or not request.path.startswith("/api/")
        ):
            return self.get_response(request)
        client = _client_of(request)
        if client is None:
            return self.get_response(request)  # refused as unauthenticated by the API itself
        if len(key) > 200:
            return _refusal(
                _("Idempotency-Key får vara högst 200 tecken."), "invalid_idempotency_key", 400
            )
        fingerprint = hashlib.sha256(
            b"\n".join([request.method.encode(), request.path.encode(), request.body])
        ).hexdigest()
        IdempotencyRecord.objects.filter(
            client=client, key=key, created_at__lt=timezone.now() - WINDOW
        ).delete()
        try:
            with transaction.atomic():
                record = IdempotencyRecord.objects.create(
                    client=client, key=key, fingerprint=fingerprint
                )
        except IntegrityError:
            return self._earlier(client, key, fingerprint)
        try:
            response = self.get_response(request)
        except BaseException:
            record.delete()
            raise
        if 200 <= response.status_code < 300 and not response.streaming:
            record.status_code = response.status_code
            record.content_type = response.get("Content-Type", "")
            record.headers = {h: response[h] for h in KEPT_HEADERS if h in response}
            record.body = response.content
            record.save(update_fields=["status_code", "content_type", "headers", "body"])
        else:
            record.delete()
        return response

    def _earlier(self, client: str, key: str, fingerprint: str) -> HttpResponse:
        earlier = IdempotencyRecord.objects.filter(client=client, key=key).first()
        if earlier is None or earlier.fingerprint != fingerprint:
            return _refusal(
                _(
                    "Samma Idempotency-Key har redan använts för en annan begäran. Använd en ny "
                    "nyckel för en ny begäran."
                ),
                "idempotency_key_reused",
                422,
            )
        if earlier.status_code is None:
            return _refusal(
                _("En begäran med samma Idempotency-Key pågår. Försök igen om en stund."),
                "idempotency_in_progress",
                409,
            )
        replay = HttpResponse(
            bytes(earlier.body), status=earlier.status_code, content_type=earlier.content_type
        )
        for header, value in earlier.headers.items():
            replay[header] = value
        replay["Idempotent-Replayed"] = "true"
        return replay
