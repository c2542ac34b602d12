package org.amicus.core.alert.entity;

import java.time.Duration;
import java.util.Locale;

/**
 * Ready-made alerts for the threats security officers warn of most: each fills in the severity, category, title,
 * what to do, how long the alert stays valid and when it escalates; the officer changes what does not fit.
 */
public enum AlertTemplate {
    DEVICE_COMPROMISE(
            Severity.CRITICAL,
            ThreatCategory.DIGITAL,
            "Device compromise",
            "Disconnect the affected device from networks, do not switch it off, do not sign in to anything from it;"
                    + " tell your security officer; sign out its sessions and change passwords from a clean device.",
            Duration.ofDays(7),
            Duration.ofHours(1)),
    PHISHING_CAMPAIGN(
            Severity.WARNING,
            ThreatCategory.DIGITAL,
            "Phishing campaign",
            "Do not open links or attachments in messages matching the indicators; report any you received to your"
                    + " security officer; if you entered a password, change it at once from a clean device.",
            Duration.ofDays(14),
            Duration.ofHours(4)),
    PHYSICAL_THREAT(
            Severity.CRITICAL,
            ThreatCategory.PHYSICAL,
            "Physical threat",
            "Follow your organisation's security plan: avoid the places named, vary routes, check in with your"
                    + " security officer at agreed times, and keep your emergency contacts at hand.",
            Duration.ofDays(3),
            Duration.ofHours(1)),
    LEGAL_ACTION(
            Severity.WARNING,
            ThreatCategory.LEGAL,
            "Legal action",
            "Contact your legal adviser before answering any authority; secure the documents concerned; do not"
                    + " discuss the case over unencrypted channels.",
            Duration.ofDays(30),
            Duration.ofHours(24));

    private final Severity severity;
    private final ThreatCategory category;
    private final String title;
    private final String action;
    private final Duration validity;
    private final Duration escalateAfter;

    AlertTemplate(
            Severity severity,
            ThreatCategory category,
            String title,
            String action,
            Duration validity,
            Duration escalateAfter) {
        this.severity = severity;
        this.category = category;
        this.title = title;
        this.action = action;
        this.validity = validity;
        this.escalateAfter = escalateAfter;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public Severity severity() {
        return severity;
    }

    public ThreatCategory category() {
        return category;
    }

    public String title() {
        return title;
    }

    public String action() {
        return action;
    }

    public Duration validity() {
        return validity;
    }

    public Duration escalateAfter() {
        return escalateAfter;
    }

    /** @throws InvalidAlertException naming the templates */
    public static AlertTemplate parse(String text) {
        if (text != null) {
            for (AlertTemplate t : values()) {
                if (t.wireName().equals(text.strip().toLowerCase(Locale.ROOT))) {
                    return t;
                }
            }
        }
        throw new InvalidAlertException("unknown template '" + text
                + "': device-compromise, phishing-campaign, physical-threat or legal-action");
    }
}
