package io.slipway.agent.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Who the agent runs as: only root may change owners or run scripts as another user. */
public record RunningUser(String name, boolean root) {
    public static RunningUser current() {
        String name = System.getProperty("user.name", "");
        try {
            // /proc/self belongs to the process's effective user.
            return new RunningUser(name, ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return new RunningUser(name, name.equals("root"));
        }
    }
}
