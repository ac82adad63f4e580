"""Sales analytics: revenue, orders, units, profit, top products, stock value, slow movers.

One module per concern; import a name from the module that owns it:

- :mod:`.calendar` — the workspace's time zone, "today", local days, periods, buckets
  (``today``, ``zone``, ``Period``, ``period_of_days``, ``day_bounds``, ``Granularity``).
- :mod:`.figures` — exact money of one order shared over its lines (``order_figures``,
  ``allocate``, ``COUNTED_STATUSES``) and what counts as a sale.
- :mod:`.summary` — the sales summary tables kept current with the orders
  (``refresh_sales_summary``, ``refresh_sales_summary_placed``, ``rebuild_sales_summary``).
- :mod:`.scope` — which stores and local days a read covers.
- :mod:`.sales` — totals, per store or platform, over time, best sellers (``sales_totals``,
  ``sales_by``, ``sales_series``, ``top_products``, ``top_variants``).
- :mod:`.profit` — profit per product, store and order.
- :mod:`.stock` — stock value at cost, slow movers, days of cover.
- :mod:`.dashboard` — the Analytics page (``dashboard``) and the home page
  (``dashboard_summary``, ``recent_activity``), each in one read.

Speed: reads go through the summary tables in :mod:`app.core.db.models.analytics`, which
the order services refresh in the same transaction as the orders they cover; per-order
figures read the orders themselves, a page at a time.
"""
