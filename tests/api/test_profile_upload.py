"""POST /api/v1/context/profile: uploaded CSV/Parquet files in, schemas out; never a server path."""

import io
import json
import tempfile
from pathlib import Path

import httpx
import polars as pl
import pytest
from starlette.testclient import TestClient

import synthdata as sd
from api_shim import create_app
from api_shim.settings import Settings
from api_shim.uploads import table_name
from tests.api.conftest import serve
from tests.waiting import wait_for

PROFILE = "/api/v1/context/profile"
SEGMENTS = ["retail", "business", "vip"]
STATUSES = ["paid", "shipped", "cancelled"]


def _customers() -> bytes:
    frame = pl.DataFrame(
        {
            "id": list(range(1, 61)),
            "segment": [SEGMENTS[i % 3] for i in range(60)],
            "age": [18 + (i * 7) % 60 for i in range(60)],
        }
    )
    return frame.write_csv().encode()


def _orders() -> bytes:
    frame = pl.DataFrame(
        {
            "id": list(range(1, 201)),
            "customer_id": [1 + (i * 13) % 60 for i in range(200)],
            "amount": [5.0 + (i * 37) % 400 for i in range(200)],
            "status": [STATUSES[i % 3] for i in range(200)],
        }
    )
    return frame.write_csv().encode()


def _upload(*files: tuple[str, bytes]) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", (name, content, "application/octet-stream")) for name, content in files]


def _error(response, status: int, code: str = "VALIDATION_ERROR") -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"detail", "error_code", "status_code"}
    assert body["error_code"] == code
    assert body["status_code"] == status
    assert "Traceback" not in response.text
    assert tempfile.gettempdir() not in body["detail"]  # the private folder is never named
    return str(body["detail"])


def test_two_related_csv_files_become_schemas_with_an_implicit_foreign_key(client):
    response = client.post(
        PROFILE, files=_upload(("customers.csv", _customers()), ("orders.csv", _orders()))
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"schemas", "warnings", "tables", "profile_time_ms"}
    assert body["tables"] == {"customers": 60, "orders": 200}
    assert [s["name"] for s in body["schemas"]] == ["customers", "orders"]  # parents first
    customers, orders = body["schemas"]
    assert customers["primary_key"] == "id"
    segment = next(f for f in customers["fields"] if f["name"] == "segment")
    assert sorted(segment["values"]) == sorted(SEGMENTS)
    link = next(f for f in orders["fields"] if f["name"] == "customer_id")
    assert link["references"] == "customers.id"
    assert "cardinality" in link
    assert any("implicit foreign key to customers.id" in w for w in body["warnings"])
    # Descriptions name the uploads, never where the server kept them.
    assert customers["description"].startswith(
        "Profiled from uploaded files customers.csv, orders.csv: 60 rows."
    )
    assert tempfile.gettempdir() not in response.text
    # The schemas go straight back to the generate endpoints.
    sample = client.post("/api/v1/generate/sample", json={"schemas": body["schemas"]}).json()
    assert len(sample["samples"]["orders"]) == 5
    parents = {r["id"] for r in sample["samples"]["customers"]}
    assert {r["customer_id"] for r in sample["samples"]["orders"]} <= parents
    assert {r["segment"] for r in sample["samples"]["customers"]} <= set(SEGMENTS)


def test_a_parquet_file_and_the_options(client):
    buffer = io.BytesIO()
    pl.DataFrame(
        {
            "id": list(range(1, 101)),
            "colour": ["red"] * 60 + ["blue"] * 36 + ["green"] * 4,
            "price": [float(i) for i in range(100)],
        }
    ).write_parquet(buffer)
    parquet = buffer.getvalue()
    default = client.post(PROFILE, files=_upload(("Stock Items.parquet", parquet))).json()
    (schema,) = default["schemas"]
    assert schema["name"] == "Stock_Items"  # a sanitized stem names the table
    colour = next(f for f in schema["fields"] if f["name"] == "colour")
    assert colour["values"] == ["red", "blue"]  # green: 4 rows, under k=5, not listed
    assert "at least 5 rows" in schema["description"]
    low_k = client.post(PROFILE, files=_upload(("items.parquet", parquet)), data={"k": "3"}).json()
    colour = next(f for f in low_k["schemas"][0]["fields"] if f["name"] == "colour")
    assert colour["values"] == ["red", "blue", "green"]
    assert "at least 3 rows" in low_k["schemas"][0]["description"]
    sampled = client.post(
        PROFILE, files=_upload(("items.parquet", parquet)), data={"sample_rows": "20", "seed": "7"}
    ).json()
    assert sampled["tables"] == {"items": 100}  # volumes stay exact
    assert "measured on 20 sampled rows" in sampled["schemas"][0]["description"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"k": "1"}, "k: Input should be greater than or equal to 2"),
        ({"k": "many"}, "k: Input should be a valid integer"),
        ({"sample_rows": "0"}, "sample_rows: Input should be greater than or equal to 1"),
        ({"color": "red"}, "Unknown form field 'color'"),
    ],
)
def test_bad_options_are_400s(client, data, expected):
    response = client.post(PROFILE, files=_upload(("t.csv", b"id\n1\n")), data=data)
    assert expected in _error(response, 400)


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("../x.csv", "'../x.csv' is not a plain file name"),
        ("..\\..\\x.csv", "is not a plain file name"),
        ("/etc/passwd.csv", "is not a plain file name"),
        ("C:x.csv", "is not a plain file name"),
        (".hidden.csv", "is not a plain file name"),
        ("notes.txt", "'notes.txt': only .csv and .parquet files can be profiled"),
        ("data.csv.exe", "only .csv and .parquet files can be profiled"),
        ("noextension", "only .csv and .parquet files can be profiled"),
        ("---.csv", "has no letters, digits or underscores"),
    ],
)
def test_file_names_never_become_paths(client, filename, expected):
    response = client.post(PROFILE, files=_upload((filename, b"id\n1\n2\n")))
    assert expected in _error(response, 400)


def test_table_names_from_file_names():
    assert table_name("orders.csv") == ("orders", ".csv")
    assert table_name("Order Items.CSV") == ("Order_Items", ".csv")
    assert table_name("2024-sales.parquet") == ("t_2024_sales", ".parquet")
    assert table_name("x" * 100 + ".csv") == ("x" * 63, ".csv")
    for bad in ("tab\tname.csv", "nul\x00.csv", "line\nbreak.csv"):
        with pytest.raises(sd.InvalidInputError, match="control characters"):
            table_name(bad)
    with pytest.raises(sd.InvalidInputError, match="not a plain file name"):
        table_name("..%2F..%2Fetc.csv")


def test_two_files_for_one_table_are_refused(client):
    response = client.post(PROFILE, files=_upload(("a.csv", b"id\n1\n"), ("a.parquet", b"x")))
    assert "Two files for table 'a': 'a.csv' and 'a.parquet'" in _error(response, 400)
    same = client.post(PROFILE, files=_upload(("a.csv", b"id\n1\n"), ("a.csv", b"id\n2\n")))
    assert "Two files for table 'a'" in _error(same, 400)


@pytest.mark.parametrize(
    ("filename", "content", "expected"),
    [
        ("broken.parquet", b"PAR1 not really", "Cannot read 'broken.parquet'"),
        ("empty.csv", b"", "Cannot read 'empty.csv': empty CSV"),
        ("binary.csv", bytes(range(256)) * 4, "Cannot read 'binary.csv'"),
        ("ragged.csv", b"a,b\n1,2\n1,2,3\n", "Cannot read 'ragged.csv'"),
        ("Spaced.csv", b"Order Date,n\n2024-01-01,1\n", "Cannot profile 'Spaced.csv': name:"),
    ],
)
def test_unreadable_files_are_400s_naming_the_file(client, filename, content, expected):
    response = client.post(PROFILE, files=_upload((filename, content)))
    assert expected in _error(response, 400)


@pytest.mark.parametrize(
    "body",
    [
        {"source": "sqlite:////etc/synthdata.db"},
        {"source": "/var/lib/postgresql"},
        {"url": "postgresql://me@db/prod"},
        {"path": "../../"},
    ],
)
def test_a_server_path_or_database_url_is_never_read(client, body):
    response = client.post(PROFILE, json=body)
    assert "never read from a client" in _error(response, 400)
    form = client.post(PROFILE, files=_upload(("t.csv", b"id\n1\n")), data=body)
    assert "never read from a client" in _error(form, 400)


def test_anything_but_an_upload_is_refused(client):
    for response in (
        client.post(PROFILE),
        client.post(PROFILE, json={}),
        client.post(PROFILE, data={"k": "5"}),  # a urlencoded form holds no files
        client.post(PROFILE, content=b"id\n1\n", headers={"content-type": "text/csv"}),
    ):
        assert "profiles uploaded files only" in _error(response, 400)
    text = client.post(PROFILE, files={"k": (None, b"5")})  # a multipart form without files
    assert "Upload at least one .csv or .parquet file" in _error(text, 400)
    as_text = client.post(PROFILE, files={"files": (None, b"customers.csv")})
    assert "holds uploaded files (with a file name), not text" in _error(as_text, 400)
    k_file = client.post(PROFILE, files=[*_upload(("t.csv", b"id\n1\n")), ("k", ("k.txt", b"5"))])
    assert "The field 'k' is text (a whole number), not a file" in _error(k_file, 400)
    twice = client.post(PROFILE, files=_upload(("t.csv", b"id\n1\n")), data={"k": ["5", "6"]})
    assert "The field 'k' is given twice" in _error(twice, 400)
    bad = client.post(PROFILE, content=b"{nope", headers={"content-type": "application/json"})
    assert _error(bad, 400) == "Request body is not valid JSON"


def test_uploads_have_their_own_size_limit(tmp_path):
    settings = Settings(
        home=tmp_path / "home",
        rate_limit_per_minute=0,
        rate_limit_per_hour=0,
        max_body_bytes=1000,
        max_upload_bytes=20_000,
        max_upload_files=3,
        warm_up=False,
    )
    rows = b"id,size\n" + b"".join(b"%d,%d\n" % (i, i % 7) for i in range(1, 1500))
    assert 1000 < len(rows) < 20_000
    with TestClient(create_app(settings=settings), raise_server_exceptions=False) as c:
        fits = c.post(PROFILE, files=_upload(("t.csv", rows)))  # over max_body_bytes: fine
        assert fits.status_code == 200, fits.text
        assert fits.json()["tables"] == {"t": 1499}
        huge = c.post(PROFILE, files=_upload(("t.csv", rows + b"x" * 20_000)))
        assert _error(huge, 413, "PAYLOAD_TOO_LARGE") == "Request body is larger than 20000 bytes"
        # Streamed without a declared length, the limit still holds.
        body, content_type = _multipart([("t.csv", rows + b"x" * 20_000)])

        def chunks():
            for start in range(0, len(body), 4096):
                yield body[start : start + 4096]

        streamed = c.post(PROFILE, content=chunks(), headers={"content-type": content_type})
        _error(streamed, 413, "PAYLOAD_TOO_LARGE")
        # The larger limit is for uploads only: JSON to the same path keeps max_body_bytes.
        big_json = c.post(PROFILE, json={"pad": "x" * 2000})
        assert _error(big_json, 413, "PAYLOAD_TOO_LARGE").endswith("larger than 1000 bytes")
        many = c.post(PROFILE, files=_upload(*[(f"t{i}.csv", b"id\n1\n") for i in range(4)]))
        assert "Too many files" in _error(many, 400)
        # The page is told the limit, for its check before uploading.
        assert 'data-max-bytes="20000"' in c.get("/").text


def _multipart(files: list[tuple[str, bytes]]) -> tuple[bytes, str]:
    request = httpx.Request("POST", "http://x/", files=_upload(*files))
    return request.read(), request.headers["content-type"]


def test_the_api_key_is_required_when_keys_are_configured(tmp_path):
    settings = Settings(
        home=tmp_path / "home",
        api_keys=["key-alpha"],
        rate_limit_per_minute=0,
        rate_limit_per_hour=0,
        warm_up=False,
    )
    files = _upload(("customers.csv", _customers()))
    with TestClient(create_app(settings=settings), raise_server_exceptions=False) as c:
        missing = c.post(PROFILE, files=files)
        assert _error(missing, 401, "UNAUTHORIZED") == "A valid X-API-Key header is required"
        wrong = c.post(PROFILE, files=files, headers={"X-API-Key": "key-beta"})
        _error(wrong, 401, "UNAUTHORIZED")
        ok = c.post(PROFILE, files=files, headers={"X-API-Key": "key-alpha"})
        assert ok.status_code == 200
        assert ok.json()["tables"] == {"customers": 60}


def test_rate_limits_count_uploads(tmp_path):
    settings = Settings(home=tmp_path / "home", rate_limit_per_minute=2, warm_up=False)
    with TestClient(create_app(settings=settings), raise_server_exceptions=False) as c:
        codes = [c.post(PROFILE, files=_upload(("t.csv", b"id\n1\n"))) for _ in range(3)]
    assert [r.status_code for r in codes] == [200, 200, 429]
    assert codes[0].headers["x-ratelimit-limit"] == "2"
    _error(codes[2], 429, "RATE_LIMITED")


def test_uploaded_files_do_not_outlive_the_request(client, monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    ok = client.post(PROFILE, files=_upload(("customers.csv", _customers())))
    assert ok.status_code == 200
    failed = client.post(PROFILE, files=_upload(("broken.parquet", b"nope")))
    assert failed.status_code == 400
    assert not [p for p in Path(tmp_path).iterdir() if p.name.startswith("synthdata-profile-")]


def test_the_openapi_document_describes_the_upload(client):
    doc = client.get("/openapi.json").json()
    post = doc["paths"][PROFILE]["post"]
    assert post["requestBody"]["required"] is True
    schema_ref = post["requestBody"]["content"]["multipart/form-data"]["schema"]["$ref"]
    form = doc["components"]["schemas"][schema_ref.rsplit("/", 1)[1]]
    assert form["properties"]["files"]["items"] == {"type": "string", "format": "binary"}
    assert form["required"] == ["files"]
    assert form["properties"]["k"]["minimum"] == 2
    assert {"400", "401", "413", "429"} <= set(post["responses"])
    assert json.dumps(doc)  # serializable as it stands


def test_a_fault_of_the_profiler_is_a_500_that_says_so(client, monkeypatch):
    def broken(*args, **kwargs):
        msg = "/tmp/secret/place went wrong"
        raise RuntimeError(msg)

    monkeypatch.setattr(sd, "profile", broken)
    response = client.post(PROFILE, files=_upload(("customers.csv", _customers())))
    detail = _error(response, 500, "INTERNAL_ERROR")
    assert detail == (
        "Profiling 'customers.csv' failed inside synthdata (RuntimeError); "
        "the server logged it: please report it"
    )


def test_over_a_real_socket(tmp_path):
    """uvicorn on 127.0.0.1: upload, then generate a corpus from the answer; limits hold."""
    settings = Settings(
        home=tmp_path / "home",
        rate_limit_per_minute=0,
        rate_limit_per_hour=0,
        max_upload_bytes=100_000,
        warm_up=False,
    )
    with serve(settings) as url, httpx.Client(base_url=url, timeout=60) as http:
        files = _upload(("customers.csv", _customers()), ("orders.csv", _orders()))
        found = http.post(PROFILE, files=files)
        assert found.status_code == 200, found.text
        body = found.json()
        assert body["tables"] == {"customers": 60, "orders": 200}
        assert "x-ratelimit-limit" not in found.headers
        corpus = http.post(
            "/api/v1/generate/corpus", json={"schemas": body["schemas"], "corpus_size": 520}
        ).json()
        status = wait_for(
            lambda: http.get(f"/api/v1/jobs/{corpus['job_id']}/status").json(),
            lambda s: s["status"] in ("completed", "failed"),
        )
        assert status["status"] == "completed"
        orders = http.get(f"/api/v1/jobs/{corpus['job_id']}/download/orders?format=csv").text
        assert orders.startswith("id,customer_id,amount,status")
        too_big = http.post(PROFILE, files=_upload(("t.csv", b"id\n" + b"1\n" * 60_000)))
        assert _error(too_big, 413, "PAYLOAD_TOO_LARGE") == (
            "Request body is larger than 100000 bytes"
        )
        refused = http.post(PROFILE, json={"source": "sqlite:////etc/passwd"})
        assert "never read from a client" in _error(refused, 400)
        assert http.get("/health").json()["status"] == "healthy"
