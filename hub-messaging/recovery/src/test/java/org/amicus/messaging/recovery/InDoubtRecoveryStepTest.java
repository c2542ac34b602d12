package org.amicus.messaging.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.amicus.messaging.broker.BrokerSettings;
import org.junit.jupiter.api.Test;

class InDoubtRecoveryStepTest {

    @Test
    void theStepAsksTheAddressTheBrokerWatches() {
        assertEquals(BrokerSettings.RECOVER_IN_DOUBT_ADDRESS, InDoubtRecoveryStep.RECOVER_IN_DOUBT_ADDRESS);
    }
}
