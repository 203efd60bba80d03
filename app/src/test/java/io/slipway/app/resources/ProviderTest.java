package io.slipway.app.resources;

import io.slipway.app.InProcessServices;
import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

/** Fresh services for each test, and the provider of the type under test. */
abstract class ProviderTest {
    @TempDir
    Path dir;
    InProcessServices services;
    ResourceProvider provider;
    private final String type;

    /** @param type the resource type whose provider the test exercises */
    ProviderTest(String type) {
        this.type = type;
    }

    String type() {
        return type;
    }

    @BeforeEach
    void startServices() {
        services = new InProcessServices(dir);
        provider = services.provider(type());
    }

    /** Creates the resource named {@code from} by {@code property}, then updates the template to name it {@code to}. */
    Provisioned renamed(String logicalId, String property, String from, String to) {
        Provisioned made = provider.create(InProcessServices.request(logicalId, type(), Map.of(property, from)));
        return provider.update(InProcessServices.update(logicalId, type(), Map.of(property, to), Map.of(property, from)),
                made);
    }

    @AfterEach
    void stopServices() {
        services.close();
    }
}
