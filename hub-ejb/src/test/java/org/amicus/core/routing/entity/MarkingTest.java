package org.amicus.core.routing.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.amicus.core.coalition.entity.CoalitionId;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.membership.entity.PersonId;
import org.amicus.core.membership.entity.PersonRef;
import org.junit.jupiter.api.Test;

/** Markings that contradict themselves are refused with a reason; valid ones read in plain words. */
class MarkingTest {

    private static final OrgId ORG = OrgId.random();
    private static final PersonRef PERSON = new PersonRef(ORG, PersonId.random());
    private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void redWithoutNamedPersonsIsRefused() {
        var e = assertThrows(
                InvalidMarkingException.class,
                () -> new Marking(TlpLevel.RED, Distribution.organisations(ORG), Set.of(), Conditions.NONE));
        assertTrue(e.getMessage().contains("name at least one person"), e.getMessage());
    }

    @Test
    void redToACoalitionOrTheFederationIsRefused() {
        assertThrows(
                InvalidMarkingException.class,
                () -> new Marking(
                        TlpLevel.RED, Distribution.coalitions(CoalitionId.random()), Set.of(PERSON), Conditions.NONE));
        assertThrows(
                InvalidMarkingException.class,
                () -> new Marking(TlpLevel.RED, Distribution.federation(), Set.of(PERSON), Conditions.NONE));
    }

    @Test
    void redNeedsAPersonInEveryNamedOrganisation() {
        OrgId other = OrgId.random();
        var e = assertThrows(
                InvalidMarkingException.class,
                () -> new Marking(
                        TlpLevel.RED, Distribution.organisations(ORG, other), Set.of(PERSON), Conditions.NONE));
        assertTrue(e.getMessage().contains("every named organisation"), e.getMessage());
    }

    @Test
    void amberAndAmberStrictCannotGoToTheWholeFederation() {
        for (TlpLevel level : Set.of(TlpLevel.AMBER, TlpLevel.AMBER_STRICT)) {
            var e = assertThrows(
                    InvalidMarkingException.class,
                    () -> new Marking(level, Distribution.federation(), Set.of(), Conditions.NONE));
            assertTrue(e.getMessage().startsWith(level.label()), e.getMessage());
        }
    }

    @Test
    void emptyDistributionsAndAnEmbargoEndingAfterTheExpiryAreRefused() {
        assertThrows(InvalidMarkingException.class, () -> new Distribution.Coalitions(Set.of()));
        assertThrows(InvalidMarkingException.class, () -> new Distribution.NamedOrganisations(Set.of()));
        var e = assertThrows(
                InvalidMarkingException.class,
                () -> new Conditions(false, PermittedUse.ANY, Optional.of(T), Optional.of(T)));
        assertTrue(e.getMessage().contains("embargo"), e.getMessage());
    }

    @Test
    void levelsAndUsesAreReadAsPeopleWriteThem() {
        assertEquals(TlpLevel.AMBER_STRICT, TlpLevel.parse("TLP:AMBER+STRICT"));
        assertEquals(TlpLevel.AMBER_STRICT, TlpLevel.parse("amber+strict"));
        assertEquals(TlpLevel.CLEAR, TlpLevel.parse(" clear "));
        assertThrows(InvalidMarkingException.class, () -> TlpLevel.parse("WHITE")); // TLP 1.0, gone in 2.0
        assertThrows(InvalidMarkingException.class, () -> TlpLevel.parse(""));
        assertEquals(PermittedUse.LEAD_ONLY, PermittedUse.parse("lead-only"));
        assertThrows(InvalidMarkingException.class, () -> PermittedUse.parse("evidence"));
    }

    @Test
    void aMarkingReadsInPlainWords() {
        Marking m = new Marking(
                TlpLevel.AMBER,
                Distribution.coalitions(CoalitionId.random()),
                Set.of(PERSON),
                new Conditions(true, PermittedUse.LEAD_ONLY, Optional.of(T), Optional.empty()));
        String text = String.join("\n", m.describe());
        assertTrue(text.startsWith("TLP:AMBER: only for the recipient organisations"), text);
        assertTrue(
                text.contains("For the current members of one coalition; shown only to the 1 named person(s)."), text);
        assertTrue(text.contains("Originator control"), text);
        assertTrue(text.contains("a lead only: not to be used as evidence"), text);
        assertTrue(text.contains("Embargo until 2026-12-01T00:00:00Z"), text);
    }

    @Test
    void expiredMaterialIsShownToNoOne() {
        Marking m = new Marking(
                TlpLevel.GREEN,
                Distribution.federation(),
                Set.of(),
                new Conditions(false, PermittedUse.ANY, Optional.empty(), Optional.of(T)));
        PersonRef anyone = new PersonRef(OrgId.random(), PersonId.random());
        assertTrue(m.mayBeShownTo(anyone, T.minusSeconds(1)));
        assertFalse(m.mayBeShownTo(anyone, T));
    }
}
