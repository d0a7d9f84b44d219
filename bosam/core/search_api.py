"""`GET /api/v1/search/?q=`: search from anywhere for programs, the same as the page: every
module's matching records the caller may see, grouped by kind, audited by each module as a list
read. A query of fewer than three letters or digits is refused (400), not run."""

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bosam.core.site_search import search_everything


class SearchApi(APIView):
    class OutputSerializer(serializers.Serializer[Any]):
        query = serializers.CharField()
        groups = serializers.ListField(child=serializers.DictField())

    @extend_schema(
        parameters=[OpenApiParameter("q", str, description="Minst tre bokstäver eller siffror.")],
        responses={200: OutputSerializer},
    )
    def get(self, request: Request) -> Response:
        result = search_everything(user=request.user, raw=request.query_params.get("q", ""))
        if not result.query:
            return Response(
                {
                    "message": _("Skriv minst tre bokstäver eller siffror."),
                    "code": "query_too_short",
                    "extra": {"field": "q"},
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        groups = [
            {
                "kind": g.kind,
                "label": str(g.label),
                "more": g.more,
                "hits": [
                    {"title": str(h.title), "detail": str(h.detail), "url": h.url} for h in g.hits
                ],
            }
            for g in result.groups
        ]
        return Response({"query": result.query, "groups": groups})
