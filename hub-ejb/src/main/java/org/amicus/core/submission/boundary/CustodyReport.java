package org.amicus.core.submission.boundary;

import java.util.List;

/**
 * The chain of custody of a submission's files as one node holds it, for a court: per file its SHA-256 and size and
 * the signed records in order, each the exact canonical text that was signed, its detached OpenPGP signature
 * (base64) and the signer's key fingerprint, and whether this node verified it (signature and link to the record
 * before). Anyone holding the organisations' public keys can check every record again without Amicus
 * (docs/submissions.md, "Checking a custody report").
 */
public record CustodyReport(String submission, String submitter, String recipient, List<FileChain> files) {

    public record FileChain(String file, String sha256, long size, List<Entry> records) {}

    public record Entry(String record, String signature, String signer, boolean verified) {}
}
