package org.amicus.web.submission;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.amicus.core.submission.boundary.CustodyReport;

/**
 * The custody report as a document a person reads (and prints for a court): per file its SHA-256 and size, then each
 * record in order: what happened, when, by which organisation and key, and whether this node verified it; the exact
 * signed texts, signatures and certificates are in the JSON form, which is what is checked.
 */
final class CustodyReportText {

    private CustodyReportText() {}

    static String of(CustodyReport r) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("CHAIN OF CUSTODY REPORT\n");
        sb.append("Submission:   ").append(r.submission()).append('\n');
        sb.append("Submitted by: organisation ").append(r.submitter()).append('\n');
        sb.append("Submitted to: organisation ").append(r.recipient()).append('\n');
        sb.append("Exported:     ").append(r.exportedAt()).append('\n');
        sb.append("Result:       ")
                .append(
                        r.intact()
                                ? "every record of every file verified against its signer's key"
                                : "NOT every record verified here: see each record's check")
                .append("\n\n");
        for (CustodyReport.FileChain f : r.files()) {
            sb.append("File ").append(f.file()).append('\n');
            sb.append("  SHA-256: ").append(f.sha256()).append('\n');
            sb.append("  Size:    ").append(f.size()).append(" bytes\n");
            for (CustodyReport.Entry e : f.records()) {
                JsonObject o;
                try (var reader = Json.createReader(new StringReader(e.record()))) {
                    o = reader.readObject();
                }
                sb.append("  ")
                        .append(o.getInt("seq"))
                        .append(". ")
                        .append(o.getString("at"))
                        .append("  ")
                        .append(o.getString("event"))
                        .append(" by organisation ")
                        .append(o.getString("organisation"))
                        .append('\n');
                sb.append("     key ")
                        .append(e.signer())
                        .append(": ")
                        .append(e.check())
                        .append('\n');
                if (o.containsKey("statement")) {
                    JsonObject st = o.getJsonObject("statement");
                    sb.append("     stated: collected by ")
                            .append(st.getString("collectedBy"))
                            .append(", ")
                            .append(st.getString("collectedAt"))
                            .append(", at ")
                            .append(st.getString("collectedWhere"))
                            .append('\n');
                    sb.append("     original file: ")
                            .append(st.getString("originalName"))
                            .append(" (")
                            .append(st.getString("mediaType"))
                            .append(")\n");
                    if (!st.getString("notes").isEmpty()) {
                        sb.append("     notes: ").append(st.getString("notes")).append('\n');
                    }
                }
            }
            sb.append('\n');
        }
        sb.append(
                "To check without Amicus: import the certificates of the JSON form into GnuPG and verify each record's"
                        + " signature (docs/submissions.md, \"Checking a custody report\").\n");
        return sb.toString();
    }
}
