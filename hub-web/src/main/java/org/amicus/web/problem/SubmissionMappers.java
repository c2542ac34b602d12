package org.amicus.web.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.amicus.core.submission.boundary.ChunkIncompleteException;
import org.amicus.core.submission.boundary.InvalidUploadException;
import org.amicus.core.submission.boundary.UploadHashMismatchException;
import org.amicus.core.submission.boundary.UploadNotFoundException;
import org.amicus.core.submission.boundary.UploadOffsetMismatchException;
import org.amicus.core.submission.boundary.UploadStateException;
import org.amicus.core.submission.control.ChunkTooLargeException;

/** Problem details for evidence uploads and submissions (docs/api/problems.md). */
public final class SubmissionMappers {

    private SubmissionMappers() {}

    @Provider
    public static class NotFound implements ExceptionMapper<UploadNotFoundException> {
        @Override
        public Response toResponse(UploadNotFoundException e) {
            return Problem.of("upload-not-found", "No such upload", Response.Status.NOT_FOUND, e.getMessage())
                    .toResponse();
        }
    }

    @Provider
    public static class OffsetMismatch implements ExceptionMapper<UploadOffsetMismatchException> {
        @Override
        public Response toResponse(UploadOffsetMismatchException e) {
            return Problem.of(
                            "upload-offset-mismatch",
                            "Not the chunk the upload waits for",
                            Response.Status.CONFLICT,
                            e.getMessage() + "; nothing of this one was kept")
                    .toResponse();
        }
    }

    @Provider
    public static class State implements ExceptionMapper<UploadStateException> {
        @Override
        public Response toResponse(UploadStateException e) {
            return Problem.of(
                            "upload-state",
                            "Not possible in the upload's state",
                            Response.Status.CONFLICT,
                            e.getMessage())
                    .toResponse();
        }
    }

    @Provider
    public static class HashMismatch implements ExceptionMapper<UploadHashMismatchException> {
        @Override
        public Response toResponse(UploadHashMismatchException e) {
            return Problem.of("upload-hash-mismatch", "Not the file announced", Problem.UNPROCESSABLE, e.getMessage())
                    .toResponse();
        }
    }

    @Provider
    public static class Incomplete implements ExceptionMapper<ChunkIncompleteException> {
        @Override
        public Response toResponse(ChunkIncompleteException e) {
            return Problem.of(
                            "chunk-incomplete",
                            "The chunk did not arrive whole",
                            Response.Status.BAD_REQUEST,
                            e.getMessage())
                    .toResponse();
        }
    }

    @Provider
    public static class TooLarge implements ExceptionMapper<ChunkTooLargeException> {
        @Override
        public Response toResponse(ChunkTooLargeException e) {
            return Problem.of(
                            "chunk-too-large",
                            "The chunk is too large",
                            Response.Status.REQUEST_ENTITY_TOO_LARGE,
                            e.getMessage() + "; nothing of it was kept")
                    .toResponse();
        }
    }

    @Provider
    public static class Invalid implements ExceptionMapper<InvalidUploadException> {
        @Override
        public Response toResponse(InvalidUploadException e) {
            return Problem.of(
                            "invalid-upload",
                            "The upload cannot be announced so",
                            Problem.UNPROCESSABLE,
                            e.getMessage() + "; nothing was stored")
                    .toResponse();
        }
    }

    @Provider
    public static class SubmissionNotFound
            implements ExceptionMapper<org.amicus.core.submission.boundary.SubmissionNotFoundException> {
        @Override
        public Response toResponse(org.amicus.core.submission.boundary.SubmissionNotFoundException e) {
            return Problem.of("submission-not-found", "No such submission", Response.Status.NOT_FOUND, e.getMessage())
                    .toResponse();
        }
    }

    @Provider
    public static class InvalidSubmission
            implements ExceptionMapper<org.amicus.core.submission.boundary.InvalidSubmissionException> {
        @Override
        public Response toResponse(org.amicus.core.submission.boundary.InvalidSubmissionException e) {
            return Problem.of(
                            "invalid-submission",
                            "The submission or item is incomplete or impossible",
                            Problem.UNPROCESSABLE,
                            e.getMessage() + "; nothing was stored")
                    .toResponse();
        }
    }

    @Provider
    public static class SubmissionState
            implements ExceptionMapper<org.amicus.core.submission.boundary.SubmissionStateException> {
        @Override
        public Response toResponse(org.amicus.core.submission.boundary.SubmissionStateException e) {
            return Problem.of(
                            "submission-state",
                            "Not possible in the submission's state",
                            Response.Status.CONFLICT,
                            e.getMessage())
                    .toResponse();
        }
    }

    @Provider
    public static class WorkingCopyUnavailable
            implements ExceptionMapper<org.amicus.core.submission.boundary.WorkingCopyUnavailableException> {
        @Override
        public Response toResponse(org.amicus.core.submission.boundary.WorkingCopyUnavailableException e) {
            return Problem.of(
                            "working-copy-unavailable",
                            "No working copy can be made of this file",
                            Problem.UNPROCESSABLE,
                            e.getMessage())
                    .toResponse();
        }
    }
}
