package org.amicus.core.federation.entity;

import java.io.Serializable;
import java.util.Objects;

/** The key of a {@link RelayedEnvelope}: the envelope and the node it was forwarded to. */
public class RelayedEnvelopeKey implements Serializable {
    private static final long serialVersionUID = 1L;

    private String envelopeId;
    private String toNode;

    public RelayedEnvelopeKey() {}

    public RelayedEnvelopeKey(String envelopeId, String toNode) {
        this.envelopeId = envelopeId;
        this.toNode = toNode;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RelayedEnvelopeKey k
                && Objects.equals(envelopeId, k.envelopeId)
                && Objects.equals(toNode, k.toNode);
    }

    @Override
    public int hashCode() {
        return Objects.hash(envelopeId, toNode);
    }
}
