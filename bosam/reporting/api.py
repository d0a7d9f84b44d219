"""The annual report's API: the same report builder and publishing service as the pages, so a
committee reader gets the published, suppressed figures here too."""

from typing import Any

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bosam.accounts.models import Committee
from bosam.accounts.permissions import HasCapability
from bosam.accounts.roles import Capability
from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.reporting import selectors, services
from bosam.reporting.models import PublishedReport
from bosam.reporting.report import FigureLine, Report
from bosam.reporting.rules import is_report_year, is_suppressed


def _number(value: Any, display: str) -> str | None:
    # Numbers as strings (exact decimals); a suppressed value is its mark, "<5" or "..".
    if is_suppressed(display):
        return display
    return None if value is None else str(value)


class BreakdownSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    label: Any = serializers.CharField()  # shadows Field.label in the stubs
    value = serializers.CharField()
    previous_value = serializers.CharField(allow_null=True)


class FigureSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    label: Any = serializers.CharField()  # shadows Field.label in the stubs
    definition = serializers.CharField()
    section = serializers.CharField()
    measure = serializers.CharField()
    value = serializers.CharField(allow_null=True)
    previous_value = serializers.CharField(allow_null=True)
    note = serializers.CharField()
    record_count = serializers.IntegerField(allow_null=True)
    changed_since_publishing = serializers.BooleanField()
    breakdown = BreakdownSerializer(many=True)


def _figure(line: FigureLine) -> dict[str, Any]:
    return {
        "key": line.key,
        "label": str(line.figure.label),
        "definition": str(line.figure.definition),
        "section": line.figure.section.value,
        "measure": line.figure.measure.value,
        "value": _number(line.value, line.display),
        "previous_value": _number(line.previous, line.previous_display),
        "note": line.note,
        "record_count": line.record_count,
        "changed_since_publishing": line.changed_since_publishing,
        "breakdown": [
            {
                "key": b.key,
                "label": b.label,
                "value": _number(b.value, b.display),
                "previous_value": _number(b.previous, b.previous_display),
            }
            for b in line.breakdown
        ],
    }


def _output(report: Report) -> dict[str, Any]:
    return {
        "year": report.year,
        "committee": report.committee.pk if report.committee else None,
        "published": report.from_published,
        "published_at": report.published.published_at if report.published else None,
        "changed_since_publishing": report.changed_keys,
        "figures": [_figure(line) for line in report.lines],
    }


class ReportGetApi(APIView):
    """The annual report of a year against the year before: today's figures for full statistics
    (or the published ones with `version=published`), the published report for others."""

    required_capabilities = (Capability.STATISTICS, Capability.PUBLISHED_STATISTICS)
    permission_classes = [HasCapability]

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "ReportGetInput"

        committee = serializers.PrimaryKeyRelatedField(
            queryset=Committee.objects.filter(active=True), required=False, allow_null=True
        )
        version = serializers.ChoiceField(choices=["current", "published"], required=False)

    class OutputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "ReportGetOutput"

        year = serializers.IntegerField()
        committee = serializers.IntegerField(allow_null=True)
        published = serializers.BooleanField()
        published_at = serializers.DateTimeField(allow_null=True)
        changed_since_publishing = serializers.ListField(child=serializers.CharField())
        figures = FigureSerializer(many=True)

    @extend_schema(parameters=[InputSerializer], responses=OutputSerializer)
    def get(self, request: Request, year: int) -> Response:
        if not is_report_year(year):
            raise Http404
        params = self.InputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        try:
            report = selectors.report_for_user(
                user=request.user,
                year=year,
                committee=params.validated_data.get("committee"),
                published_version=params.validated_data.get("version") == "published",
            )
        except PublishedReport.DoesNotExist as exc:
            raise Http404 from exc
        audit_record(
            actor=request.user,
            action=AuditAction.EXPORT,
            object_type="reporting.report",
            object_id=str(year),
        )
        return Response(self.OutputSerializer(_output(report)).data)


class ReportPublishApi(APIView):
    """Publish a year's report (once the year has ended, once)."""

    required_capabilities = (Capability.REPORT_PUBLISH,)
    permission_classes = [HasCapability]

    class OutputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "ReportPublishOutput"

        year = serializers.IntegerField()
        published_at = serializers.DateTimeField()

    @extend_schema(request=None, responses={201: OutputSerializer})
    def post(self, request: Request, year: int) -> Response:
        if not is_report_year(year):
            raise Http404
        report = services.report_publish(year=year, published_by=request.user)
        return Response(self.OutputSerializer(report).data, status=201)
