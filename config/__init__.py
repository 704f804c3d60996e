"""Configuration: packaged TOML defaults and the typed loader (layer 0: imports nothing of ours).

Everything a deployment changes is configuration, never a constant in code;
secrets come from environment variables only.
"""

from config.loader import (
    ConfigError,
    LoadedConfig,
    load_config,
    packaged_templates_dir,
    smtp_password,
    with_marketplace_addresses,
)
from config.settings import KNOWN_MARKETPLACES, MarketplaceConfig, Settings, Transport

__all__ = [
    "KNOWN_MARKETPLACES",
    "ConfigError",
    "LoadedConfig",
    "MarketplaceConfig",
    "Settings",
    "Transport",
    "load_config",
    "packaged_templates_dir",
    "smtp_password",
    "with_marketplace_addresses",
]
