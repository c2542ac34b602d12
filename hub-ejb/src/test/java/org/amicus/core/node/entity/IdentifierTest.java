package org.amicus.core.node.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifierTest {

    @ParameterizedTest
    @ValueSource(strings = {"3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b", "3F2B8C1E-5D4A-4E6F-9A7B-1C2D3E4F5A6B"})
    void canonicalUuidsParseToTheirLowerCaseForm(String text) {
        assertEquals("3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b", PingId.parse(text).toString());
        assertEquals("3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b", NodeId.parse(text).toString());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(
            strings = {
                "",
                "xyz",
                "1-2-3-4-5",
                "3f2b8c1e5d4a4e6f9a7b1c2d3e4f5a6b",
                " 3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b"
            })
    void anythingElseIsRefusedWithAnExplanation(String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> PingId.parse(text));
        assertEquals(true, e.getMessage().startsWith("ping id"));
    }
}
