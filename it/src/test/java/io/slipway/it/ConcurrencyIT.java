package io.slipway.it;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ConcurrencyContract} on the embedded store in its file mode, as {@code ./slipway server} runs it. */
class ConcurrencyIT extends ConcurrencyContract {
    @RegisterExtension
    static final SlipwayServer slipway = SlipwayServer.withDataDirectory();

    @Override
    String endpoint() {
        return slipway.endpoint();
    }
}
