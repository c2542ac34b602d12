package org.amicus.core.membership.boundary;

import java.time.Instant;
import org.amicus.core.membership.entity.Caller;

/** The outcome of signing in: a fresh session, or a refusal that says nothing about which part was wrong. */
public sealed interface SignIn {

    /** {@code token} is shown once, to the person who signed in; the node keeps only its hash. */
    record SignedIn(String token, Caller caller, Instant expiresAt) implements SignIn {
        @Override
        public String toString() {
            return "SignedIn[" + caller.principal() + "]"; // never the token
        }
    }

    record Refused() implements SignIn {}
}
