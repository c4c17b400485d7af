"""Every kind of failure the standing probe finds, each shrunk to a small body that shows it.

    .venv/bin/python bench/probe.py [n]     # n generated cases per operation and mode (500)

tests/api/test_schemathesis.py stops at an operation's first failure, as a test should. This
lets schemathesis generate n positive and n negative cases per operation from the OpenAPI
document, sends each in process (WSGI, no network), and sorts what goes wrong into kinds:

- a body the document allows, refused with a 400 for a reason that is not a cross-field rule
  (one kind per field and message, numbers left out);
- a body the document forbids, answered 200 (one kind per broken schema keyword and place);
- a 5xx, or a 4xx that names no field of the body or is not in the API's error shape;
- whatever else schemathesis's own checks report (response schema, headers, methods…).

Each kind is shown with the smallest body found, then shrunk (keys and items dropped, numbers
made plain) while it still shows the same kind, and with what the API answered to it.
"""

import json
import logging
import os
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entryfinance.settings")

import jsonschema_rs  # noqa: E402  (installed with schemathesis)
from django.test import Client, override_settings  # noqa: E402
from schemathesis.core.failures import Failure, FailureGroup  # noqa: E402
from schemathesis.pytest.lazy import get_all_tests  # noqa: E402  (what pytest runs)
from schemathesis.specs.openapi.checks import (  # noqa: E402
    negative_data_rejection,
    positive_data_acceptance,
)

from tests.api.test_schemathesis import (  # noqa: E402
    ENVIRON,
    HEADERS,
    _errors,
    _is_cross_field,
    _names_a_field,
    schema,
)

SHOWN = 500  # characters of a body or an answer
PLAIN = ["1", "10", "0.5", "100", "50000", "0", 1, 10]
# Checks this script judges itself (to name the field or schema keyword of each failure).
OWN = [positive_data_acceptance, negative_data_rejection]


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    override_settings(RATELIMIT_ENABLE=False).enable()  # one address sends every case
    logging.getLogger("django.request").setLevel(logging.ERROR)  # 4xx are expected here
    schema.config.generation.update(max_examples=count)
    found: dict[tuple, dict] = {}
    started, cases = time.monotonic(), 0
    # The tests pytest would run (the examples, coverage and fuzzing phases, both modes), with a
    # test function that records what goes wrong instead of stopping at it.
    probes = {}

    def record(case) -> None:
        nonlocal cases
        cases += 1
        operation = case.operation
        probe = probes.setdefault(operation.label, _Probe(operation))
        _judge(case, probe, found)

    for result in get_all_tests(schema=schema, test_func=record, settings=None, given_kwargs=None):
        operation, test = result.ok()
        test()
    elapsed = time.monotonic() - started
    print(f"{cases:,} cases in {elapsed:.0f} s: {len(found)} kinds of failure")
    for number, (kind, example) in enumerate(sorted(found.items()), start=1):
        body = example["body"]
        if example["probe"] is not None:
            body = _shrink(example["probe"], body, kind)
        status, answer = example["probe"].send(body) if example["probe"] else example["answer"]
        print(f"\n{number}. {' | '.join(map(str, kind))}  ({example['count']} cases)")
        print(f"   sent:     {_clip(json.dumps(body, ensure_ascii=False))}")
        print(f"   answered: {status} {_clip(answer)}")


class _Probe:
    """Sends a body to one operation and names the kinds of failure its answer shows."""

    def __init__(self, operation) -> None:
        self.operation = operation
        self.path = "/api/v1" + operation.path
        self.client = Client(**ENVIRON)
        body = schema.raw_schema["paths"][operation.path][operation.method]
        content = body.get("requestBody", {}).get("content", {}).get("application/json", {})
        root = {**schema.raw_schema, **content.get("schema", {})}
        self.validator = jsonschema_rs.Draft202012Validator(root) if content else None

    def send(self, body) -> tuple[int, str]:
        data = json.dumps(body)
        response = self.client.post(self.path, data, content_type="application/json")
        return response.status_code, response.content.decode("utf-8", "replace")

    def kinds(self, body) -> set[tuple]:
        status, answer = self.send(body)
        label = self.operation.label
        if status >= 500:
            return {(label, "5xx", status)}
        kinds = set()
        errors = _errors(_Answer(answer)) if 400 <= status < 500 else []
        if errors is None:
            kinds.add((label, "4xx not in the error shape", status))
        for error in errors or []:
            if error["field"] is not None and not _names_a_field(body, error["field"]):
                kinds.add((label, "4xx names no field of the body", _pattern(error)))
        valid = self.validator.is_valid(body)
        if valid and status == 400:
            for error in errors or []:
                if not _is_cross_field(error):
                    kinds.add((label, "allowed by the document, refused", _pattern(error)))
        if not valid and status == 200:
            for error in self.validator.iter_errors(body):
                place = re.sub(r"\.(\d+)\b", "[i]", ".".join(map(str, error.instance_path)))
                keyword = type(error.kind).__name__
                kinds.add((label, "forbidden by the document, answered 200", f"{place}: {keyword}"))
        return kinds


class _Answer:
    def __init__(self, text: str) -> None:
        self.text = text

    def json(self):
        return json.loads(self.text)


def _judge(case, probe: "_Probe", found: dict) -> None:
    operation = case.operation
    if case.method.lower() == operation.method and isinstance(case.body, dict | list):
        for kind in probe.kinds(case.body):
            _keep(found, kind, case.body, probe)
    response = case.call(headers=HEADERS, environ_base=ENVIRON)
    try:
        case.validate_response(response, headers=HEADERS, excluded_checks=OWN)
    except (FailureGroup, Failure) as error:
        failures = error.exceptions if isinstance(error, FailureGroup) else [error]
        for failure in failures:
            if failure.title.startswith("Server error"):
                continue  # judged above, with the body that caused it
            kind = (operation.label, failure.title, failure.message.split("\n")[0])
            answer = (response.status_code, response.content.decode("utf-8", "replace"))
            _keep(found, kind, f"{case.method.upper()} {case.body}", None, answer)


def _keep(found, kind, body, probe, answer=None) -> None:
    example = found.setdefault(kind, {"count": 0, "body": body, "probe": probe, "answer": answer})
    example["count"] += 1
    if len(json.dumps(body)) < len(json.dumps(example["body"])):
        example.update(body=body, answer=answer)


def _shrink(probe: _Probe, body, kind: tuple):
    """Drops keys and items and makes numbers plain while the body still shows `kind`."""
    changed = True
    while changed:
        changed = False
        for smaller in _smaller(body):
            if kind in probe.kinds(smaller):
                body, changed = smaller, True
                break
    return body


def _smaller(node):
    if isinstance(node, dict):
        for key in node:
            yield {name: value for name, value in node.items() if name != key}
        for key, value in node.items():
            for child in _smaller(value):
                yield {**node, key: child}
    elif isinstance(node, list):
        for index in range(len(node)):
            yield node[:index] + node[index + 1 :]
        for index, value in enumerate(node):
            for child in _smaller(value):
                yield [*node[:index], child, *node[index + 1 :]]
    elif isinstance(node, int | float | str) and not isinstance(node, bool):
        yield from (plain for plain in PLAIN if len(repr(plain)) < len(repr(node)))


def _pattern(error: dict) -> str:
    field = re.sub(r"\[\d+\]", "[i]", str(error["field"]))
    message = re.sub(r'"[^"]*"|\d[\d.,]*|[A-Z]+-PERP', "…", error["message"])
    return f"{field}: {message}"


def _clip(text: str) -> str:
    return text if len(text) <= SHOWN else text[:SHOWN] + f"… ({len(text):,} characters)"


if __name__ == "__main__":
    main()
