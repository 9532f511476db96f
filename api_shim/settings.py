"""Server settings from the environment (``SYNTHDATA_*``), read once when the app is made."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from ipaddress import IPv4Network, IPv6Network, ip_address, ip_network
from pathlib import Path

from starlette.config import Config

__all__ = ["Settings", "hash_key"]

_OWNER_CACHE = 1024


def _split(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


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
    #: Proxies whose X-Forwarded-For is believed (addresses or CIDRs); none by default.
    trusted_proxies: list[str] = field(default_factory=list)
    max_body_bytes: int = 1_048_576
    #: The whole multipart body of ``POST /api/v1/context/profile`` (files and fields).
    max_upload_bytes: int = 20 * 1_048_576
    #: Files one profile request may upload.
    max_upload_files: int = 50
    home: Path | None = None
    job_workers: int = 2
    #: Load the analyzer and vocabularies and measure speed in the background at start-up.
    warm_up: bool = True
    proxy_networks: list[IPv4Network | IPv6Network] = field(init=False, repr=False)
    _owners: dict[str, str | None] = field(init=False, repr=False)

    @classmethod
    def from_env(cls) -> Settings:
        config = Config(env_prefix="SYNTHDATA_")
        home = config("HOME", default="")
        return cls(
            api_keys=_split(config("API_KEYS", default="")),
            api_key_hashes=_split(config("API_KEY_HASHES", default="")),
            rate_limit_per_minute=config("RATE_LIMIT_PER_MINUTE", cast=int, default=60),
            rate_limit_per_hour=config("RATE_LIMIT_PER_HOUR", cast=int, default=1000),
            trusted_proxies=_split(config("TRUSTED_PROXIES", default="")),
            max_body_bytes=config("MAX_BODY_BYTES", cast=int, default=1_048_576),
            max_upload_bytes=config("MAX_UPLOAD_BYTES", cast=int, default=20 * 1_048_576),
            max_upload_files=config("MAX_UPLOAD_FILES", cast=int, default=50),
            home=Path(home) if home else None,
            job_workers=config("JOB_WORKERS", cast=int, default=2),
            warm_up=config("WARM_UP", cast=bool, default=True),
        )

    def __post_init__(self) -> None:
        try:
            self.proxy_networks = [ip_network(p, strict=False) for p in self.trusted_proxies]
        except ValueError as exc:
            msg = f"SYNTHDATA_TRUSTED_PROXIES: {exc}"
            raise ValueError(msg) from None
        self._owners: dict[str, str | None] = {}

    def is_trusted_proxy(self, address: str) -> bool:
        """Whether ``address`` is one of the operator's proxies."""
        try:
            ip = ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self.proxy_networks)

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
        # Salted hashes cost 100k PBKDF2 rounds: remember recent answers (by digest, not key).
        digest = hashlib.sha256(presented.encode()).hexdigest()
        if digest in self._owners:
            return self._owners[digest]
        owner = self._owner_of(presented)
        if len(self._owners) >= _OWNER_CACHE:
            self._owners.pop(next(iter(self._owners)))
        self._owners[digest] = owner
        return owner

    def verified_owner(self, presented: str) -> str | None:
        """The owner of a key already verified by :meth:`owner_of` (None if not yet, or invalid).

        Costs one SHA-256, never the key derivation, so it is safe on the event loop.
        """
        return self._owners.get(hashlib.sha256(presented.encode()).hexdigest())

    def _owner_of(self, presented: str) -> str | None:
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
