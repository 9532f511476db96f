"""Server settings from the environment (``SYNTHDATA_*``), read once when the app is made."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from pathlib import Path

from starlette.config import Config

__all__ = ["Settings", "hash_key"]


def hash_key(key: str, salt: str) -> str:
    """A salted key hash for ``SYNTHDATA_API_KEY_HASHES``: ``salt$hex(pbkdf2-sha256)``."""
    digest = hashlib.pbkdf2_hmac("sha256", key.encode(), salt.encode(), 100_000).hex()
    return f"{salt}${digest}"


@dataclass
class Settings:
    """What the server is allowed to do and how much."""

    api_keys: list[str] = field(default_factory=list)
    api_key_hashes: list[str] = field(default_factory=list)
    rate_limit_per_minute: int = 60
    rate_limit_per_hour: int = 1000
    trust_proxy_headers: bool = False
    max_body_bytes: int = 1_048_576
    max_sample_size: int = 1000
    max_corpus_size: int = 100_000_000
    home: Path | None = None
    job_workers: int = 2

    @classmethod
    def from_env(cls) -> Settings:
        config = Config(env_prefix="SYNTHDATA_")
        keys = config("API_KEYS", default="")
        hashes = config("API_KEY_HASHES", default="")
        home = config("HOME", default="")
        return cls(
            api_keys=[k.strip() for k in keys.split(",") if k.strip()],
            api_key_hashes=[h.strip() for h in hashes.split(",") if h.strip()],
            rate_limit_per_minute=config("RATE_LIMIT_PER_MINUTE", cast=int, default=60),
            rate_limit_per_hour=config("RATE_LIMIT_PER_HOUR", cast=int, default=1000),
            trust_proxy_headers=config("TRUST_PROXY_HEADERS", cast=bool, default=False),
            max_body_bytes=config("MAX_BODY_BYTES", cast=int, default=1_048_576),
            home=Path(home) if home else None,
            job_workers=config("JOB_WORKERS", cast=int, default=2),
        )

    @property
    def keys_required(self) -> bool:
        return bool(self.api_keys or self.api_key_hashes)

    def owner_of(self, presented: str | None) -> str | None:
        """The owner id for a presented key (a hash, never the key), or None if it is not valid.

        Every configured key is compared in constant time, so timing does not reveal which
        prefix matched.
        """
        if not presented:
            return None
        found = None
        for key in self.api_keys:
            if hmac.compare_digest(key.encode(), presented.encode()):
                found = key
        for stored in self.api_key_hashes:
            salt, _, _ = stored.partition("$")
            if hmac.compare_digest(hash_key(presented, salt), stored):
                found = presented
        if found is None:
            return None
        return hashlib.sha256(found.encode()).hexdigest()[:16]
