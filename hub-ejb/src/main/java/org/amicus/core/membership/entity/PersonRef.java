package org.amicus.core.membership.entity;

import java.util.Objects;

/** A person named in a marking: the organisation that vouches for them and their account there. */
public record PersonRef(OrgId organisation, PersonId person) {

    public PersonRef {
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(person, "person");
    }
}
