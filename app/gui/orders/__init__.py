"""Orders from every store: filters, the paged list, the detail pane."""
