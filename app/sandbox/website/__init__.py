"""Website shops (WooCommerce and the open custom contract) in the sandbox."""
