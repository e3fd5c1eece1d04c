from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tracking.extraction.corpus import (
    corpus_folder,
    evaluate_corpus,
    expectation_files,
    format_scores,
    load_expectations,
)


class Command(BaseCommand):
    help = (
        "Parse the annotated General Assembly resolutions with the real parser, suggest "
        "their mandates with the shipped actor registry, and print precision and recall "
        "for addressees, actions and deadlines, per resolution and overall. Saves nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--corpus",
            type=Path,
            default=None,
            help="folder of the texts (default: $SUIVI_CORPUS_DIR/ga-80/reflowed, "
            "../shared/corpus/ga-80/reflowed without it)",
        )
        parser.add_argument(
            "--details", action="store_true", help="also print each paragraph that differs"
        )

    def handle(self, *args, corpus: Path | None, details: bool, **options):
        corpus = corpus or corpus_folder()
        if not corpus.is_dir():
            raise CommandError(
                f"The corpus folder {corpus} does not exist: the annotated texts are not "
                "part of the project. Give their folder with --corpus or SUIVI_CORPUS_DIR."
            )

        def read(name: str) -> str | None:
            path = corpus / name
            return path.read_text(encoding="utf-8") if path.is_file() else None

        everything = []
        for path in expectation_files():
            scores = evaluate_corpus(
                read, load_expectations(path), max_chars=settings.SUIVI_MAX_TEXT_CHARS
            )
            everything += scores
            self.stdout.write(f"== {path.name} (texts in {corpus})")
            self.stdout.write(format_scores(scores, details=details))
        self.stdout.write("== all files")
        self.stdout.write(format_scores(everything, details=False, totals_only=True))
