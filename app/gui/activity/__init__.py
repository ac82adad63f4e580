"""Sync activity: running jobs with progress, job history, job logs, retry."""
