from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, str]:
    return {"site_name": "Margin Academy", "site_owner": "Entry Finance"}
