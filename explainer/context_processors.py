from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, str]:
    return {
        "site_name": "Margin Academy",
        "site_owner": "Entry Finance",
        # The page's own address without its query string (?utm_… is not another page).
        "canonical_url": request.build_absolute_uri(request.path),
    }
