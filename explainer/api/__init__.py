"""The versioned JSON API (/api/v1/): the margin engine for onboarding flows on other sites.

parsing.py turns a JSON body into engine inputs and names every bad field by its path,
serialize.py turns engine results into JSON with decimal strings, openapi.py describes it all,
and views.py only handles HTTP in and out.
"""
