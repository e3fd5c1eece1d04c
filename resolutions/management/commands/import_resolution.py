from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from resolutions.services import ImportRefused, decode_upload, resolution_import


class Command(BaseCommand):
    help = (
        "Import resolution texts. Each file is imported atomically; re-importing the same "
        "text changes nothing, a changed text is refused unless --replace is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--symbol", default="", help="Symbol, for a text with no header.")
        parser.add_argument("--language", choices=["fr", "en"], default="")
        parser.add_argument("--replace", action="store_true")

    def handle(self, *args, files, symbol, language, replace, **options):
        if symbol and len(files) > 1:
            raise CommandError("--symbol names one resolution; give one file with it.")
        failures = 0
        for file in files:
            try:
                text = decode_upload(file.read_bytes())
                result = resolution_import(
                    text=text, symbol=symbol, language=language, replace=replace
                )
            except OSError as error:
                failures += 1
                self.stderr.write(f"{file}: {error.strerror}")
                continue
            except ImportRefused as refused:
                failures += 1
                self.stderr.write(f"{file}: refused, nothing saved: " + " ".join(refused.messages))
                continue
            symbol_text = f"{result.resolution.symbol} ({result.language})"
            verb = {
                "created": "imported",
                "added_language": "language added to",
                "replaced": "text replaced in",
                "unchanged": "unchanged, already imported:",
            }[result.outcome]
            self.stdout.write(f"{file}: {verb} {symbol_text}")
            for warning in result.warnings:
                self.stdout.write(f"  warning: {warning}")
        if failures:
            raise CommandError(f"{failures} of {len(files)} file(s) refused.")
