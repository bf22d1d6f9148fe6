"""Monitoring's views, split by feature."""
