"""Template tags for the embeds (explainer/embeds): the allowed parent origins an embed page
carries for embed-frame.js, and the "Embed this" snippet of a calculator page."""

from django import template
from django.urls import reverse

from explainer.calculators.widgets import Widget
from explainer.embeds import framing, query

register = template.Library()


@register.simple_tag
def embed_allowed_origins() -> str:
    return " ".join(framing.allowed_origins())


@register.simple_tag(takes_context=True)
def embed_snippet(context: template.Context, widget: Widget) -> dict[str, str]:
    """The loader's address, the embed's name and preset, the snippet to copy, the preview's."""
    slug = widget.calculator.slug
    preset = query.matching_preset(slug, widget.form.data)
    loader = context["request"].build_absolute_uri(reverse("embeds:loader"))
    preset_attribute = f' data-preset="{preset}"' if preset else ""
    div = f'<div data-margin-academy="{slug}"{preset_attribute}></div>'
    return {
        "slug": slug,
        "preset": preset,
        "loader": reverse("embeds:loader"),
        "snippet": f'<script src="{loader}" async></script>\n{div}',
    }
