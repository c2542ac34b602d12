package org.amicus.web.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.amicus.core.federation.boundary.DeadLetterNotFoundException;
import org.amicus.core.federation.boundary.PeerCardRefusedException;
import org.amicus.core.federation.boundary.PeerNotFoundException;
import org.amicus.core.federation.boundary.UnknownRecipientException;
import org.amicus.core.federation.control.BundleRefusedException;
import org.amicus.core.federation.entity.IllegalPeerChangeException;
import org.amicus.messaging.federation.FederationUnavailableException;

/** Problem details for federation (docs/api/problems.md). */
public final class FederationMappers {

    private FederationMappers() {}

    @Provider
    public static class CardRefused implements ExceptionMapper<PeerCardRefusedException> {
        @Override
        public Response toResponse(PeerCardRefusedException e) {
            return Problem.of(
                            "peering-card-refused",
                            "Peering card refused",
                            Problem.UNPROCESSABLE,
                            e.getMessage() + "; nothing was stored")
                    .toResponse();
        }
    }

    @Provider
    public static class PeerNotFound implements ExceptionMapper<PeerNotFoundException> {
        @Override
        public Response toResponse(PeerNotFoundException e) {
            return Problem.of("peer-not-found", "No such peer", Response.Status.NOT_FOUND, e.getMessage())
                    .toResponse();
        }
    }

    @Provider
    public static class DeadLetterNotFound implements ExceptionMapper<DeadLetterNotFoundException> {
        @Override
        public Response toResponse(DeadLetterNotFoundException e) {
            return Problem.of("dead-letter-not-found", "No such dead letter", Response.Status.NOT_FOUND, e.getMessage())
                    .toResponse();
        }
    }

    @Provider
    public static class IllegalPeerChange implements ExceptionMapper<IllegalPeerChangeException> {
        @Override
        public Response toResponse(IllegalPeerChangeException e) {
            return Problem.of(
                            "illegal-peer-change",
                            "Not possible in the peer's state",
                            Response.Status.CONFLICT,
                            e.getMessage())
                    .toResponse();
        }
    }

    @Provider
    public static class UnknownRecipient implements ExceptionMapper<UnknownRecipientException> {
        @Override
        public Response toResponse(UnknownRecipientException e) {
            return Problem.of("unknown-recipient", "Recipient not reachable", Problem.UNPROCESSABLE, e.getMessage())
                    .toResponse();
        }
    }

    @Provider
    public static class BundleRefused implements ExceptionMapper<BundleRefusedException> {
        @Override
        public Response toResponse(BundleRefusedException e) {
            int status = switch (e.kind()) {
                case "bundle-replayed" -> 409;
                case "bundle-too-large" -> 413;
                default -> Problem.UNPROCESSABLE;
            };
            String detail = e.getMessage()
                    + (e.kind().equals("bundle-replayed") ? "" : "; nothing of the bundle was delivered");
            return Problem.of(e.kind(), "Bundle not imported", status, detail).toResponse();
        }
    }

    @Provider
    public static class StartUnknown
            implements ExceptionMapper<org.amicus.core.federation.control.WaitingStartUnknownException> {
        @Override
        public Response toResponse(org.amicus.core.federation.control.WaitingStartUnknownException e) {
            return Problem.of("bundle-start-not-waiting", "Bundle not written", 409, e.getMessage())
                    .toResponse();
        }
    }

    @Provider
    public static class Unavailable implements ExceptionMapper<FederationUnavailableException> {
        @Override
        public Response toResponse(FederationUnavailableException e) {
            return Problem.of(
                            "federation-unavailable",
                            "Federation unavailable",
                            Response.Status.SERVICE_UNAVAILABLE,
                            e.getMessage())
                    .toResponse();
        }
    }
}
