package org.amicus.core.cooperation.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.UUID;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.membership.entity.PersonId;
import org.amicus.core.membership.entity.PersonRef;
import org.amicus.core.routing.entity.Conditions;
import org.amicus.core.routing.entity.Distribution;
import org.amicus.core.routing.entity.Marking;
import org.amicus.core.routing.entity.TlpLevel;
import org.junit.jupiter.api.Test;

/** How each step of a request is marked: for exactly the other side, never wider than the request. */
class StepMarkingTest {

    private final OrgId mechanism = new OrgId(UUID.randomUUID());
    private final OrgId cso = new OrgId(UUID.randomUUID());
    private final OrgId other = new OrgId(UUID.randomUUID());

    @Test
    void aStepGoesAtTheRequestsLevelToTheOtherSideOnly() {
        Marking request = new Marking(
                TlpLevel.AMBER, new Distribution.NamedOrganisations(Set.of(cso, other)), Set.of(), Conditions.NONE);
        Marking step = CooperationRequests.stepMarking(request, cso);
        assertEquals(TlpLevel.AMBER, step.level());
        assertEquals(new Distribution.NamedOrganisations(Set.of(cso)), step.distribution());
    }

    @Test
    void aRedRequestsStepsGoToItsNamedPersonsAndBackAsAmberStrict() {
        PersonRef investigator = new PersonRef(cso, PersonId.random());
        Marking request = new Marking(
                TlpLevel.RED, new Distribution.NamedOrganisations(Set.of(cso)), Set.of(investigator), Conditions.NONE);
        Marking toResponder = CooperationRequests.stepMarking(request, cso);
        assertEquals(TlpLevel.RED, toResponder.level());
        assertEquals(Set.of(investigator), toResponder.namedPersons());
        Marking toRequester = CooperationRequests.stepMarking(request, mechanism);
        assertEquals(TlpLevel.AMBER_STRICT, toRequester.level(), "no person of the requester was named");
        assertEquals(new Distribution.NamedOrganisations(Set.of(mechanism)), toRequester.distribution());
    }
}
