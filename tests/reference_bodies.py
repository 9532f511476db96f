"""Request bodies exactly as the API reference shows them, shared by the library and API tests."""

from __future__ import annotations

from typing import Any

#: The reference's feedback example (without its job_id, which each test supplies).
REFERENCE_FEEDBACK: dict[str, Any] = {
    "approved": True,
    "schema_feedback": [
        {
            "schema_name": "clients",
            "feedback_type": "modify",
            "field_adjustments": {"email": {"required": True}},
            "add_fields": [{"name": "phone", "type": "PHONE"}],
            "remove_fields": ["fax"],
        }
    ],
    "start_corpus": True,
    "corpus_size": 5000,
}
