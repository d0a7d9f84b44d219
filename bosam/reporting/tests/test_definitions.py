import pytest

from bosam.reporting.definitions import DOC, definitions_markdown, document_with_definitions
from bosam.reporting.figures import REGISTRY

pytestmark = pytest.mark.nodb


def test_docs_list_every_figures_definition_as_the_registry_says() -> None:
    # when this fails: manage.py report_definitions --write
    document = DOC.read_text(encoding="utf-8")
    assert document == document_with_definitions(document)


def test_the_appendix_has_every_figure_once() -> None:
    text = definitions_markdown()
    for key in REGISTRY:
        assert text.count(f"(`{key}`;") == 1
