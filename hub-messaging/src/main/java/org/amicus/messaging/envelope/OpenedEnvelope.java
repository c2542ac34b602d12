package org.amicus.messaging.envelope;

import org.amicus.core.identity.entity.Fingerprint;

/** A verified envelope: its header, its verified sender and its content. */
public record OpenedEnvelope(EnvelopeHeader header, Fingerprint sender, InnerDocument document) {}
