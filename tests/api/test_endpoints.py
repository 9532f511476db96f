"""Every endpoint of the reference, in-process, with its exact shapes and errors."""

import pytest

from tests.waiting import wait_for

LEGAL = "Legal firm case management with clients, cases, and documents"
FINANCE = "Financial services with customer accounts and transactions"
CLINIC = "Healthcare clinic with 200 patients needs patient records and appointment scheduling"


def _finish(client, job_id: str) -> dict:
    return wait_for(
        lambda: client.get(f"/api/v1/jobs/{job_id}/status").json(),
        lambda s: s["status"] in ("completed", "failed"),
        interval=0.05,
    )


def test_health(client):
    body = client.get("/health").json()
    assert body["status"] == "healthy"
    assert body["version"] == "1.0.0"
    assert body["timestamp"].endswith("Z")


def test_analyze_matches_the_reference(client):
    response = client.post(
        "/api/v1/context/analyze", json={"context": CLINIC, "domain_hint": "healthcare"}
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"domain", "confidence", "requirements", "keywords", "suggested_schemas"}
    assert body["requirements"][0] == {
        "name": "patients",
        "description": "Patient records",
        "data_type": "tabular",
        "estimated_volume": "200",
    }


def test_sample_matches_the_reference(client):
    body = client.post("/api/v1/generate/sample", json={"context": LEGAL, "sample_size": 5}).json()
    assert set(body) == {
        "job_id",
        "status",
        "schemas",
        "samples",
        "meanings",
        "generation_time_ms",
    }
    assert body["status"] == "completed"
    assert body["meanings"]["clients"]["created_at"].startswith("sign-up or creation date")
    clients = next(s for s in body["schemas"] if s["name"] == "clients")
    assert clients["fields"][0] == {
        "name": "id",
        "type": "UUID",
        "required": True,
        "primary_key": True,
    }
    assert len(body["samples"]["clients"]) == 5
    case_clients = {r["client_id"] for r in body["samples"]["cases"]}
    assert case_clients <= {r["id"] for r in body["samples"]["clients"]}
    job = client.get(f"/api/v1/jobs/{body['job_id']}").json()
    assert job["stage"] == "sampled"


def test_sample_of_named_schemas_and_of_given_schemas(client):
    only = client.post(
        "/api/v1/generate/sample",
        json={"context": LEGAL, "schemas": ["documents"], "sample_size": 2},
    ).json()
    assert set(only["samples"]) == {"clients", "cases", "documents"}  # parents come along
    given = [
        {
            "name": "t",
            "fields": [{"name": "id", "type": "UUID"}, {"name": "email", "type": "EMAIL"}],
        }
    ]
    mine = client.post("/api/v1/generate/sample", json={"schemas": given}).json()
    assert list(mine["samples"]) == ["t"]


def test_corpus_poll_export_download(client):
    started = client.post(
        "/api/v1/generate/corpus",
        json={"context": FINANCE, "corpus_size": 10000, "batch_size": 100, "export_format": "csv"},
    )
    assert started.status_code == 200
    body = started.json()
    assert body["status"] == "in_progress"
    assert body["message"] == "Corpus generation started"
    status = _finish(client, body["job_id"])
    assert status.pop("estimated_completion").endswith("Z")
    assert status == {
        "job_id": body["job_id"],
        "status": "completed",
        "stage": "exported",
        "percent_complete": 100.0,
    }
    detail = client.get(f"/api/v1/jobs/{body['job_id']}").json()
    assert detail["progress"]["generated_records"] == 10000
    assert detail["progress"]["total_schemas"] == 3
    exported = client.post(
        f"/api/v1/jobs/{body['job_id']}/export",
        json={"format": "sql", "options": {"sql_dialect": "sqlite"}},
    ).json()
    assert set(exported["export_paths"]) == {"customers", "accounts", "transactions"}
    assert exported["format"] == "sql"
    download = client.get(f"/api/v1/jobs/{body['job_id']}/download/accounts?format=csv")
    assert download.status_code == 200
    assert download.headers["content-type"].startswith("text/csv")
    assert download.headers["content-disposition"] == 'attachment; filename="accounts.csv"'
    assert download.text.startswith("id,customer_id,")
    sql = client.get(f"/api/v1/jobs/{body['job_id']}/download/accounts?format=sql")
    assert sql.text.startswith("SET client_encoding = 'UTF8';\nCREATE TABLE \"accounts\"")


def test_feedback_then_corpus(client):
    sample = client.post("/api/v1/generate/sample", json={"context": LEGAL}).json()
    body = {
        "job_id": sample["job_id"],
        "approved": True,
        "schema_feedback": [
            {
                "schema_name": "clients",
                "feedback_type": "modify",
                "field_adjustments": {"email": {"required": True}},
                "add_fields": [{"name": "phone2", "type": "PHONE"}],
                "remove_fields": ["fax"],
            }
        ],
        "start_corpus": True,
        "corpus_size": 5000,
    }
    answer = client.post("/api/v1/generate/feedback", json=body).json()
    assert answer | {"estimated_completion": None} == {
        "job_id": sample["job_id"],
        "status": "in_progress",
        "message": "Feedback applied, corpus generation started",
        "estimated_completion": None,
        "applied": ["clients.email: adjusted (required)", "clients.phone2: added (PHONE)"],
        "ignored": ["clients.fax: no such field, nothing removed."],
    }
    assert answer["estimated_completion"].endswith("Z")
    assert _finish(client, sample["job_id"])["status"] == "completed"
    detail = client.get(f"/api/v1/jobs/{sample['job_id']}").json()
    fields = next(s for s in detail["schemas"] if s["name"] == "clients")["fields"]
    assert "phone2" in [f["name"] for f in fields]


def test_list_cancel_delete(client):
    ids = [
        client.post("/api/v1/generate/sample", json={"context": LEGAL}).json()["job_id"]
        for _ in range(3)
    ]
    big = client.post(
        "/api/v1/generate/corpus",
        json={"context": FINANCE, "corpus_size": 5_000_000, "batch_size": 20_000},
    ).json()["job_id"]
    cancelled = client.post(f"/api/v1/jobs/{big}/cancel").json()
    assert cancelled == {"job_id": big, "status": "failed", "message": "Job cancelled by user"}
    listing = client.get("/api/v1/jobs", params={"skip": 1, "limit": 2}).json()
    assert listing["total"] == 4
    assert listing["skip"] == 1
    assert listing["limit"] == 2
    assert len(listing["jobs"]) == 2
    assert set(listing["jobs"][0]) == {"job_id", "status", "created_at", "stage"}
    failed = client.get("/api/v1/jobs", params={"status": "failed"}).json()
    assert [j["job_id"] for j in failed["jobs"]] == [big]
    assert client.delete(f"/api/v1/jobs/{ids[0]}").json() == {"message": "Job deleted successfully"}
    gone = client.get(f"/api/v1/jobs/{ids[0]}")
    assert gone.status_code == 404
    assert gone.json()["error_code"] == "NOT_FOUND"


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "code"),
    [
        ("get", "/nope", None, 404, "NOT_FOUND"),
        ("put", "/health", None, 405, "METHOD_NOT_ALLOWED"),
        ("post", "/api/v1/context/analyze", {}, 400, "VALIDATION_ERROR"),
        ("post", "/api/v1/context/analyze", {"context": "x", "extra": 1}, 400, "VALIDATION_ERROR"),
        (
            "post",
            "/api/v1/generate/sample",
            {"sample_size": 0, "context": "x"},
            400,
            "VALIDATION_ERROR",
        ),
        ("post", "/api/v1/generate/sample", {}, 400, "VALIDATION_ERROR"),
        (
            "post",
            "/api/v1/generate/sample",
            {"context": LEGAL, "schemas": ["clientz"]},
            404,
            "NOT_FOUND",
        ),
        (
            "post",
            "/api/v1/generate/corpus",
            {"context": LEGAL, "export_format": "pdf"},
            400,
            "VALIDATION_ERROR",
        ),
        (
            "post",
            "/api/v1/generate/corpus",
            {"context": LEGAL, "webhook_url": "ftp://x"},
            400,
            "VALIDATION_ERROR",
        ),
        ("get", "/api/v1/jobs?limit=101", None, 400, "VALIDATION_ERROR"),
        ("get", "/api/v1/jobs?status=done", None, 400, "VALIDATION_ERROR"),
        ("get", "/api/v1/jobs/not-a-job", None, 404, "NOT_FOUND"),
        ("get", "/api/v1/jobs/..%2F..%2Fetc%2Fpasswd/status", None, 404, "NOT_FOUND"),
        (
            "post",
            "/api/v1/generate/feedback",
            {"job_id": "00000000-0000-0000-0000-000000000000"},
            404,
            "NOT_FOUND",
        ),
    ],
)
def test_errors_are_json_in_the_reference_format(client, method, path, body, status, code):
    response = getattr(client, method)(path, **({"json": body} if body is not None else {}))
    assert response.status_code == status
    assert response.json()["error_code"] == code
    assert response.json()["status_code"] == status
    assert "Traceback" not in response.text


def test_bad_json_and_oversized_bodies(client, settings):
    bad = client.post(
        "/api/v1/context/analyze", content=b"{nope", headers={"content-type": "application/json"}
    )
    assert bad.json() == {
        "detail": "Request body is not valid JSON",
        "error_code": "VALIDATION_ERROR",
        "status_code": 400,
    }
    huge = client.post("/api/v1/context/analyze", content=b"x" * (settings.max_body_bytes + 1))
    assert huge.status_code == 413
    assert huge.json()["error_code"] == "PAYLOAD_TOO_LARGE"


def test_download_before_export_and_traversal(client):
    job = client.post("/api/v1/generate/corpus", json={"context": LEGAL, "corpus_size": 500}).json()
    _finish(client, job["job_id"])
    early = client.get(f"/api/v1/jobs/{job['job_id']}/download/clients?format=csv")
    assert early.status_code == 200  # exported on demand
    assert early.text.startswith("id,")
    sample = client.post("/api/v1/generate/sample", json={"context": LEGAL}).json()
    unfinished = client.get(f"/api/v1/jobs/{sample['job_id']}/download/clients?format=csv")
    assert unfinished.status_code == 400
    assert "has no finished corpus" in unfinished.json()["detail"]
    sneaky = client.get(f"/api/v1/jobs/{job['job_id']}/download/..%2F..%2Fjobs.sqlite3")
    assert sneaky.status_code == 404


def test_openapi_lists_every_endpoint(client):
    doc = client.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    assert {
        "/health",
        "/api/v1/context/analyze",
        "/api/v1/context/profile",
        "/api/v1/generate/sample",
        "/api/v1/generate/corpus",
        "/api/v1/generate/feedback",
        "/api/v1/jobs",
        "/api/v1/jobs/{job_id}",
        "/api/v1/jobs/{job_id}/status",
        "/api/v1/jobs/{job_id}/cancel",
        "/api/v1/jobs/{job_id}/export",
        "/api/v1/jobs/{job_id}/download/{schema_name}",
    } == set(doc["paths"])
    assert "AnalyzeRequest" in doc["components"]["schemas"]
    page = client.get("/docs")
    assert "swagger-ui-bundle.js" in page.text
    assert client.get("/docs/static/swagger-ui-bundle.js").status_code == 200
