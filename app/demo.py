"""Demo mode: the sandbox in this process, demo shops connected through the real consent
flow, and simulated buyers placing orders.

This is composition, like the CLI: it wires the emulator (``app.sandbox``) to the sync
engine, so it lives beside ``cli_sync.py`` and not in ``app.core`` (production core does
not depend on the emulator). Used by ``storesync demo``, the GUI's demo button, the sync
integration tests and ``tests/perf/bench_sync.py``.
"""

from __future__ import annotations

import contextlib
import html
import logging
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import httpx

from app.core.domain import AppCredentials, Endpoints, Environment, Platform
from app.core.services.stores import StoreDTO
from app.core.sync.api import ConnectRequest
from app.sandbox.core import Sandbox
from app.sandbox.demo import build_sandbox, start_demo_promotions

CALLBACK = "http://127.0.0.1:8765/callback"
#: the demo marketplace leaves paid orders for the seller to ship in the app for half an
#: hour before its simulated seller centre ships them, and splits some TikTok orders into
#: two packages (app/sandbox/*/shipping.py, app/sandbox/tiktok/packages.py)
DEMO_SHOPEE_OPTIONS = {"seller_centre_ships_after": 1800}
DEMO_TIKTOK_OPTIONS = {"seller_center_ships_after": 1800, "split_share": 0.2}
READY_PER_SHOP = 3  # orders waiting to be shipped on every demo shop
STATE_FILE_NAME = "demo-sandbox.json"  # in the data folder, beside storesync.db
AUTOSAVE_SECONDS = 5.0
FILL_FOR_S = 600.0  # the demo filler gives up on a variant no shop lists after this

log = logging.getLogger(__name__)


@dataclass
class DemoHandle:
    """The running demo: stop it to stop the sandbox and the buyers."""

    sandbox: Sandbox
    resumed: bool = False  # continued from the data folder's saved marketplace state
    stores: list[StoreDTO] = field(default_factory=list)
    filler: SellerDetailsFiller | None = None

    def stop(self) -> None:
        """Stop buyers and the sandbox server (and fill what the first sync imported)."""
        if self.filler is not None:
            self.filler.stop()
        self.sandbox.stop()


class SellerDetailsFiller:
    """Fills the demo products' brand, category and cost (:func:`fill_seller_details`)
    once the first sync, which runs after connecting, has imported them: checks every
    second until every demo variant has its cost (a variant another shop lists may arrive
    a sync later than its product: TAS-02 stayed at cost 0), at most :data:`FILL_FOR_S`,
    and once more when stopped."""

    def __init__(self, ctx, seed: int) -> None:
        self._ctx, self._seed = ctx, seed
        self._left = sum(len(p.variants) for p in _demo_products(seed))
        self._bundle = False  # the demo bundle's components defined (define_demo_bundle)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="demo-seller-details", daemon=True)
        self._thread.start()

    def _fill(self) -> None:
        try:
            self._left = _fill_demo(self._ctx, self._seed)[1]
            self._bundle = self._bundle or define_demo_bundle(self._ctx)
        except Exception:  # a busy database: the next round tries again
            log.warning("demo: filling brands and costs failed; trying again", exc_info=True)

    def _run(self) -> None:
        deadline = time.monotonic() + FILL_FOR_S
        while (
            (self._left > 0 or not self._bundle)
            and time.monotonic() < deadline
            and not self._stop.wait(1.0)
        ):
            self._fill()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)
        if self._left > 0 or not self._bundle:
            self._fill()


def _demo_products(seed: int):
    from app.sandbox.catalog import demo_catalog

    return demo_catalog(seed)


def demo_catalog_names(seed: int) -> list[str]:
    """The demo products' names (one per product the filler waits for)."""
    return [p.name for p in _demo_products(seed)]


def approve_consent(consent_url: str, shop_id: str) -> dict[str, str]:
    """Do what the seller does in the browser: open the consent page, press Approve for
    one shop, and read the code from the redirect. Returns the redirect's parameters."""
    with httpx.Client(follow_redirects=False, timeout=10) as http:
        page = http.get(consent_url)
        page.raise_for_status()
        links = [html.unescape(h) for h in re.findall(r'href="([^"]+)"', page.text)]
        mine = [h for h in links if "approve" in h and f"shop_id={shop_id}" in h]
        if not mine:
            raise RuntimeError(f"the consent page has no Approve button for shop {shop_id}")
        target = urljoin(str(page.url), mine[0])
        resp = http.get(target)
        location = resp.headers.get("location", "")
        if not location:
            raise RuntimeError(f"Approve did not redirect (HTTP {resp.status_code})")
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


def connect_requests(sandbox: Sandbox, engine) -> list[ConnectRequest]:
    """One connect request per demo shop, each with a code from the real consent page."""
    from app.sandbox.demo import demo_info

    return requests_from_info(demo_info(sandbox), engine)


def requests_from_info(info: dict, engine) -> list[ConnectRequest]:
    """Connect requests from what ``python -m app.sandbox`` prints (base URL, credentials):
    the consent page is opened and approved for each shop, as a seller would."""
    base = info["base_url"]
    endpoints = Endpoints(base, base)
    out: list[ConnectRequest] = []
    for plat in info["platforms"]:
        if plat["platform"] == "website":
            out += _website_requests(plat)
            continue
        if plat["platform"] == "shopee":
            platform = Platform.SHOPEE
            creds = AppCredentials(plat["partner_id"], plat["partner_key"])
        else:
            platform = Platform.TIKTOK_SHOP
            creds = AppCredentials(plat["app_key"], plat["app_secret"], plat["service_id"])
        url = engine.authorization_url(platform, endpoints, creds, CALLBACK)
        for shop in plat["shops"]:
            params = approve_consent(url, shop["shop_id"])
            out.append(
                ConnectRequest(
                    platform,
                    Environment.LOCAL_SANDBOX,
                    endpoints,
                    creds,
                    params["code"],
                    params.get("shop_id") or shop["shop_id"],
                )
            )
    return out


def _website_requests(plat: dict) -> list[ConnectRequest]:
    """A website shop connects with its keys: no consent page, no code."""
    kinds = {"woocommerce": Platform.WOOCOMMERCE, "custom": Platform.CUSTOM_WEBSITE}
    return [
        ConnectRequest(
            kinds[shop["kind"]],
            Environment.LOCAL_SANDBOX,
            Endpoints(shop["base_url"]),
            AppCredentials(shop["key"], shop["secret"]),
            "",
            None,
            shop["name"],
        )
        for shop in plat["shops"]
    ]


def _load_state(sandbox: Sandbox, path: Path) -> bool:
    from app.sandbox.persist import StateFileDamaged

    try:
        return sandbox.load_state(path)
    except StateFileDamaged as exc:
        log.warning("demo: %s", exc)
        return False


def seed_orders(sandbox: Sandbox, count: int, seed: int | None = 0) -> None:
    """Buyers place ``count`` orders and some move along, so a new demo has history.

    ``seed=None`` draws from the sandbox's own generator, which a resumed demo restored
    from its state file (a fixed seed would replay the first run's buyers)."""
    import random

    rng = sandbox.rng if seed is None else random.Random(seed + 99)
    with sandbox.lock:
        for _ in range(count):
            rng.choice(sandbox.sims).place_random_order(rng)
        for sim in sandbox.sims:
            sim.advance_orders(rng)
        if seed is not None:  # a new demo shows a cancellation and a return at once
            from app.sandbox.aftersale_demo import showcase

            showcase(sandbox.sims, rng)


def start_demo(
    ws,
    engine,
    *,
    seed: int = 0,
    buyers_per_minute: float = 6.0,
    history_orders: int = 30,
    orders_interval_s: int = 15,
    connect_timeout: float = 60.0,
    state_file: Path | bool | None = True,
) -> DemoHandle:
    """Start the sandbox, connect every demo shop through the consent flow, start buyers.

    The shops get ``history_orders`` orders first, so a new user sees a working app at
    once, and the demo stores fetch orders every ``orders_interval_s`` seconds so new
    ones show up while they watch. ``engine`` must be started; connecting also runs each
    store's first full sync.

    The marketplace's state lives in the data folder (``state_file``: by default
    ``<data dir>/demo-sandbox.json``; False keeps nothing): saved every few seconds and
    on stop, loaded here, so a restarted demo continues where it stopped instead of
    rebuilding its shops from the seed (docs/ARCHITECTURE.md). A resumed demo gets
    ``history_orders // 3`` orders placed "while it was away", and older ones move on.
    """
    from dataclasses import replace

    from app.core.services import stores as store_service

    sandbox = demo_sandbox(seed)
    path = STATE_FILE_NAME if state_file is True else state_file
    if path:
        path = ws.paths.data_dir / path
    resumed = _load_state(sandbox, path) if path else False
    sandbox.start()
    if path:
        sandbox.start_autosave(path, AUTOSAVE_SECONDS)
    handle = DemoHandle(sandbox, resumed=resumed)
    if history_orders:
        if resumed:
            seed_orders(sandbox, max(1, history_orders // 3), None)
        else:
            seed_orders(sandbox, history_orders, seed)
            start_demo_promotions(sandbox)  # one price the marketplace refuses
        ensure_ready_orders(sandbox, READY_PER_SHOP, seed)
    # the demo's own setup (store intervals, brands and costs) is not the signed-in user's
    # doing: a staff or viewer account on a demo folder must not make it fail
    demo_ctx = ws.ctx.as_actor("demo")
    try:
        futures = [
            engine.connect_store(replace(req, acting_as="demo"))
            for req in connect_requests(sandbox, engine)
        ]
        for fut in futures:
            handle.stores.extend(fut.result(timeout=connect_timeout))
        for st in handle.stores:
            store_service.update_settings(
                demo_ctx, st.id, replace(st.settings, orders_interval_s=orders_interval_s)
            )
    except BaseException:
        sandbox.stop()
        raise
    if not resumed:
        handle.filler = SellerDetailsFiller(demo_ctx, seed)
    if buyers_per_minute > 0:
        sandbox.start_buyers(buyers_per_minute)
    return handle


def fill_seller_details(ctx, seed: int = 0) -> int:
    """What a seller keeps that no marketplace sends: each demo product's brand, category
    and unit cost, set in the master catalog the first sync imported, so profit and the
    category filter show real figures. A product the seller already gave a cost of their
    own is left alone; one whose brand or category the seller set keeps it. Returns the
    products filled. The demo's past orders take the costs too
    (``order_items.cost_uncosted_sales``), so Analytics warns of no uncosted sale."""
    return _fill_demo(ctx, seed)[0]


def _fill_demo(ctx, seed: int) -> tuple[int, int]:
    """:func:`fill_seller_details`; also returns the demo variants still without a cost
    (not imported yet, or arrived after their product was filled)."""
    from app.core.services import catalog as catalog_service

    filled = left = 0
    for demo in _demo_products(seed):
        product = None
        for dv in demo.variants:  # any of its SKUs: each shop may list only some
            found = catalog_service.find_variant_by_sku(ctx, dv.sku)
            if found is not None:
                row = catalog_service.variant_rows(ctx, [found.id])[found.id]
                product = catalog_service.get_product(ctx, row.product_id)
                break
        if product is None:
            left += len(demo.variants)
            continue
        cost = demo.variants[0].cost
        imported = {v.sku for v in product.variants}
        left += sum(1 for dv in demo.variants if dv.sku not in imported)
        if any(v.cost and v.cost != cost for v in product.variants):
            continue  # the seller's own cost: theirs to keep
        uncosted = any(not v.cost for v in product.variants)
        if not uncosted and product.brand and product.category:
            continue
        catalog_service.bulk_update(
            ctx,
            [product.id],
            category=None if product.category else demo.category,
            brand=None if product.brand else demo.brand,
            cost=cost if uncosted else None,
        )
        filled += 1
    return filled, left


def define_demo_bundle(ctx) -> bool:
    """The seller's side of the demo bundle (``app/sandbox/catalog.py``: listed on two
    stores with no stock of its own): once the first sync imported it and its
    components, make it a bundle of them, so every store listing it is pushed the stock
    its scarcest component allows (docs/ARCHITECTURE.md, bundles and kits). True when it
    is a bundle (now or already, e.g. defined by the seller's own import)."""
    from app.core.services import bundles
    from app.core.services import catalog as catalog_service
    from app.core.services.errors import ServiceError
    from app.sandbox.catalog import DEMO_BUNDLE, DEMO_BUNDLE_COMPONENTS

    found = catalog_service.find_variant_by_sku(ctx, DEMO_BUNDLE.variants[0].sku)
    if found is None:
        return False
    if bundles.components(ctx, found.id):
        return True
    parts = []
    for sku, qty in DEMO_BUNDLE_COMPONENTS:
        component = catalog_service.find_variant_by_sku(ctx, sku)
        if component is None:
            return False  # not imported yet: the next round tries again
        parts.append((component.id, qty))
    try:
        bundles.set_components(ctx, found.id, parts)
    except ServiceError as exc:  # e.g. the seller gave it stock of its own: left as it is
        log.warning("demo: the demo bundle was not defined: %s", exc)
        return True
    return True


def demo_sandbox(seed: int, port: int = 0) -> Sandbox:
    """The demo marketplace: what `storesync demo` serves (and saves in its state file)."""
    return build_sandbox(
        seed,
        port=port,
        shopee_options=DEMO_SHOPEE_OPTIONS,
        tiktok_options=DEMO_TIKTOK_OPTIONS,
        woocommerce_shops=1,  # the seller's own website beside the marketplaces
    )


def ensure_ready_orders(sandbox: Sandbox, per_shop: int, seed: int = 0) -> int:
    """Every demo shop gets paid orders waiting to be shipped, at least ``per_shop``, so
    shipping can be tried at once; returns how many were placed."""
    import random

    rng = random.Random(seed + 4242)
    placed = 0
    with sandbox.lock:
        for sim in sandbox.sims:
            for shop_id in list(sim.shops):
                missing = per_shop - len(sim.ready_to_ship(shop_id))
                if missing > 0:
                    placed += len(sim.place_ready_orders(shop_id, missing, rng))
    return placed


def resume_sandbox(ws, stores: list[StoreDTO]) -> Sandbox | None:
    """Bring the saved demo marketplace back for a command run after ``storesync demo``
    ended (``storesync orders ship`` on a demo folder): loaded from the data folder's
    state file, on the port the demo stores point at, saved again when stopped. None when
    the folder has no demo, the stores are not on one loopback sandbox, or that port
    already answers (a running demo)."""
    import socket

    path = ws.paths.data_dir / STATE_FILE_NAME
    # one sandbox serves every demo shop (a website shop's address adds its own path)
    urls = {
        urlsplit(s.api_base_url)._replace(path="").geturl()
        for s in stores
        if s.environment == Environment.LOCAL_SANDBOX
    }
    if not path.exists() or len(urls) != 1:
        return None
    parts = urlsplit(urls.pop())
    if parts.hostname != "127.0.0.1" or not parts.port:
        return None
    with socket.socket() as probe:
        probe.settimeout(0.5)
        if probe.connect_ex(("127.0.0.1", parts.port)) == 0:
            return None  # something answers there: leave it be
    sandbox = demo_sandbox(0, port=parts.port)
    if not _load_state(sandbox, path):
        return None
    sandbox.start()
    sandbox.start_autosave(path, AUTOSAVE_SECONDS)
    return sandbox


@contextlib.contextmanager
def saved_demo_marketplace(ws, stores: list[StoreDTO]) -> Iterator[Sandbox | None]:
    """:func:`resume_sandbox` for the length of a command (``storesync orders …``),
    stopped (and saved) at its end."""
    sandbox = resume_sandbox(ws, stores)
    try:
        yield sandbox
    finally:
        if sandbox is not None:
            sandbox.stop()
