"""The Qt-free core: database, services, platform clients, sync engine and exports."""
