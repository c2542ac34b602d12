package org.amicus.core.membership.entity;

/** Whether a person may sign in. A disabled person's sessions end at once; the account stays for the record. */
public enum PersonStatus {
    ACTIVE,
    DISABLED
}
