package org.amicus.core.membership.boundary;

/**
 * What a new person (or one whose credentials were reset) needs to set up their authenticator app: the
 * {@code otpauth://} URI (for a QR code) and the same secret in base32 for typing. Shown once.
 */
public record Enrolment(PersonView person, String totpUri, String totpSecret) {
    @Override
    public String toString() {
        return "Enrolment[" + person.id() + "]"; // never the secret
    }
}
