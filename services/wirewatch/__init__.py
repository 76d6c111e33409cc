"""wirewatch: the shared package. Contracts, settings, the topic registry and Kafka wiring.

Services (ingest, ner, geocode, alerting) import from here and never from each other.
"""

__version__ = "0.1.0"
