"""Load configuration from its layers and remember where every value came from.

Layers, later wins: the packaged ``config/ktpwatch.toml``; one user file (the
``--config`` option, else ``KTPWATCH_CONFIG``, else ``./ktpwatch.toml`` when it
exists); then ``KTPWATCH_*`` environment variables. ``ktpwatch config check``
prints the origin of each value, because "why is it using that database?" is
the first question anyone debugging a deployment asks.

A user file decides what runs (``browser.executable``, ``notices.templates_dir``),
and ``./ktpwatch.toml`` is read from whatever folder a command is started in:
so every command says which user file it read (:meth:`LoadedConfig.announcement`,
one line on stderr), and a file anyone on the machine may write is refused.
"""

from __future__ import annotations

import os
import stat
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from config.settings import KNOWN_MARKETPLACES, MarketplaceConfig, Settings

PACKAGED_NAME = "ktpwatch.toml"
USER_FILE = Path("ktpwatch.toml")

#: Environment variables that override one configuration key each.
ENV_OVERRIDES: dict[str, tuple[str, ...]] = {
    "KTPWATCH_DB_URL": ("storage", "url"),
    "KTPWATCH_EVIDENCE_DIR": ("evidence", "dir"),
    "KTPWATCH_ANALYST": ("analyst",),
    "KTPWATCH_BROWSER": ("browser", "executable"),
    "KTPWATCH_SMTP_HOST": ("smtp", "host"),
    "KTPWATCH_SMTP_PORT": ("smtp", "port"),
    "KTPWATCH_SMTP_USER": ("smtp", "username"),
    "KTPWATCH_REDIS_URL": ("distributed", "redis_url"),
    "KTPWATCH_WEBHOOK_URL": ("webhook", "url"),
    "KTPWATCH_NOTIFY_URLS": ("notify", "urls"),
}
#: Secrets: read at the moment of use, never stored in Settings or printed.
SECRET_ENV = ("KTPWATCH_SMTP_PASSWORD",)
CONFIG_ENV = "KTPWATCH_CONFIG"


class ConfigError(Exception):
    """Bad configuration, worded as one line a user can act on."""


@dataclass(frozen=True)
class LoadedConfig:
    settings: Settings
    #: dotted key -> where its value came from ("default: …", "file: …", "env: …")
    origins: dict[str, str] = field(default_factory=dict)
    files: tuple[Path, ...] = ()
    #: the user file read, if any, and why it was chosen
    user_file: Path | None = None
    user_file_reason: str = ""

    def announcement(self) -> str | None:
        """The one line a command prints (on stderr) about the user file it read."""
        if self.user_file is None:
            return None
        return f"configuration: {self.user_file.resolve()} ({self.user_file_reason})"


def packaged_defaults_path() -> Path:
    return Path(str(resources.files("config").joinpath(PACKAGED_NAME)))


def packaged_templates_dir() -> Path:
    return Path(str(resources.files("config").joinpath("templates")))


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found") from None
    except PermissionError:
        raise ConfigError(f"{path}: cannot read file (permission denied)") from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: expected a TOML file, found a directory") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: malformed TOML: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: malformed TOML: not UTF-8 text") from None


def _check_not_world_writable(path: Path) -> None:
    """Refuse a configuration file that any local user could have changed."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # _read_toml says what is wrong with it
    if stat.S_ISREG(mode) and mode & stat.S_IWOTH:
        raise ConfigError(
            f"{path}: refused: the file is world-writable, so anyone on this machine could "
            f"choose what ktpwatch runs; fix it with: chmod o-w {path}"
        )


def _user_file(path: str | Path | None, env: Mapping[str, str], cwd: Path) -> tuple[Path | None, str]:
    """The user file to read and why: ``--config``, ``KTPWATCH_CONFIG`` or the working directory."""
    if path is not None:
        return Path(path), "from --config"
    if env.get(CONFIG_ENV):
        return Path(env[CONFIG_ENV]), f"from {CONFIG_ENV}"
    if (cwd / USER_FILE).is_file():
        return cwd / USER_FILE, "found in the working directory"
    return None, ""


def _merge(
    base: dict[str, Any],
    layer: Mapping[str, Any],
    origins: dict[str, str],
    origin: str,
    prefix: str = "",
) -> None:
    for key, value in layer.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, Mapping) and isinstance(base.get(key), dict):
            _merge(base[key], value, origins, origin, dotted + ".")
        else:
            base[key] = _plain(value)
            for existing in [k for k in origins if k.startswith(dotted + ".")]:
                del origins[existing]
            _record(value, dotted, origins, origin)


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _record(value: Any, dotted: str, origins: dict[str, str], origin: str) -> None:
    if isinstance(value, Mapping):
        for key, sub in value.items():
            _record(sub, f"{dotted}.{key}", origins, origin)
    else:
        origins[dotted] = origin


def _origin_of(loc: tuple[Any, ...], origins: dict[str, str]) -> str:
    parts = [str(p) for p in loc]
    while parts:
        dotted = ".".join(parts)
        if dotted in origins:
            return origins[dotted]
        hits = sorted({o for k, o in origins.items() if k.startswith(dotted + ".")})
        if len(hits) == 1:
            return hits[0]
        parts.pop()
    return "configuration"


def _describe(exc: ValidationError, origins: dict[str, str]) -> str:
    err = exc.errors()[0]
    loc = tuple(err["loc"])
    key = ".".join(str(p) for p in loc) or "(top level)"
    source = _origin_of(loc, origins)
    source = source.split(": ", 1)[1] if ": " in source else source
    kind = err["type"]
    if kind == "extra_forbidden":
        what = "unknown key (not a ktpwatch setting)"
    elif kind == "missing":
        what = "required key is missing"
    else:
        msg = str(err["msg"]).removeprefix("Value error, ")
        got = err.get("input")
        what = f"{msg} (got {got!r})" if kind != "value_error" and not isinstance(got, dict) else msg
    extra = f" (and {len(exc.errors()) - 1} more)" if len(exc.errors()) > 1 else ""
    return f"{source}: {key}: {what}{extra}"


def load_config(
    path: str | Path | None = None,
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> LoadedConfig:
    """Build :class:`Settings` from every layer; raise :class:`ConfigError` on any problem."""
    env = os.environ if env is None else env
    cwd = Path.cwd() if cwd is None else cwd
    origins: dict[str, str] = {}
    merged: dict[str, Any] = {}
    files: list[Path] = []

    default_path = packaged_defaults_path()
    _merge(merged, _read_toml(default_path), origins, f"default: {default_path}")
    files.append(default_path)

    user, reason = _user_file(path, env, cwd)
    if user is not None:
        _check_not_world_writable(user)
        _merge(merged, _read_toml(user), origins, f"file: {user}")
        files.append(user)

    for name, keypath in ENV_OVERRIDES.items():
        if name in env and env[name] != "":
            layer: dict[str, Any] = {keypath[-1]: env[name]}
            for part in reversed(keypath[:-1]):
                layer = {part: layer}
            _merge(merged, layer, origins, f"env: {name}")

    for name in merged.get("marketplaces", {}) or {}:
        if name not in KNOWN_MARKETPLACES:
            source = _origin_of(("marketplaces", name), origins).split(": ", 1)[-1]
            raise ConfigError(
                f"{source}: marketplaces.{name}: unknown marketplace {name!r}; "
                f"expected one of {', '.join(KNOWN_MARKETPLACES)}"
            )
    try:
        settings = Settings.model_validate(merged)
    except ValidationError as exc:
        raise ConfigError(_describe(exc, origins)) from None
    return LoadedConfig(settings=settings, origins=origins, files=tuple(files),
                        user_file=user, user_file_reason=reason)


def smtp_password(env: Mapping[str, str] | None = None) -> str:
    """The SMTP password, from the environment only (never from a file)."""
    env = os.environ if env is None else env
    return env.get("KTPWATCH_SMTP_PASSWORD", "")


#: Keys of ``[marketplaces.<name>]`` an address list may set (where a marketplace is, not how to crawl it).
ADDRESS_KEYS = frozenset({"api_base_url", "web_base_url", "image_hosts", "image_base_url", "page_size"})


def with_marketplace_addresses(settings: Settings, addresses: Mapping[str, Any]) -> Settings:
    """``settings`` with each named marketplace's address keys replaced, validated as config is.

    ``addresses`` is ``{"marketplaces": {name: {api_base_url, web_base_url,
    image_hosts, image_base_url?, page_size?}}}``, the JSON a stand-in for the
    shops (the sandbox's ``/_sandbox/marketplaces``) publishes; ``scan --sandbox``
    applies it as ordinary configuration. Marketplaces it does not name keep
    their settings; an unknown marketplace or key is a :class:`ConfigError`.
    """
    entries = addresses.get("marketplaces") if isinstance(addresses, Mapping) else None
    if not isinstance(entries, Mapping):
        raise ConfigError("marketplace addresses: expected {\"marketplaces\": {name: {...}}}")
    marketplaces = dict(settings.marketplaces)
    for name, entry in entries.items():
        if name not in marketplaces:
            raise ConfigError(f"marketplace addresses: unknown marketplace {name!r}; "
                              f"configured: {', '.join(marketplaces)}")
        if not isinstance(entry, Mapping) or set(entry) - ADDRESS_KEYS:
            extra = sorted(set(entry) - ADDRESS_KEYS) if isinstance(entry, Mapping) else ["(not an object)"]
            raise ConfigError(f"marketplace addresses: {name}: unexpected {extra[0]!r}")
        merged = {**marketplaces[name].model_dump(mode="json"), **entry}
        try:
            marketplaces[name] = MarketplaceConfig.model_validate(merged)
        except ValidationError as exc:
            raise ConfigError(f"marketplace addresses: {name}: {exc.errors()[0]['msg']}") from None
    return settings.model_copy(update={"marketplaces": marketplaces})
