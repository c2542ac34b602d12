package org.amicus.core.submission.control;

/**
 * A chunk received and encrypted to a spool file, not yet part of its evidence file: committed with
 * {@link EvidenceStore#commit} or thrown away with {@link EvidenceStore#discard}.
 *
 * @param token the store's handle on the spool
 * @param plainBytes the chunk's size
 * @param segments the segments it was encrypted into
 * @param storedBytes its size on disk
 */
public record Spool(Object token, long plainBytes, long segments, long storedBytes) {}
