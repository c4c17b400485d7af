from django.core.management.base import BaseCommand

from explainer.content.sync import load_content


class Command(BaseCommand):
    help = "Loads categories, glossary and articles from explainer/content into the database."

    def handle(self, *args, **options) -> None:
        counts = load_content()
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Loaded {summary}."))
