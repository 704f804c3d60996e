"""Configuration: defaults, user file, environment overrides and every error path."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from config import ConfigError, load_config, with_marketplace_addresses
from crawler.cli import app


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_packaged_defaults_load_with_origins(tmp_path: Path) -> None:
    loaded = load_config(env={}, cwd=tmp_path)
    s = loaded.settings
    assert s.storage.url == "sqlite:///ktpwatch-data/ktpwatch.db"
    assert s.schedule.scan_every_hours == 72
    assert set(s.enabled_marketplaces()) >= {"tokopedia", "shopee", "lazada", "blibli", "olx", "facebook"}
    assert loaded.origins["storage.url"].startswith("default: ")
    assert len(loaded.files) == 1


def test_user_file_in_cwd_overrides_defaults(tmp_path: Path) -> None:
    write(tmp_path / "ktpwatch.toml", '[crawl]\nmax_pages = 2\n[marketplaces.olx]\nenabled = false\n')
    loaded = load_config(env={}, cwd=tmp_path)
    assert loaded.settings.crawl.max_pages == 2
    assert "olx" not in loaded.settings.enabled_marketplaces()
    assert loaded.origins["crawl.max_pages"] == f"file: {tmp_path / 'ktpwatch.toml'}"
    # untouched keys keep their default origin
    assert loaded.origins["crawl.download_delay"].startswith("default: ")


def test_explicit_path_beats_env_path_beats_cwd(tmp_path: Path) -> None:
    write(tmp_path / "ktpwatch.toml", "[crawl]\nmax_pages = 2\n")
    env_file = write(tmp_path / "env.toml", "[crawl]\nmax_pages = 3\n")
    explicit = write(tmp_path / "explicit.toml", "[crawl]\nmax_pages = 4\n")
    assert load_config(env={"KTPWATCH_CONFIG": str(env_file)}, cwd=tmp_path).settings.crawl.max_pages == 3
    assert load_config(explicit, env={"KTPWATCH_CONFIG": str(env_file)}, cwd=tmp_path).settings.crawl.max_pages == 4


def test_environment_overrides_win_and_are_named(tmp_path: Path) -> None:
    write(tmp_path / "ktpwatch.toml", '[storage]\nurl = "sqlite:///file.db"\n')
    env = {
        "KTPWATCH_DB_URL": "postgresql+psycopg://u@127.0.0.1/db",
        "KTPWATCH_EVIDENCE_DIR": "/srv/evidence",
        "KTPWATCH_ANALYST": "rina",
    }
    loaded = load_config(env=env, cwd=tmp_path)
    assert loaded.settings.storage.url == env["KTPWATCH_DB_URL"]
    assert str(loaded.settings.evidence.dir) == "/srv/evidence"
    assert loaded.settings.analyst == "rina"
    assert loaded.origins["storage.url"] == "env: KTPWATCH_DB_URL"


def test_smtp_password_is_never_a_setting(tmp_path: Path) -> None:
    write(tmp_path / "ktpwatch.toml", '[smtp]\npassword = "hunter2"\n')
    with pytest.raises(ConfigError, match=r"smtp\.password: unknown key"):
        load_config(env={}, cwd=tmp_path)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[crawl\n", "malformed TOML"),
        ("[crawl]\nmax_pages = -1\n", "crawl.max_pages"),
        ("[crawl]\nmax_pages = 'many'\n", "crawl.max_pages"),
        ("[storage]\nurl = 'not a url'\n", "storage.url"),
        ("[schedule]\nscan_every_hours = -3\n", "schedule.scan_every_hours"),
        ("[schedule]\nscan_cron = '* *'\n", "five-field cron"),
        ("[marketplaces.ebay]\napi_base_url='https://e.com'\nweb_base_url='https://e.com'\n", "unknown marketplace 'ebay'"),
        ("[marketplaces.olx]\napi_base_url = 'ftp://olx'\n", "marketplaces.olx.api_base_url"),
        ("[marketplaces.olx]\ntransport = 'carrier-pigeon'\n", "marketplaces.olx.transport"),
        ("[sender]\nemail = 'nobody'\n", "sender.email"),
        ("[queries]\nlexicon = []\n", "queries.lexicon"),
        ("[typo_section]\nx = 1\n", "typo_section: unknown key"),
        ("[smtp]\nport = 70000\n", "smtp.port"),
    ],
)
def test_bad_file_is_one_line_naming_file_and_key(tmp_path: Path, content: str, expected: str) -> None:
    bad = write(tmp_path / "bad.toml", content)
    with pytest.raises(ConfigError) as info:
        load_config(bad, env={}, cwd=tmp_path)
    message = str(info.value)
    assert "\n" not in message
    assert str(bad) in message
    assert expected in message


def test_bad_env_value_names_the_variable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"KTPWATCH_SMTP_PORT: smtp\.port"):
        load_config(env={"KTPWATCH_SMTP_PORT": "not-a-port"}, cwd=tmp_path)


def test_missing_and_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "nope.toml", env={}, cwd=tmp_path)
    with pytest.raises(ConfigError, match="found a directory"):
        load_config(tmp_path, env={}, cwd=tmp_path)


def test_marketplace_addresses_replace_only_the_named_marketplaces(tmp_path: Path) -> None:
    base = load_config(env={}, cwd=tmp_path).settings
    s = with_marketplace_addresses(base, {"marketplaces": {
        "tokopedia": {"api_base_url": "http://127.0.0.2:8901/", "web_base_url": "http://127.0.0.2:8901",
                      "image_hosts": ["127.0.0.2"], "page_size": 7},
        "shopee": {"api_base_url": "http://127.0.0.3:8902", "web_base_url": "http://127.0.0.3:8902",
                   "image_hosts": ["127.0.0.3"], "image_base_url": "http://127.0.0.3:8902/file"},
    }})
    assert s.marketplace("tokopedia").api_base_url == "http://127.0.0.2:8901"
    assert s.marketplace("tokopedia").page_size == 7
    assert s.marketplace("tokopedia").transport == base.marketplace("tokopedia").transport
    assert s.marketplace("shopee").image_base_url == "http://127.0.0.3:8902/file/"
    assert s.marketplace("olx") == base.marketplace("olx")
    assert {"127.0.0.2", "127.0.0.3"} <= s.allowed_hosts()
    assert "gql.tokopedia.com" not in s.allowed_hosts()


@pytest.mark.parametrize(("addresses", "message"), [
    ({"marketplaces": {"ebay": {}}}, "unknown marketplace 'ebay'"),
    ({"marketplaces": {"olx": {"transport": "api"}}}, "unexpected 'transport'"),
    ({"marketplaces": {"olx": {"web_base_url": "ftp://x"}}}, "olx"),
    ({"shops": {}}, "expected"),
])
def test_bad_marketplace_addresses_are_config_errors(tmp_path: Path, addresses: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        with_marketplace_addresses(load_config(env={}, cwd=tmp_path).settings, addresses)


runner = CliRunner()


def test_config_check_cli_exit_2_without_traceback(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.toml", "[crawl]\nmax_pages = 0\n")
    result = runner.invoke(app, ["config", "check", "--config", str(bad)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert f"{bad}: crawl.max_pages" in result.output


def test_config_check_cli_prints_origins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KTPWATCH_ANALYST", "budi")
    result = runner.invoke(app, ["config", "check", "--format", "json"])
    assert result.exit_code == 0, result.output
    import json

    rows = {r["key"]: r for r in json.loads(result.output)["values"]}
    assert rows["analyst"] == {"key": "analyst", "value": "budi", "origin": "env: KTPWATCH_ANALYST"}
    assert rows["smtp.password"]["value"] == "(not set)"


def test_bad_config_in_any_command_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KTPWATCH_CONFIG", str(write(tmp_path / "b.toml", "[[[")))
    result = runner.invoke(app, ["db", "upgrade"])
    assert result.exit_code == 2
    assert "malformed TOML" in result.output
