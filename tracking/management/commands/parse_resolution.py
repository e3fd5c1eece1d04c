import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from resolutions.services import ImportRefused, document_read, resolution_parse
from tracking.selectors import suggestions_for_parse


class Command(BaseCommand):
    help = (
        "Parse a resolution (text, PDF or Word file) and print it as JSON "
        "(see docs/parse-schema.md). Saves nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="A .txt, .pdf or .docx file.")
        parser.add_argument("--symbol", default="", help="Symbol, for a text with no header.")
        parser.add_argument("--language", choices=["fr", "en"], default="")
        parser.add_argument(
            "--json", action="store_true", help="Print JSON (the default; kept for clarity)."
        )

    def handle(self, *args, file: Path, symbol: str, language: str, **options):
        try:
            text = document_read(data=file.read_bytes(), filename=file.name).text
            parsed = resolution_parse(text=text, symbol=symbol, language=language)
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from None
        except ImportRefused as refused:
            raise CommandError(f"{file}: " + " ".join(refused.messages)) from None
        data = parsed.to_dict()
        suggested = suggestions_for_parse(parsed)
        for item, (_number, mandates) in zip(data["operative"], suggested, strict=True):
            item["mandates"] = [mandate.to_gold_dict() for mandate in mandates]
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=1))
