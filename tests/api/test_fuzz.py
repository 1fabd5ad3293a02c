"""Property-based requests generated from the API's own OpenAPI document (schemathesis), in process and
bounded: no request the schema allows may be refused (400) or crash (5xx), and every answer must match the
schema (status, content type, headers, body). Crashes found this way become plain regression tests in
``test_errors.py``.

``FUZZ_EXAMPLES`` sets the examples per operation (default 25: about 500 requests over the whole API).
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    positive_data_acceptance,
]


@pytest.fixture
def api_schema(newsroom):
    """The app called as a WSGI server would, but without closing the database connection after each
    request (as Django's test client does): the test's data lives in that connection's open transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _operations(schema):
    for result in schema.get_all_operations():
        yield result.ok()


def test_every_schema_valid_request_is_answered_as_documented(api_schema):
    tried = {}
    for operation in _operations(api_schema):
        if operation.path.endswith(("/schema/", "/docs/")):
            continue  # documents about the API, not content: checked in test_openapi.py

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            response = case.call()
            case.validate_response(response, checks=CHECKS)
            tried[case.operation.label] = tried.get(case.operation.label, 0) + 1

        run()
    assert len(tried) >= 18, sorted(tried)
