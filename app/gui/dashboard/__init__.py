"""The dashboard: what to do now, today's sales, the latest activity."""
