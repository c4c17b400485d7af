from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_delete, post_save


class ExplainerConfig(AppConfig):
    name = "explainer"
    verbose_name = "Margin Academy"

    def ready(self) -> None:
        # An edit in the admin shows at once, like one made by load_content.
        for model in ("Article", "Category", "GlossaryTerm"):
            sender = self.get_model(model)
            post_save.connect(_content_changed, sender=sender, dispatch_uid=f"{model}-saved")
            post_delete.connect(_content_changed, sender=sender, dispatch_uid=f"{model}-gone")


def _content_changed(**_: object) -> None:
    from explainer.content import version

    transaction.on_commit(version.bump)
