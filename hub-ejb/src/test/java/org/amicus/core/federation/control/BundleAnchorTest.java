package org.amicus.core.federation.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Where an export continues: the last entry of the bundle before, as the operator copies it from the last export. */
class BundleAnchorTest {

    private static final String ENVELOPE = "3f2b8c1e-9d4a-4f6b-8e2d-1a7c5b9e0f34";

    @Test
    void anEnvelopeOrAPartOfAFileIsAnAnchor() {
        assertEquals(ENVELOPE, BundleAnchor.parse(ENVELOPE, "after").value());
        assertEquals(
                ENVELOPE, BundleAnchor.parse(ENVELOPE.toUpperCase(), "after").value(), "the same envelope");
        assertEquals(
                ENVELOPE + "/f1", BundleAnchor.parse(ENVELOPE + "/f1", "after").value());
        assertEquals(
                ENVELOPE + "/f12/31",
                BundleAnchor.parse(ENVELOPE + "/f12/31", "after").value());
    }

    @Test
    void anythingElseIsRefusedWithWhatIsExpected() {
        for (String bad : new String[] {
            "yesterday",
            "1-2-3-4-5",
            ENVELOPE + "/",
            ENVELOPE + "/f1/0", // the first part is named without a number
            ENVELOPE + "/f1/01",
            ENVELOPE + "/F1",
            ENVELOPE + "/f1/2/3",
            ENVELOPE + "/../f1",
            ENVELOPE + "\n",
        }) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> BundleAnchor.parse(bad, "after"), bad);
            assertTrue(e.getMessage().startsWith("after must be the last entry"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new BundleAnchor(ENVELOPE.toUpperCase()));
    }
}
