"""``[actors]`` and ``[actors.risk_weights]``: packaged defaults, overrides, typos named."""

from __future__ import annotations

from pathlib import Path

import pytest

from config import ConfigError, load_config
from config.settings import RiskWeights


def test_packaged_defaults_match_the_model_defaults(tmp_path: Path) -> None:
    actors = load_config(env={}, cwd=tmp_path).settings.actors
    assert actors.risk_weights == RiskWeights()
    assert actors.common_photo_sellers == 3


def test_a_deployment_overrides_one_weight(tmp_path: Path) -> None:
    (tmp_path / "ktpwatch.toml").write_text("[actors.risk_weights]\nrelisted_after_takedown = 40\n", encoding="utf-8")
    loaded = load_config(env={}, cwd=tmp_path)
    weights = loaded.settings.actors.risk_weights
    assert weights.relisted_after_takedown == 40 and weights.blank_listings == RiskWeights().blank_listings
    assert loaded.origins["actors.risk_weights.relisted_after_takedown"].startswith("file: ")


@pytest.mark.parametrize("line", ["relisted_after_takedwon = 40", "evasion = -1", "volume = 101"])
def test_a_typo_or_an_impossible_weight_is_an_error_naming_the_key(tmp_path: Path, line: str) -> None:
    (tmp_path / "ktpwatch.toml").write_text(f"[actors.risk_weights]\n{line}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_config(env={}, cwd=tmp_path)
    assert "actors.risk_weights." + line.split(" ")[0] in str(exc.value)
