package org.amicus.messaging.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoopbackPortsTest {

    @Test
    void aRangeIsFirstDashLast() {
        assertArrayEquals(new int[] {20000, 25999}, LoopbackPorts.parseRange("20000-25999"));
        assertArrayEquals(new int[] {26000, 31999}, LoopbackPorts.parseRange(" 26000 - 31999 "));
    }

    @Test
    void aRangeThatIsMalformedTooSmallOrOutsideTheUnprivilegedNonEphemeralPortsIsRefusedSayingWhy() {
        for (String bad : new String[] {
            "", "20000", "abc-def", "20000-", "-1-2000", "20000-20010", "80-2000", "30000-40000", "25999-20000"
        }) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> LoopbackPorts.parseRange(bad), bad);
            assertTrue(e.getMessage().contains(LoopbackPorts.RANGE_PROPERTY), e.getMessage());
            assertTrue(e.getMessage().contains("first-last"), e.getMessage());
        }
    }

    @Test
    void portsAreHandedOutOnceAndAreFree() {
        int a = LoopbackPorts.free();
        int b = LoopbackPorts.free();
        assertTrue(a != b && a >= 1024 && b >= 1024, a + ", " + b);
    }
}
