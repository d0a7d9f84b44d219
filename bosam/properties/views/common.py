"""What the register's list pages share: sortable column headers, filter parsing, export."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.utils.functional import Promise
from django.utils.text import slugify

from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.core.export import Cell, csv_response, xlsx_response

PAGE_SIZE = 50


@dataclass(frozen=True)
class Column:
    label: str | Promise
    sort: str = ""  # the sort key ascending; "" when the column does not sort
    numeric: bool = False


def sort_headers(
    request: HttpRequest, columns: Sequence[Column], current: str
) -> list[dict[str, Any]]:
    """Header cells with a link that sorts by the column (again: the other way) and the
    `aria-sort` state screen readers announce."""
    headers = []
    for column in columns:
        cell: dict[str, Any] = {"label": column.label, "numeric": column.numeric, "url": ""}
        if column.sort:
            ascending = current == column.sort
            descending = current == "-" + column.sort
            params = request.GET.copy()
            params.pop("page", None)
            params["sort"] = "-" + column.sort if ascending else column.sort
            cell["url"] = "?" + params.urlencode()
            cell["aria_sort"] = "ascending" if ascending else "descending" if descending else ""
        headers.append(cell)
    return headers


def int_param(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name, "").strip()
    return int(value) if value.isdigit() else None


def paginate(request: HttpRequest, queryset: Any) -> Page[Any]:
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def query_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("export", None)
    return params.urlencode()


def export_response(
    request: HttpRequest,
    *,
    name: str | Promise,
    object_type: str,
    headers: Sequence[str | Promise],
    rows: Iterable[Sequence[Cell]],
) -> HttpResponse | None:
    """The list as XLSX or CSV when `?export=xlsx|csv`, else None. The export itself is audited
    (who took which list out of the system, with its filters)."""
    kind = request.GET.get("export", "")
    if kind not in ("xlsx", "csv"):
        return None
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        object_type=object_type,
        reason=f"{kind}: {query_without_page(request)}",
    )
    make: Callable[..., HttpResponse] = xlsx_response if kind == "xlsx" else csv_response
    return make(slugify(str(name)), [str(h) for h in headers], rows)
