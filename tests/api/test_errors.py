"""Every error code has one HTTP status, and every error reaches clients in one shape."""

import json

import pytest

import synthdata as sd
from api_shim.errors import STATUS_BY_CODE, error_body
from synthdata.errors import ErrorCode


def _subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    for sub in list(found):
        found |= _subclasses(sub)
    return found


def test_every_error_code_has_an_http_status():
    assert set(STATUS_BY_CODE) == set(ErrorCode)
    assert all(400 <= status < 600 for status in STATUS_BY_CODE.values())


@pytest.mark.parametrize(
    "error", sorted(_subclasses(sd.SynthdataError) | {sd.SynthdataError}, key=lambda c: c.__name__)
)
def test_every_error_class_carries_a_known_code(error):
    assert isinstance(error.error_code, ErrorCode)
    assert error.__name__ in sd.__all__ or error.__module__ != "synthdata.errors"


@pytest.mark.parametrize("code", list(ErrorCode))
def test_error_bodies_have_the_reference_shape(code):
    body = json.loads(error_body("what went wrong", code))
    assert body == {
        "detail": "what went wrong",
        "error_code": code.value,
        "status_code": STATUS_BY_CODE[code],
    }


def test_an_http_error_without_a_code_of_its_own_keeps_its_status_in_the_body():
    """A 406 raised by the framework is reported as 406 in both the status line and the body."""
    import asyncio

    from starlette.exceptions import HTTPException

    from api_shim.errors import http_error

    loop = asyncio.new_event_loop()
    try:
        response = loop.run_until_complete(
            http_error(None, HTTPException(406, "Not acceptable"))  # type: ignore[arg-type]
        )
    finally:
        loop.close()
    assert response.status_code == 406
    assert json.loads(response.body) == {
        "detail": "Not acceptable",
        "error_code": "VALIDATION_ERROR",
        "status_code": 406,
    }
