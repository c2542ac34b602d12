package org.amicus.web.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.amicus.core.identity.boundary.KeyNotFoundException;
import org.amicus.core.identity.control.InvalidCertificateException;
import org.amicus.core.identity.entity.FingerprintMismatchException;
import org.amicus.core.identity.entity.IllegalTrustChangeException;

/** Problem details for the key directory (docs/api/problems.md). */
public final class KeyDirectoryMappers {

    private KeyDirectoryMappers() {}

    @Provider
    public static class InvalidCertificate implements ExceptionMapper<InvalidCertificateException> {
        @Override
        public Response toResponse(InvalidCertificateException e) {
            String type = switch (e.reason()) {
                case UNREADABLE -> "certificate-unreadable";
                case SECRET_KEY -> "certificate-is-secret-key";
                case TOO_LARGE -> "certificate-too-large";
                case NO_ENCRYPTION_SUBKEY -> "certificate-without-encryption-subkey";
                case EXPIRED -> "certificate-expired";
                case REVOKED -> "certificate-revoked";
                case OWN_KEY -> "certificate-is-own-key";
                case UNKNOWN_KEY -> "revocation-for-unknown-key";
            };
            int status = e.reason() == InvalidCertificateException.Reason.TOO_LARGE
                    ? Response.Status.REQUEST_ENTITY_TOO_LARGE.getStatusCode()
                    : Problem.UNPROCESSABLE;
            return Problem.of(type, "Certificate not imported", status, e.getMessage() + "; nothing was stored")
                    .toResponse();
        }
    }

    @Provider
    public static class KeyNotFound implements ExceptionMapper<KeyNotFoundException> {
        @Override
        public Response toResponse(KeyNotFoundException e) {
            return Problem.of("key-not-found", "No such key", Response.Status.NOT_FOUND, e.getMessage())
                    .toResponse();
        }
    }

    @Provider
    public static class FingerprintMismatch implements ExceptionMapper<FingerprintMismatchException> {
        @Override
        public Response toResponse(FingerprintMismatchException e) {
            return Problem.of("fingerprint-mismatch", "Fingerprints differ", Problem.UNPROCESSABLE, e.getMessage())
                    .toResponse();
        }
    }

    @Provider
    public static class IllegalTrustChange implements ExceptionMapper<IllegalTrustChangeException> {
        @Override
        public Response toResponse(IllegalTrustChangeException e) {
            return Problem.of(
                            "illegal-trust-change",
                            "Not possible in this state",
                            Response.Status.CONFLICT,
                            e.getMessage())
                    .toResponse();
        }
    }
}
