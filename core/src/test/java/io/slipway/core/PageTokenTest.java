package io.slipway.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PageTokenTest {

    @Test
    void roundTripsTheLastKeyOfItsOwnList() {
        String token = PageToken.encode("applications", "app/with\nodd chars");
        assertThat(PageToken.decode("applications", token)).hasValue("app/with\nodd chars");
    }

    @Test
    void refusesTokensOfOtherListsAndGarbage() {
        String token = PageToken.encode("applications", "a");
        assertThat(PageToken.decode("deployment-configs", token)).isEmpty();
        assertThat(PageToken.decode("applications", "not base64 !")).isEmpty();
        assertThat(PageToken.decode("applications", "")).isEmpty();
    }
}
