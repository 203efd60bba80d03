package io.slipway.engine.invoke;

import java.util.List;

/**
 * A function run as a local process: the payload arrives on stdin and exit code 0 is success.
 * The command is a word list (no shell), so what the operator wrote is exactly what runs; use
 * {@code sh -c '...'} explicitly for pipes or variables.
 */
public record CommandTarget(List<String> command) implements FunctionTarget {

    public CommandTarget {
        command = List.copyOf(command);
        if (command.isEmpty() || command.getFirst().isBlank()) {
            throw new IllegalArgumentException("a command target needs a program to run");
        }
    }
}
