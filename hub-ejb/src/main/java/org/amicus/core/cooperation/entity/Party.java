package org.amicus.core.cooperation.entity;

/** The two sides of a cooperation request: the organisation that asks, and one organisation asked. */
public enum Party {
    REQUESTER,
    RESPONDER;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Party parse(String text) {
        for (Party p : values()) {
            if (p.wireName().equals(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException("a party is requester or responder");
    }
}
