from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from resolutions.documents.reader import EXTENSIONS
from resolutions.services import FileOutcome, resolution_import_one

VERBS = {
    "created": "imported",
    "added_language": "language added to",
    "replaced": "text replaced in",
    "unchanged": "unchanged, already imported:",
}


def files_of(paths: list[Path]) -> list[Path]:
    """The files named, and the .pdf, .docx and .txt files under the folders named."""
    found = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    item
                    for item in path.rglob("*")
                    if item.is_file()
                    and item.suffix.lower() in EXTENSIONS
                    and not any(part.startswith(".") for part in item.relative_to(path).parts)
                )
            )
        else:
            found.append(path)
    return found


class Command(BaseCommand):
    help = (
        "Import resolutions from files (.pdf with a text layer, .docx, .txt) or whole folders "
        "of them. Each file is imported in its own transaction; a refused file is reported "
        "and the others go on. Importing the same files again changes nothing. A changed "
        "text is refused unless --replace is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_FOLDER")
        parser.add_argument("--symbol", default="", help="Symbol, for a text with no header.")
        parser.add_argument("--language", choices=["fr", "en"], default="")
        parser.add_argument("--replace", action="store_true")

    def handle(self, *args, paths, symbol, language, replace, **options):
        files = files_of(paths)
        if not files:
            raise CommandError("No .pdf, .docx or .txt file in " + ", ".join(map(str, paths)))
        if symbol and len(files) > 1:
            raise CommandError("--symbol names one resolution; give one file with it.")
        width = len(str(len(files)))
        outcomes: list[tuple[Path, FileOutcome]] = []
        for index, file in enumerate(files, start=1):
            try:
                data = file.read_bytes()
            except OSError as error:
                outcome = FileOutcome(file.name, "refused", messages=[error.strerror or ""])
            else:
                outcome = resolution_import_one(
                    name=file.name, data=data, symbol=symbol, language=language, replace=replace
                )
            outcomes.append((file, outcome))
            self._progress(f"[{index:>{width}}/{len(files)}]", file, outcome)
        self._summary(outcomes)

    def _progress(self, counter: str, file: Path, outcome: FileOutcome) -> None:
        if outcome.outcome == "refused":
            self.stderr.write(
                f"{counter} {file}: refused, nothing saved: " + " ".join(outcome.messages)
            )
            return
        self.stdout.write(
            f"{counter} {file}: {VERBS[outcome.outcome]} {outcome.symbol} ({outcome.language})"
        )
        for warning in outcome.messages:
            self.stdout.write(f"  warning: {warning}")

    def _summary(self, outcomes: list[tuple[Path, FileOutcome]]) -> None:
        imported = sum(outcome.imported for _file, outcome in outcomes)
        unchanged = sum(outcome.outcome == "unchanged" for _file, outcome in outcomes)
        refused = [(file, outcome) for file, outcome in outcomes if outcome.outcome == "refused"]
        self.stdout.write("")
        self.stdout.write(
            f"{len(outcomes)} file(s): {imported} imported, {unchanged} unchanged, "
            f"{len(refused)} refused."
        )
        if not imported:
            self.stdout.write(
                "Nothing changed: every file was already imported."
                if not refused
                else "Nothing changed: no file was imported."
            )
        if refused:
            self.stdout.write("Refused, with nothing saved from them:")
            for file, outcome in refused:
                self.stdout.write(f"  {file}: " + " ".join(outcome.messages))
            raise CommandError(f"{len(refused)} of {len(outcomes)} file(s) refused.")
