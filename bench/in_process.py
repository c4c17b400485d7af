"""Django, set up in this process the way the in-process benchmarks measure it: DEBUG off,
as served in production, with a throwaway secret and no SSL redirect for the test client.
Importing this module is the set-up."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entryfinance.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
django.setup()
