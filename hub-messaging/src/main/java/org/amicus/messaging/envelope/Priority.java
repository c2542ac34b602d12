package org.amicus.messaging.envelope;

import java.util.Locale;

/** The priority class in an envelope's outer header (docs/protocol/envelope.md §3). */
public enum Priority {
    ALERT,
    NORMAL,
    BULK;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Priority fromWire(String text) throws EnvelopeRejectedException {
        for (Priority p : values()) {
            if (p.wire().equals(text)) {
                return p;
            }
        }
        throw new EnvelopeRejectedException(EnvelopeRejectedException.Kind.MALFORMED, "unknown priority");
    }
}
