"""Monitoring's writes, split by feature; each names the paragraph it implements."""
