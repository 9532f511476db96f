"""Job webhooks: the job's status POSTed as JSON when it ends, signed, retried with backoff."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import time
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlsplit

from synthdata.errors import InvalidInputError

__all__ = ["SIGNATURE_HEADER", "check_url", "deliver", "sign"]

SIGNATURE_HEADER = "X-Synthdata-Signature"
ATTEMPTS = 4
BACKOFF = 0.5


def check_url(url: str) -> str:
    """Accept only absolute http(s) URLs with a host."""
    parts = urlsplit(str(url))
    if parts.scheme not in ("http", "https") or not parts.hostname or len(url) > 2000:
        msg = f"webhook_url must be an http(s) URL (got {str(url)[:100]!r})"
        raise InvalidInputError(msg)
    return url


def sign(body: bytes, secret: str) -> str:
    """``sha256=<hex HMAC of the body>``, as the receiver recomputes it with the shared secret."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def deliver(url: str, job: Any, *, attempts: int = ATTEMPTS) -> list[dict[str, Any]]:
    """POST the job's status; retry on errors and 5xx with exponential backoff.

    Returns one record per attempt (time, HTTP status or error), kept on the job.
    """
    body = json.dumps(
        {
            "job_id": job.job_id,
            "status": job.status.value,
            "stage": job.stage.value,
            "message": job.message,
            "percent_complete": job.progress.percent_complete,
            "generated_records": job.progress.generated_records,
        }
    ).encode()
    headers = {"Content-Type": "application/json", "User-Agent": "synthdata-webhook"}
    secret = os.environ.get("SYNTHDATA_WEBHOOK_SECRET")
    if secret:
        headers[SIGNATURE_HEADER] = sign(body, secret)
    records: list[dict[str, Any]] = []
    for attempt in range(attempts):
        record: dict[str, Any] = {"at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
        try:
            request = urllib.request.Request(url, data=body, headers=headers, method="POST")
            with urllib.request.urlopen(request, timeout=10) as response:
                record["status_code"] = response.status
        except urllib.error.HTTPError as exc:
            record["status_code"] = exc.code
        except (urllib.error.URLError, OSError) as exc:
            record["error"] = str(getattr(exc, "reason", exc))[:200]
        records.append(record)
        code = record.get("status_code")
        if code is not None and code < 500:
            break
        if attempt + 1 < attempts:
            time.sleep(BACKOFF * 2**attempt)
    return records
