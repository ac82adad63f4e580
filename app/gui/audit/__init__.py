"""The audit log dialog: who changed what, filtered and exported to Excel."""
