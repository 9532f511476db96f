"""Language models through litellm: refine an analysis into schemas, and write free-text columns.

litellm is imported only here, and only when a model is configured (``model=`` or the
``SYNTHDATA_LLM_MODEL`` environment variable). Every answer is validated with the same pydantic
models as everything else; an invalid answer is sent back with the validation error and retried,
and :func:`translate_errors` is the single place where provider failures become
:class:`~synthdata.errors.LLMError`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from synthdata._deps import import_optional
from synthdata._home import home
from synthdata.errors import InvalidInputError, LLMError, SynthdataError
from synthdata.schema import describe_validation_error

__all__ = ["LLMConfig", "Usage", "complete_json", "text_pool", "translate_errors"]

logger = logging.getLogger("synthdata")
T = TypeVar("T")


@dataclass(frozen=True)
class LLMConfig:
    """Which model to call and how.

    ``model`` is any litellm model name (``openai/gpt-4o-mini``, ``ollama/llama3``, ...);
    ``api_base`` and ``api_key`` point it at a server (an OpenAI-compatible one included).
    """

    model: str
    api_base: str | None = None
    api_key: str | None = None
    timeout: float = 60.0
    attempts: int = 3
    strict: bool = False

    @classmethod
    def resolve(
        cls, model: str | LLMConfig | None = None, *, strict: bool = False
    ) -> LLMConfig | None:
        """The configuration from an argument or the environment; None means offline."""
        if isinstance(model, LLMConfig):
            return model
        name = model or os.environ.get("SYNTHDATA_LLM_MODEL")
        if not name:
            return None
        return cls(
            model=name,
            api_base=os.environ.get("SYNTHDATA_LLM_API_BASE") or None,
            api_key=os.environ.get("SYNTHDATA_LLM_API_KEY") or None,
            timeout=float(os.environ.get("SYNTHDATA_LLM_TIMEOUT", "60")),
            strict=strict or os.environ.get("SYNTHDATA_LLM_STRICT", "").lower() in {"1", "true"},
        )


@dataclass
class Usage:
    """Tokens spent and the estimated cost in US dollars (None when the model is not priced)."""

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def add(self, response: Any, litellm: Any) -> None:
        self.calls += 1
        usage = getattr(response, "usage", None)
        self.prompt_tokens += int(getattr(usage, "prompt_tokens", 0) or 0)
        self.completion_tokens += int(getattr(usage, "completion_tokens", 0) or 0)
        try:
            cost = float(litellm.completion_cost(completion_response=response))
        except Exception:  # an unpriced model is normal, not an error
            return
        self.cost_usd = (self.cost_usd or 0.0) + cost


def _litellm() -> Any:
    # litellm fetches a price list from the internet at import unless told to use its own copy.
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    litellm: Any = import_optional("litellm", extra="llm", purpose="LLM features")
    litellm.suppress_debug_info = True
    return litellm


@contextlib.contextmanager
def translate_errors(config: LLMConfig) -> Iterator[None]:
    """Turn any provider, network or timeout failure into an LLMError naming the model."""
    try:
        yield
    except SynthdataError:
        raise
    except Exception as exc:
        name = type(exc).__name__
        if "timeout" in name.lower() or isinstance(exc, TimeoutError):
            msg = f"The model {config.model} did not answer within {config.timeout:g} s"
        else:
            detail = str(exc).splitlines()[0][:300] if str(exc) else name
            msg = f"The model {config.model} failed: {name}: {detail}"
        raise LLMError(msg) from exc


def complete_json(
    config: LLMConfig,
    messages: list[dict[str, str]],
    validate: Callable[[Any], T],
    usage: Usage | None = None,
) -> tuple[T, Usage]:
    """Ask for JSON and validate it; an invalid answer is retried with the error explained.

    Raises:
        LLMError: the provider failed, or no answer validated within ``config.attempts``.
    """
    litellm = _litellm()
    usage = usage or Usage()
    conversation = list(messages)
    problem = ""
    for _ in range(max(1, config.attempts)):
        with translate_errors(config):
            response = litellm.completion(
                model=config.model,
                messages=conversation,
                api_base=config.api_base,
                api_key=config.api_key,
                timeout=config.timeout,
                max_retries=0,
                response_format={"type": "json_object"},
            )
        usage.add(response, litellm)
        text = response.choices[0].message.content or ""
        try:
            return validate(json.loads(text)), usage
        except json.JSONDecodeError as exc:
            problem = f"The answer was not valid JSON ({exc})."
        except ValidationError as exc:
            problem = f"The JSON did not validate: {describe_validation_error(exc)}."
        except InvalidInputError as exc:
            problem = f"The JSON did not validate: {exc}."
        conversation += [
            {"role": "assistant", "content": text[:4000]},
            {"role": "user", "content": f"{problem} Reply again with corrected JSON only."},
        ]
    msg = f"The model {config.model} gave no valid answer in {config.attempts} attempts: {problem}"
    raise LLMError(msg)


# --- free-text columns --------------------------------------------------------------------------


def _cache_dir() -> Path:
    return home() / "llm_cache"


def text_pool(
    config: LLMConfig, *, table: str, field: str, description: str, seed: int, size: int = 40
) -> list[str]:
    """``size`` distinct, realistic values for a free-text column, written by the model once.

    The pool is cached on disk by (model, table, field, description, seed, size), so the same
    seed gives the same text on every run; rows then pick from it with the usual draws.
    """
    key = json.dumps([config.model, table, field, description, seed, size])
    path = _cache_dir() / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.json"
    if path.is_file():
        cached = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(cached, list) and cached and all(isinstance(v, str) for v in cached):
            return cached
    prompt = (
        f"Write {size} distinct, realistic values for the free-text column '{field}' of the "
        f"table '{table}' ({description}). Vary length and content as real records do; no "
        'numbering. Answer as JSON: {"values": ["...", ...]}.'
    )

    def validate(data: Any) -> list[str]:
        values = data.get("values") if isinstance(data, dict) else None
        if not isinstance(values, list) or not values:
            msg = 'expected {"values": [strings]} with at least one value'
            raise InvalidInputError(msg)
        cleaned = [str(v).strip()[:2000] for v in values if str(v).strip()]
        if not cleaned:
            msg = "every value was empty"
            raise InvalidInputError(msg)
        return cleaned

    values, _ = complete_json(config, [{"role": "user", "content": prompt}], validate)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(values), encoding="utf-8")
    return values
