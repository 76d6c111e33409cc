"""wirewatch ner service."""
