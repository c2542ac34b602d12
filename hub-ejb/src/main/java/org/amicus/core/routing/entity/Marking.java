package org.amicus.core.routing.entity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.membership.entity.PersonRef;

/**
 * What every message carries: its TLP level, its distribution, the persons it is for (required for RED)
 * and the conditions it is shared under. A marking that contradicts itself cannot be built
 * ({@link InvalidMarkingException}); who exactly receives a message is worked out from its marking by
 * {@code org.amicus.core.routing.control.Routing}, which also decides re-shares.
 */
public record Marking(TlpLevel level, Distribution distribution, Set<PersonRef> namedPersons, Conditions conditions) {

    public Marking {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(distribution, "distribution");
        Objects.requireNonNull(conditions, "conditions");
        namedPersons = namedPersons == null ? Set.of() : Set.copyOf(namedPersons);
        if (distribution instanceof Distribution.Federation && !level.allowsFederationWide()) {
            throw new InvalidMarkingException(level.label() + " cannot go to every organisation of the federation:"
                    + " only TLP:CLEAR and TLP:GREEN can; choose coalitions or named organisations");
        }
        if (level == TlpLevel.RED) {
            if (namedPersons.isEmpty()) {
                throw new InvalidMarkingException("TLP:RED is for named persons only: name at least one person");
            }
            if (!(distribution instanceof Distribution.OwnOrganisation
                    || distribution instanceof Distribution.NamedOrganisations)) {
                throw new InvalidMarkingException(
                        "TLP:RED goes to named persons of named organisations, not to " + distribution.describe());
            }
        }
        // a named person of an organisation the distribution does not reach is refused by routing, which knows
        // the originator (whose own people may always be named)
        if (distribution instanceof Distribution.NamedOrganisations named) {
            if (level == TlpLevel.RED) {
                Set<OrgId> withPersons =
                        namedPersons.stream().map(PersonRef::organisation).collect(Collectors.toSet());
                if (!withPersons.containsAll(named.organisations())) {
                    throw new InvalidMarkingException(
                            "TLP:RED: every named organisation needs at least one named person");
                }
            }
        }
    }

    /**
     * TLP:AMBER+STRICT for exactly {@code organisation}: how a workflow's own reports travel to one other side
     * (receipts, acknowledgements, read reports, subscriptions).
     */
    public static Marking forOrganisationOnly(OrgId organisation) {
        return new Marking(
                TlpLevel.AMBER_STRICT,
                new Distribution.NamedOrganisations(Set.of(organisation)),
                Set.of(),
                Conditions.NONE);
    }

    /** TLP:GREEN to every organisation of the federation, no conditions: routine bulletins. */
    public static Marking green() {
        return new Marking(TlpLevel.GREEN, Distribution.federation(), Set.of(), Conditions.NONE);
    }

    /** Whether the persons of {@code organisation} who may see it are restricted to named ones. */
    public boolean restrictedToNamedPersonsIn(OrgId organisation) {
        return level == TlpLevel.RED
                || namedPersons.stream().anyMatch(p -> p.organisation().equals(organisation));
    }

    /**
     * Whether {@code viewer}, a person of an organisation that received the message, may have it shown: not
     * after it expired, and only the named persons where persons are named for the viewer's organisation (always
     * for RED).
     */
    public boolean mayBeShownTo(PersonRef viewer, Instant now) {
        if (conditions.expired(now)) {
            return false;
        }
        return !restrictedToNamedPersonsIn(viewer.organisation()) || namedPersons.contains(viewer);
    }

    /** How the audit log names it: level and kind of distribution, no names (e.g. {@code TLP:AMBER coalitions(1)}). */
    public String code() {
        return level.label() + " " + distribution.code();
    }

    /** The marking in plain words, line by line, as people see it above the content. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add(level.label() + ": " + level.meaning() + ".");
        lines.add("For " + distribution.describe()
                + (namedPersons.isEmpty() ? "." : "; shown only to the " + namedPersons.size() + " named person(s)."));
        if (conditions.originatorControl()) {
            lines.add("Originator control: not to be passed on without the originator's consent.");
        }
        if (conditions.use() != PermittedUse.ANY) {
            lines.add("Use: " + conditions.use().meaning() + ".");
        }
        conditions.embargoUntil().ifPresent(e -> lines.add("Embargo until " + e + ": not to be passed on before."));
        conditions.expires().ifPresent(e -> lines.add("Expires " + e + ": not shown or passed on after."));
        return lines;
    }
}
