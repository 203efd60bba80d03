package io.slipway.app.resources;

import io.slipway.app.InProcessServices;
import io.slipway.cloudformation.resource.ResourceProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Fresh services for each test, and the provider of the type under test. */
abstract class ProviderTest {
    @TempDir
    Path dir;
    InProcessServices services;
    ResourceProvider provider;

    /** The resource type whose provider the test exercises. */
    abstract String type();

    @BeforeEach
    void startServices() {
        services = new InProcessServices(dir);
        provider = services.provider(type());
    }

    @AfterEach
    void stopServices() {
        services.close();
    }
}
