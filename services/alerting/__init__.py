"""wirewatch alerting service."""
