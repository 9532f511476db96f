"""Notebook views, and examples/quickstart.ipynb executed top to bottom in a real kernel."""

import subprocess
import sys
from pathlib import Path

import pytest

import synthdata as sd

ROOT = Path(__file__).resolve().parent.parent


def test_html_views_show_fields_keys_and_relationships(tmp_path):
    analysis = sd.analyze("Legal firm with clients, cases and documents")
    schemas = sd.infer_schemas(analysis)
    page = schemas._repr_html_()
    assert "<table>" in page
    assert "cases.id" in page  # documents.case_id → cases.id
    assert "primary key" in schemas[0]._repr_html_()
    assert "legal" in analysis._repr_html_()
    corpus = sd.generate(schemas, total_rows=500, out_dir=tmp_path)
    assert "documents" in corpus._repr_html_()
    assert "checks passed" in sd.validate(corpus)._repr_html_()


def test_html_is_escaped():
    schema = sd.Schema.model_validate(
        {
            "name": "t",
            "fields": [
                {"name": "id", "type": "UUID"},
                {"name": "kind", "type": "ENUM", "enum_values": ["<script>alert(1)</script>"]},
            ],
        }
    )
    assert "<script>" not in schema._repr_html_()


RUN = """
import sys, nbformat, nbclient
notebook = nbformat.read(sys.argv[1], as_version=4)
nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                        resources={"metadata": {"path": sys.argv[3]}}).execute()
nbformat.write(notebook, sys.argv[2])
"""


def test_quickstart_notebook_runs_top_to_bottom(tmp_path):
    """Executed in a real ipykernel, in its own process (kernels leave sockets behind)."""
    nbformat = pytest.importorskip("nbformat")
    pytest.importorskip("nbclient")
    executed = tmp_path / "quickstart.ipynb"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            RUN,
            str(ROOT / "examples" / "quickstart.ipynb"),
            str(executed),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    notebook = nbformat.read(executed, as_version=4)
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any("appointments" in h for h in html)
