"""The form renderer: Django's, except that a <select> is written in Python.

Django renders every <option> through a template include; a landlord or head-lease select at the
size of a large municipality (hundreds to thousands of options) then costs tens of milliseconds
per page. The markup below is what Django's select.html, select_option.html and attrs.html write,
so nothing changes for the browser, assistive technology or the tests."""

from typing import Any

from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

SELECT_TEMPLATES = {"django/forms/widgets/select.html"}
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _attrs(attrs: dict[str, Any]) -> str:
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(parts)


def render_select(widget: dict[str, Any]) -> SafeString:
    out = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            out.append(
                f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
            )
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>")
    return mark_safe("".join(out))  # every value above is escaped


class BosamFormRenderer(DjangoTemplates):
    def render(
        self, template_name: str, context: dict[str, Any], request: HttpRequest | None = None
    ) -> str:
        widget = context.get("widget")
        if (
            template_name in SELECT_TEMPLATES
            and isinstance(widget, dict)
            and all(
                option.get("template_name") == OPTION_TEMPLATE
                for _name, choices, _index in widget.get("optgroups", [])
                for option in choices
            )
        ):
            return render_select(widget)
        return super().render(template_name, context, request)


__all__ = ["BosamFormRenderer", "render_select"]
