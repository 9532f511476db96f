"""API keys (plain and salted hashes), per-key job ownership, and rate limits."""

import pytest
from starlette.testclient import TestClient

from api_shim import create_app
from api_shim.middleware import RateLimitMiddleware
from api_shim.settings import Settings, hash_key

LEGAL = "Legal firm case management with clients, cases, and documents"


@pytest.fixture
def keyed(tmp_path):
    settings = Settings(
        home=tmp_path / "home",
        api_keys=["key-alpha"],
        api_key_hashes=[hash_key("key-beta", "pepper")],
        rate_limit_per_minute=0,
        rate_limit_per_hour=0,
    )
    with TestClient(create_app(settings=settings), raise_server_exceptions=False) as c:
        yield c


def test_keys_are_required_on_the_api_but_not_on_health(keyed):
    assert keyed.get("/health").status_code == 200
    missing = keyed.post("/api/v1/context/analyze", json={"context": LEGAL})
    assert missing.status_code == 401
    assert missing.json() == {
        "detail": "A valid X-API-Key header is required",
        "error_code": "UNAUTHORIZED",
        "status_code": 401,
    }
    wrong = keyed.post(
        "/api/v1/context/analyze", json={"context": LEGAL}, headers={"X-API-Key": "key-gamma"}
    )
    assert wrong.status_code == 401
    assert "key-gamma" not in wrong.text  # never echoed
    for key in ("key-alpha", "key-beta"):  # a plain key and a salted hash
        ok = keyed.post(
            "/api/v1/context/analyze", json={"context": LEGAL}, headers={"X-API-Key": key}
        )
        assert ok.status_code == 200


def test_jobs_belong_to_the_key_that_made_them(keyed):
    alpha, beta = {"X-API-Key": "key-alpha"}, {"X-API-Key": "key-beta"}
    job = keyed.post("/api/v1/generate/sample", json={"context": LEGAL}, headers=alpha).json()
    assert keyed.get(f"/api/v1/jobs/{job['job_id']}", headers=alpha).status_code == 200
    assert keyed.get(f"/api/v1/jobs/{job['job_id']}", headers=beta).status_code == 404
    assert keyed.delete(f"/api/v1/jobs/{job['job_id']}", headers=beta).status_code == 404
    assert keyed.get("/api/v1/jobs", headers=beta).json()["total"] == 0
    assert keyed.get("/api/v1/jobs", headers=alpha).json()["total"] == 1


def test_rate_limits_per_client(tmp_path):
    settings = Settings(home=tmp_path / "home", rate_limit_per_minute=3, rate_limit_per_hour=1000)
    with TestClient(create_app(settings=settings), raise_server_exceptions=False) as c:
        answers = [c.get("/health") for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert [a.headers["x-ratelimit-remaining"] for a in answers] == ["2", "1", "0", "0"]
    assert all(a.headers["x-ratelimit-limit"] == "3" for a in answers)
    assert int(answers[-1].headers["retry-after"]) >= 1
    assert answers[-1].json()["error_code"] == "RATE_LIMITED"


def test_hourly_limit_and_zero_disables(tmp_path):
    settings = Settings(home=tmp_path / "home", rate_limit_per_minute=0, rate_limit_per_hour=2)
    with TestClient(create_app(settings=settings), raise_server_exceptions=False) as c:
        codes = [c.get("/health").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    off = Settings(home=tmp_path / "h2", rate_limit_per_minute=0, rate_limit_per_hour=0)
    with TestClient(create_app(settings=off), raise_server_exceptions=False) as c:
        answers = [c.get("/health") for _ in range(100)]
    assert all(a.status_code == 200 for a in answers)
    assert "x-ratelimit-limit" not in answers[0].headers


@pytest.mark.parametrize(
    ("proxies", "peer", "forwarded", "expected"),
    [
        ([], "127.0.0.1", "203.0.113.9", "ip:127.0.0.1"),
        (["10.0.0.0/8"], "127.0.0.1", "203.0.113.9", "ip:127.0.0.1"),
        (["10.0.0.0/8"], "10.1.2.3", "203.0.113.9", "ip:203.0.113.9"),
        (["10.0.0.0/8"], "10.1.2.3", "198.51.100.1, 203.0.113.9", "ip:203.0.113.9"),
        (["10.0.0.0/8"], "10.1.2.3", "203.0.113.9, 10.9.9.9", "ip:203.0.113.9"),
        (["10.0.0.1", "::1"], "::1", "2001:db8::5", "ip:2001:db8::5"),
    ],
)
def test_client_address_believes_only_trusted_proxies(proxies, peer, forwarded, expected):
    settings = Settings(trusted_proxies=proxies, warm_up=False)
    limiter = RateLimitMiddleware(None, settings)  # type: ignore[arg-type]
    scope = {"client": (peer, 1), "headers": [(b"x-forwarded-for", forwarded.encode())]}
    assert limiter.client(scope) == expected


def test_trusted_proxies_from_the_environment(monkeypatch):
    monkeypatch.setenv("SYNTHDATA_TRUSTED_PROXIES", "10.0.0.0/8, 192.0.2.1")
    settings = Settings.from_env()
    assert settings.is_trusted_proxy("10.200.1.1")
    assert settings.is_trusted_proxy("192.0.2.1")
    assert not settings.is_trusted_proxy("192.0.2.2")
    monkeypatch.setenv("SYNTHDATA_TRUSTED_PROXIES", "not-an-address")
    with pytest.raises(ValueError, match="SYNTHDATA_TRUSTED_PROXIES"):
        Settings.from_env()


def test_settings_from_the_environment(monkeypatch):
    monkeypatch.setenv("SYNTHDATA_API_KEYS", "a, b")
    monkeypatch.setenv("SYNTHDATA_RATE_LIMIT_PER_MINUTE", "5")
    settings = Settings.from_env()
    assert settings.api_keys == ["a", "b"]
    assert settings.rate_limit_per_minute == 5
    assert settings.owner_of("b") != settings.owner_of("a")
    assert settings.owner_of("c") is None
