"""The review page, end to end in a real headless Chromium against a live server (uvicorn)."""

import csv
import io
import shutil
import urllib.request
from pathlib import Path

import pytest

from api_shim.settings import Settings
from tests.api.conftest import serve

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is installed by .ci/run"
)
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
LEGAL = "Legal firm case management with clients, cases, and documents"


@pytest.fixture
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"page-{name}.png"), full_page=True)


def test_describe_edit_preview_generate_download(browser, settings):
    with serve(settings) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{url}/")
        page.get_by_role("button", name=LEGAL).click()
        page.get_by_role("button", name="Analyze").click()
        page.wait_for_selector("#review:not([hidden])")
        assert page.text_content("#domain") == "legal"
        assert page.locator("[data-table]").count() == 3  # the ER diagram draws every table
        assert page.locator("[data-fk='documents.case_id']").count() == 1
        _shot(page, "1-analysis")

        clients = page.locator("[data-schema='clients']")
        # Each column's meaning, read from the names, beside its type.
        created = clients.locator("tr[data-original='created_at'] .meaning").text_content()
        assert created.startswith("sign-up or creation date")
        # The rules rows keep, inferred and written into the schema, are shown with it.
        rules = page.locator("[data-schema='cases'] details.rules")
        rules.locator("summary").click()
        shown = rules.locator("li").all_text_contents()
        assert "opened_on >= clients.created_at" in shown
        assert "closed_on >= opened_on" in shown
        assert "status closed: has closed_on" in shown
        clients.get_by_role("button", name="Add field").click()
        new = clients.locator("tbody tr").last
        new.locator(".name").fill("vip")
        new.locator(".type").select_option("BOOLEAN")
        clients.locator("tr[data-original='name'] .type").select_option("COMPANY")
        page.get_by_role("button", name="Apply changes").click()
        page.wait_for_selector("[data-sample='clients'] th:text-is('vip')")
        _shot(page, "2-edited")

        page.fill("#corpus-size", "1000")
        page.select_option("#format", "csv")
        page.get_by_role("button", name="Generate").click()
        page.wait_for_selector("#downloads a", timeout=60_000)
        assert page.get_attribute("#progress", "aria-valuenow") == "100"
        _shot(page, "3-generated")
        links = [a.get_attribute("href") for a in page.locator("#downloads a").all()]
        assert len(links) == 3
        total = 0
        for link in links:
            with urllib.request.urlopen(f"{url}{link}") as response:
                rows = list(csv.DictReader(io.StringIO(response.read().decode())))
            total += len(rows)
            if "clients" in link:
                assert "vip" in rows[0]
        assert total == 1000
        assert not errors


def test_errors_show_next_to_their_cause_and_keep_the_page(browser, settings):
    with serve(settings) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(f"{url}/")
        page.get_by_role("button", name="Analyze").click()
        page.wait_for_selector("#analyze-error:not(:empty)")
        assert "VALIDATION_ERROR" in page.text_content("#analyze-error")
        page.fill("#context", LEGAL)
        page.get_by_role("button", name="Analyze").click()
        page.wait_for_selector("#review:not([hidden])")
        clients = page.locator("[data-schema='clients']")
        clients.locator("tr[data-original='name'] .type").select_option("ENUM")
        clients.locator("tr[data-original='name'] .enum").fill("")
        page.get_by_role("button", name="Apply changes").click()
        page.wait_for_selector("#apply-error:not(:empty)")
        assert "ENUM field 'name' needs enum_values" in page.text_content("#apply-error")
        assert page.locator("[data-schema='clients']").count() == 1  # nothing lost
        _shot(page, "4-error")


def test_jobs_view_filters_pages_cancels_and_deletes(browser, settings):
    with serve(settings) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        for _ in range(2):
            request = urllib.request.Request(
                f"{url}/api/v1/generate/sample",
                method="POST",
                data=b'{"context": "a bakery"}',
                headers={"Content-Type": "application/json"},
            )
            urllib.request.urlopen(request).read()
        page.goto(f"{url}/")
        page.get_by_role("button", name="Jobs").click()
        page.wait_for_selector("#job-rows tr")
        assert page.locator("#job-rows tr").count() == 2
        page.select_option("#status-filter", "failed")
        page.wait_for_function("document.querySelectorAll('#job-rows tr').length === 0")
        page.select_option("#status-filter", "")
        page.wait_for_selector("#job-rows tr")
        page.locator("#job-rows tr").first.get_by_role("button", name="Delete").click()
        page.wait_for_function("document.querySelectorAll('#job-rows tr').length === 1")
        _shot(page, "5-jobs")


def test_api_key_is_asked_once_and_kept_for_the_tab(browser, tmp_path):
    keyed = Settings(
        home=tmp_path / "home", api_keys=["tab-key"], rate_limit_per_minute=0, rate_limit_per_hour=0
    )
    with serve(keyed) as url:
        page = browser.new_page(viewport={"width": 390, "height": 844})  # a narrow screen
        page.goto(f"{url}/")
        page.fill("#context", LEGAL)
        page.get_by_role("button", name="Analyze").click()
        page.wait_for_selector("#key-dialog[open]")
        page.fill("#api-key", "tab-key")
        page.get_by_role("button", name="Use key").click()
        page.wait_for_selector("#review:not([hidden])")
        assert page.evaluate("sessionStorage.getItem('synthdata-key')") == "tab-key"
        _shot(page, "6-narrow")


def _shop_files() -> list[dict]:
    customers = "id,segment,age\n" + "".join(
        f"{i},{['retail', 'business', 'vip'][i % 3]},{18 + (i * 7) % 60}\n" for i in range(1, 61)
    )
    orders = "id,customer_id,amount,status\n" + "".join(
        f"{i},{1 + (i * 13) % 60},{5 + (i * 37) % 400}.5,{['paid', 'shipped'][i % 2]}\n"
        for i in range(1, 201)
    )
    return [
        {"name": "customers.csv", "mimeType": "text/csv", "buffer": customers.encode()},
        {"name": "orders.csv", "mimeType": "text/csv", "buffer": orders.encode()},
    ]


def test_profile_uploaded_files_then_review_and_sample(browser, settings):
    with serve(settings) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{url}/")
        assert page.text_content("#upload-limit") == "20 MB"
        page.get_by_label("CSV or Parquet files").set_input_files(_shop_files())
        page.get_by_role("button", name="Profile").click()
        page.wait_for_selector("#review:not([hidden])")
        assert page.is_hidden("#analysis")
        assert page.text_content("#profiled-tables") == "customers: 60 rows · orders: 200 rows"
        notes = page.locator("#profile-warnings li").all_text_contents()
        assert any("orders.customer_id: implicit foreign key to customers.id" in n for n in notes)
        assert page.locator("[data-schema='customers']").count() == 1
        assert page.locator("[data-fk='orders.customer_id']").count() == 1
        orders = page.locator("[data-sample='orders'] tbody tr")
        assert orders.count() == 5
        customer_ids = set(
            page.locator("[data-sample='customers'] tbody tr td:first-child").all_text_contents()
        )
        columns = page.locator("[data-sample='orders'] th").all_text_contents()
        assert columns == ["id", "customer_id", "amount", "status"]
        position = columns.index("customer_id") + 1
        linked = page.locator(f"[data-sample='orders'] tbody tr td:nth-child({position})")
        assert set(linked.all_text_contents()) <= customer_ids
        _shot(page, "7-profiled")
        # The profiled tables generate like any others.
        page.fill("#corpus-size", "300")
        page.get_by_role("button", name="Generate").click()
        page.wait_for_selector("#downloads a", timeout=60_000)
        assert page.locator("#downloads a").count() == 2
        assert not errors


def test_profile_upload_checks_size_and_type_before_sending(browser, tmp_path):
    small = Settings(
        home=tmp_path / "home",
        rate_limit_per_minute=0,
        rate_limit_per_hour=0,
        max_upload_bytes=2000,
    )
    with serve(small) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        sent: list[str] = []
        page.on("request", lambda r: sent.append(r.url) if "/context/profile" in r.url else None)
        page.goto(f"{url}/")
        assert page.text_content("#upload-limit") == "2 kB"
        page.get_by_role("button", name="Profile").click()
        assert "Choose one or more" in page.text_content("#profile-error")
        page.get_by_label("CSV or Parquet files").set_input_files(_shop_files())
        page.get_by_role("button", name="Profile").click()
        message = page.text_content("#profile-error")
        assert "this server profiles at most" in message, message
        page.get_by_label("CSV or Parquet files").set_input_files(
            [{"name": "notes.txt", "mimeType": "text/plain", "buffer": b"hello"}]
        )
        page.get_by_role("button", name="Profile").click()
        assert "notes.txt: only .csv and .parquet" in page.text_content("#profile-error")
        assert not sent  # nothing was uploaded
        # What the server refuses shows next to the control too.
        page.get_by_label("CSV or Parquet files").set_input_files(
            [{"name": "broken.parquet", "mimeType": "application/octet-stream", "buffer": b"x"}]
        )
        page.get_by_role("button", name="Profile").click()
        page.wait_for_function(
            "document.getElementById('profile-error').textContent.includes('broken.parquet')"
        )
        assert "VALIDATION_ERROR" in page.text_content("#profile-error")
        assert page.is_hidden("#review")
        _shot(page, "8-profile-error")
