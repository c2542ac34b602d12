package org.amicus.core.submission.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * One link of a file's chain of custody: the exact canonical record (sealed here under the content key: it names who
 * collected the file and where), the detached OpenPGP signature over it by the organisation that made it, and that
 * organisation's key fingerprint. Records are never changed; each names the SHA-256 of the one before.
 */
@Entity
@Table(name = "custody_record")
public class CustodyRecord {

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "item_id", length = 36, nullable = false, updatable = false)
    private String itemId;

    @Column(name = "seq", nullable = false, updatable = false)
    private int seq;

    @Column(name = "record", nullable = false, updatable = false)
    private byte[] record;

    @Column(name = "signature", nullable = false, updatable = false)
    private byte[] signature;

    @Column(name = "signer", length = 40, nullable = false, updatable = false)
    private String signer;

    protected CustodyRecord() {}

    public CustodyRecord(UUID item, int seq, byte[] sealedRecord, byte[] signature, String signer) {
        this.id = UUID.randomUUID().toString();
        this.itemId = item.toString();
        this.seq = seq;
        this.record = sealedRecord.clone();
        this.signature = signature.clone();
        this.signer = signer;
    }

    public UUID item() {
        return UUID.fromString(itemId);
    }

    public int seq() {
        return seq;
    }

    public byte[] sealedRecord() {
        return record.clone();
    }

    public byte[] signature() {
        return signature.clone();
    }

    public String signer() {
        return signer;
    }
}
