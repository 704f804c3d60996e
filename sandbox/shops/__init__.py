"""Per-marketplace shop modules, each exposing ``SHOP: Shop``.

:func:`load_shops` mounts whichever of ``config.KNOWN_MARKETPLACES`` have a
module here, so the core works (and is tested) before every shop exists.
"""

from __future__ import annotations

import importlib
import importlib.util

from config import KNOWN_MARKETPLACES
from sandbox.shops.base import Shop, ShopContext

__all__ = ["Shop", "ShopContext", "load_shops"]


def load_shops(names: tuple[str, ...] | list[str] | None = None) -> dict[str, Shop]:
    """The available shops by marketplace name, in ``KNOWN_MARKETPLACES`` order.

    ``names`` restricts the set (unknown or missing modules are skipped).
    """
    wanted = KNOWN_MARKETPLACES if names is None else tuple(names)
    shops: dict[str, Shop] = {}
    for name in KNOWN_MARKETPLACES:
        if name not in wanted:
            continue
        module_name = f"{__name__}.{name}"
        if importlib.util.find_spec(module_name) is None:
            continue
        shop = getattr(importlib.import_module(module_name), "SHOP", None)
        if not isinstance(shop, Shop):
            raise TypeError(f"{module_name}.SHOP must be a Shop instance, got {type(shop).__name__}")
        if shop.name != name:
            raise ValueError(f"{module_name}.SHOP.name is {shop.name!r}, expected {name!r}")
        shops[name] = shop
    return shops
