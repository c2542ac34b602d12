package org.amicus.core.routing.entity;

import java.util.Set;
import org.amicus.core.coalition.entity.CoalitionId;
import org.amicus.core.membership.entity.OrgId;

/**
 * Which organisations a message is for, as its originator chose (after MISP's distribution levels). The
 * organisations themselves are worked out by routing from the memberships current at sending time.
 */
public sealed interface Distribution {

    /** Stays with the originating organisation (between its own people). */
    record OwnOrganisation() implements Distribution {
        @Override
        public String describe() {
            return "your own organisation only";
        }
    }

    /** The current members of one or several coalitions. */
    record Coalitions(Set<CoalitionId> coalitions) implements Distribution {
        public Coalitions {
            if (coalitions == null || coalitions.isEmpty()) {
                throw new InvalidMarkingException("a distribution to coalitions names at least one coalition");
            }
            coalitions = Set.copyOf(coalitions);
        }

        @Override
        public String describe() {
            return coalitions.size() == 1
                    ? "the current members of one coalition"
                    : "the current members of " + coalitions.size() + " coalitions";
        }
    }

    /** Every organisation of the federation. */
    record Federation() implements Distribution {
        @Override
        public String describe() {
            return "every organisation of the federation";
        }
    }

    /** The organisations named, and no others. */
    record NamedOrganisations(Set<OrgId> organisations) implements Distribution {
        public NamedOrganisations {
            if (organisations == null || organisations.isEmpty()) {
                throw new InvalidMarkingException("a distribution to named organisations names at least one");
            }
            organisations = Set.copyOf(organisations);
        }

        @Override
        public String describe() {
            return organisations.size() == 1 ? "one named organisation" : organisations.size() + " named organisations";
        }
    }

    /** In plain words, for the person choosing or reading the marking. */
    String describe();

    static Distribution ownOrganisation() {
        return new OwnOrganisation();
    }

    static Distribution federation() {
        return new Federation();
    }

    static Distribution coalitions(CoalitionId... ids) {
        return new Coalitions(Set.of(ids));
    }

    static Distribution organisations(OrgId... ids) {
        return new NamedOrganisations(Set.of(ids));
    }

    /** A short technical form for logs and the audit log, e.g. {@code coalitions(2)}: no names. */
    default String code() {
        if (this instanceof Coalitions c) {
            return "coalitions(" + c.coalitions().size() + ")";
        }
        if (this instanceof NamedOrganisations n) {
            return "organisations(" + n.organisations().size() + ")";
        }
        return this instanceof Federation ? "federation" : "own-organisation";
    }
}
