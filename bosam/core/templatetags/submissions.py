"""`{% one_time_token %}`: the one-time token of a hand-written creation form (a form object's
token is added by `bosam.core.submissions.one_time_submission` itself)."""

import uuid

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from bosam.core.submissions import SUBMISSION_FIELD

register = template.Library()


@register.simple_tag
def one_time_token() -> SafeString:
    return format_html(
        '<input type="hidden" name="{}" value="{}">', SUBMISSION_FIELD, uuid.uuid4().hex
    )
