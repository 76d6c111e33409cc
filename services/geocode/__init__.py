"""wirewatch geocode service."""
