"""How every Kafka client wirewatch makes connects: faust's, and each aiokafka admin, producer and
consumer. One place turns the settings' security (plaintext, TLS, TLS with a SCRAM user) into
client options, so that no client of a secured process is left connecting in plaintext.
"""

from __future__ import annotations

import ssl
from typing import Any

from wirewatch.settings import Settings


def ssl_context(settings: Settings) -> ssl.SSLContext | None:
    """TLS that checks the brokers' certificates (against kafka_ca_file, or the system's CAs) and
    their host names; None for plaintext."""
    if settings.kafka_security_protocol == "PLAINTEXT":
        return None
    cafile = str(settings.kafka_ca_file) if settings.kafka_ca_file else None
    return ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=cafile)


def client_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for an AIOKafkaAdminClient, AIOKafkaProducer or AIOKafkaConsumer."""
    options: dict[str, Any] = {"bootstrap_servers": settings.broker}
    options["security_protocol"] = settings.kafka_security_protocol
    if settings.kafka_security_protocol != "PLAINTEXT":
        options["ssl_context"] = ssl_context(settings)
    if settings.kafka_security_protocol == "SASL_SSL":
        options.update(sasl_mechanism=settings.kafka_sasl_mechanism, sasl_plain_username=settings.kafka_user,
                       sasl_plain_password=settings.kafka_password.get_secret_value())
    return options


def faust_credentials(settings: Settings):
    """faust's `broker_credentials`: None for plaintext."""
    import faust

    if settings.kafka_security_protocol == "SASL_SSL":
        return faust.SASLCredentials(username=settings.kafka_user, password=settings.kafka_password.get_secret_value(),
                                     mechanism=settings.kafka_sasl_mechanism, ssl_context=ssl_context(settings))
    if settings.kafka_security_protocol == "SSL":
        return faust.SSLCredentials(ssl_context(settings))
    return None
