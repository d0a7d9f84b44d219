from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from bosam.reporting.definitions import DOC, definitions_markdown, document_with_definitions


class Command(BaseCommand):
    help = "Skriver ut årsrapportens definitioner (Markdown) eller uppdaterar docs/reporting.md."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--write", action="store_true", help="uppdatera docs/reporting.md")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["write"]:
            DOC.write_text(
                document_with_definitions(DOC.read_text(encoding="utf-8")), encoding="utf-8"
            )
            self.stdout.write(f"{DOC} uppdaterad.")
        else:
            self.stdout.write(definitions_markdown())
