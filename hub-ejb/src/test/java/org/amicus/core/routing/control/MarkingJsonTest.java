package org.amicus.core.routing.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.amicus.core.coalition.entity.CoalitionId;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.membership.entity.PersonId;
import org.amicus.core.membership.entity.PersonRef;
import org.amicus.core.routing.entity.Conditions;
import org.amicus.core.routing.entity.Distribution;
import org.amicus.core.routing.entity.InvalidMarkingException;
import org.amicus.core.routing.entity.Marking;
import org.amicus.core.routing.entity.PermittedUse;
import org.amicus.core.routing.entity.TlpLevel;
import org.junit.jupiter.api.Test;

/** The marking as people send it and as it travels inside the envelope. */
class MarkingJsonTest {

    private static final OrgId B = new OrgId(new UUID(1, 2));
    private static final OrgId C = new OrgId(new UUID(1, 3));
    private static final CoalitionId X = new CoalitionId(new UUID(2, 1));
    private static final CoalitionId Y = new CoalitionId(new UUID(2, 2));

    @Test
    void everyKindOfMarkingReadsBackAsItWasAndAlwaysAsTheSameText() {
        Marking[] markings = {
            Marking.green(),
            new Marking(TlpLevel.CLEAR, Distribution.federation(), Set.of(), Conditions.NONE),
            new Marking(
                    TlpLevel.AMBER,
                    new Distribution.Coalitions(Set.of(Y, X)),
                    Set.of(new PersonRef(B, new PersonId(new UUID(3, 1)))),
                    new Conditions(
                            true,
                            PermittedUse.LEAD_ONLY,
                            Optional.of(Instant.parse("2027-01-01T00:00:00Z")),
                            Optional.of(Instant.parse("2027-06-30T12:00:00Z")))),
            new Marking(
                    TlpLevel.AMBER_STRICT,
                    new Distribution.NamedOrganisations(Set.of(C, B)),
                    Set.of(),
                    new Conditions(false, PermittedUse.BACKGROUND_ONLY, Optional.empty(), Optional.empty())),
            new Marking(
                    TlpLevel.RED,
                    Distribution.organisations(B),
                    Set.of(new PersonRef(B, new PersonId(new UUID(3, 2)))),
                    Conditions.NONE),
            new Marking(TlpLevel.AMBER, Distribution.ownOrganisation(), Set.of(), Conditions.NONE)
        };
        for (Marking m : markings) {
            String text = MarkingJson.toText(m);
            assertEquals(m, MarkingJson.parse(text), text);
            assertEquals(text, MarkingJson.toText(MarkingJson.parse(text)), "canonical");
        }
        assertTrue(MarkingJson.toText(markings[3]).contains("\"tlp\":\"AMBER+STRICT\""));
    }

    @Test
    void aMarkingThatIsMalformedOrContradictsItselfIsRefusedWithTheReason() {
        String[][] cases = {
            {"{}", "TLP level"},
            {"{\"tlp\":\"PURPLE\",\"distribution\":\"federation\"}", "unknown TLP level"},
            {"{\"tlp\":\"GREEN\"}", "needs a distribution"},
            {"{\"tlp\":\"GREEN\",\"distribution\":\"everyone\"}", "unknown distribution"},
            {"{\"tlp\":\"AMBER\",\"distribution\":\"federation\"}", "cannot go to every organisation"},
            {"{\"tlp\":\"RED\",\"distribution\":\"organisations\",\"organisations\":[\"" + B + "\"]}", "named persons"},
            {"{\"tlp\":\"GREEN\",\"distribution\":\"coalitions\"}", "names at least one"},
            {"{\"tlp\":\"GREEN\",\"distribution\":\"coalitions\",\"coalitions\":[\"nope\"]}", "coalitions:"},
            {"{\"tlp\":\"GREEN\",\"distribution\":\"federation\",\"coalitions\":[\"" + X + "\"]}", "only for"},
            {"{\"tlp\":\"GREEN\",\"distribution\":\"federation\",\"use\":\"gossip\"}", "permitted use"},
            {"{\"tlp\":\"GREEN\",\"distribution\":\"federation\",\"expires\":\"tomorrow\"}", "UTC time"},
            {"{\"tlp\":\"GREEN\",\"distribution\":\"federation\",\"originatorControl\":\"yes\"}", "true or false"},
            {
                "{\"tlp\":\"GREEN\",\"distribution\":\"federation\",\"embargoUntil\":\"2027-02-01T00:00:00Z\","
                        + "\"expires\":\"2027-01-01T00:00:00Z\"}",
                "embargo"
            },
            {"[1]", "JSON object"},
            {"{\"tlp\":1,\"distribution\":\"federation\"}", "tlp is a string"}
        };
        for (String[] c : cases) {
            InvalidMarkingException e =
                    assertThrows(InvalidMarkingException.class, () -> MarkingJson.parse(c[0]), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
        }
    }
}
