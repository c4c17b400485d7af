"""Embeds: the calculators and widgets in iframes on partners' onboarding pages."""
