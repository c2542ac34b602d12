package org.amicus.core.coalition.control;

import org.amicus.core.membership.entity.OrgId;

/** Checks that an organisation's key signed a roster event's line (the crypto unit implements it). */
@FunctionalInterface
public interface RosterSignatures {

    boolean signedBy(OrgId organisation, byte[] line, byte[] signature);
}
