package io.slipway.agent;

import io.slipway.agent.client.CommandServiceClient;
import io.slipway.agent.client.CommandServiceException;
import io.slipway.agent.client.HostCommand;
import io.slipway.agent.client.S3BundleClient;
import io.slipway.agent.client.TrustedCertificates;
import io.slipway.agent.client.SpecificationEnvelope;
import io.slipway.agent.host.CommandExecutor;
import io.slipway.agent.host.CommandFailure;
import io.slipway.agent.host.CommandResult;
import io.slipway.agent.host.HostLayout;
import io.slipway.agent.host.InProgressTracker;
import io.slipway.agent.host.RunningUser;
import io.slipway.agent.spec.DeploymentSpecification;
import io.slipway.agent.spec.SpecificationException;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The CodeDeploy agent of one host: polls the command service for the host's commands and runs
 * them one at a time (PollHostCommand, GetDeploymentSpecification, PutHostCommandAcknowledgement,
 * the command, PutHostCommandComplete). A service that cannot be reached or answers with an error
 * is tried again after a growing delay; the poll loop never gives up.
 *
 * <p>Use {@link #start()} to poll on a virtual thread until {@link #close()}, or {@link #pollOnce()}
 * to step it from the calling thread. A command that was running when a previous agent on the same
 * root died is reported as failed before the first poll.
 */
public final class HostAgent implements AutoCloseable {
    static final String RESTART_MESSAGE = "Failing in-progress lifecycle event after an agent restart.";
    private static final System.Logger LOG = System.getLogger(HostAgent.class.getName());
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final AgentSettings settings;
    private final HttpClient http;
    private final boolean ownsHttp;
    private final CommandServiceClient service;
    private final CommandExecutor executor;
    private final InProgressTracker tracker;
    private final AtomicLong completed = new AtomicLong();
    private volatile Thread loop;
    private volatile boolean closed;
    private boolean recovered;

    public HostAgent(AgentSettings settings) {
        this(settings, newHttpClient(settings), true);
    }

    HostAgent(AgentSettings settings, HttpClient http, boolean ownsHttp) {
        this.settings = settings;
        this.http = http;
        this.ownsHttp = ownsHttp;
        this.service = new CommandServiceClient(http, settings.endpoint(), settings.credentials(), settings.region(), settings.clock());
        HostLayout layout = new HostLayout(settings.root());
        this.executor = new CommandExecutor(layout, new S3BundleClient(http, settings.endpoint(), settings.credentials(),
                settings.region(), settings.clock()), settings.clock(), RunningUser.current());
        this.tracker = new InProgressTracker(layout.inProgressDir(), settings.clock());
    }

    /** An HTTP/1.1 client fit for long polls, trusting the settings' CA bundle if any; a fleet shares one. */
    static HttpClient newHttpClient(AgentSettings settings) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10));
        settings.caBundle().ifPresent(pem -> builder.sslContext(TrustedCertificates.from(pem)));
        return builder.build();
    }

    public String hostIdentifier() {
        return settings.hostIdentifier();
    }

    /** The host's root directory: the deployment-root tree and the installed files are below it. */
    public Path root() {
        return settings.root();
    }

    /** How many commands this agent has run and reported since it was made. */
    public long commandsCompleted() {
        return completed.get();
    }

    /** Starts polling on a virtual thread of its own; returns this agent. */
    public synchronized HostAgent start() {
        if (closed || loop != null) {
            throw new IllegalStateException("The agent of " + hostIdentifier() + " was already started or closed");
        }
        loop = Thread.ofVirtual().name("slipway-agent-" + hostIdentifier()).start(() -> {
            try {
                while (!closed) {
                    try {
                        step();
                    } catch (RuntimeException e) {
                        // A bug in handling one command must not end the host's polling.
                        LOG.log(Level.ERROR, "[" + hostIdentifier() + "] unexpected failure; polling on", e);
                        Thread.sleep(settings.retryDelay());
                    }
                }
            } catch (InterruptedException e) {
                LOG.log(Level.DEBUG, "[{0}] stopped", hostIdentifier());
            }
        });
        LOG.log(Level.INFO, "[{0}] polling {1} for commands; root {2}", hostIdentifier(), settings.endpoint(), settings.root());
        return this;
    }

    /**
     * One long poll from the calling thread, and the command it brings run to completion. Retries a
     * service that cannot be reached until it answers. Returns whether there was a command.
     *
     * @throws CredentialsRefusedException when the service refuses the agent's credentials
     */
    public boolean pollOnce() throws InterruptedException {
        synchronized (this) {
            if (loop != null || closed) {
                throw new IllegalStateException("The agent of " + hostIdentifier() + " is polling on its own or closed");
            }
        }
        return step();
    }

    /** Stops polling; a script still running is killed, and reported as failed by the next agent on this root. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = loop;
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(CLOSE_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (ownsHttp) {
            http.shutdownNow();
        }
    }

    private boolean step() throws InterruptedException {
        recoverFromRestart();
        Optional<HostCommand> command;
        try {
            command = retrying("PollHostCommand", () -> service.pollHostCommand(hostIdentifier()), true);
        } catch (CommandServiceException e) {
            throw new IllegalStateException(e); // unreachable: polling retries every error
        }
        if (command.isEmpty()) {
            return false;
        }
        handle(command.get());
        return true;
    }

    private void handle(HostCommand command) throws InterruptedException {
        String id = command.hostCommandIdentifier();
        LOG.log(Level.INFO, "[{0}] {1} ({2})", hostIdentifier(), command.commandName(), id);
        DeploymentSpecification spec;
        try {
            SpecificationEnvelope envelope = retrying("GetDeploymentSpecification",
                    () -> service.getDeploymentSpecification(command.deploymentExecutionId(), hostIdentifier()), false);
            if (!envelope.deploymentSystem().equals("CodeDeploy")) {
                throw new SpecificationException("Deployment System mismatch: CodeDeploy != " + envelope.deploymentSystem());
            }
            spec = DeploymentSpecification.parse(envelope.format(), envelope.payload());
        } catch (CommandServiceException | SpecificationException e) {
            complete(id, CommandResult.failed(CommandFailure.unknown(e.getMessage()), ""));
            return;
        }
        boolean noop = executor.isNoop(command.commandName(), spec);
        String status;
        try {
            status = retrying("PutHostCommandAcknowledgement", () -> service.putHostCommandAcknowledgement(id, noop), false);
        } catch (CommandServiceException e) {
            LOG.log(Level.WARNING, "[{0}] not running {1}: {2}", hostIdentifier(), id, e.getMessage());
            return;
        }
        if (status.equals("Succeeded") || status.equals("Failed")) {
            LOG.log(Level.INFO, "[{0}] {1} is already {2}: not running it", hostIdentifier(), id, status);
            return;
        }
        CommandResult result;
        try {
            tracker.begin(spec.deploymentId(), id);
            result = executor.execute(command.commandName(), spec);
        } catch (IOException e) {
            result = CommandResult.failed(CommandFailure.unknown("Cannot note the command in progress: " + e.getMessage()), "");
        }
        complete(id, result);
        try {
            tracker.end(spec.deploymentId());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "[{0}] cannot remove the in-progress note of {1}: {2}", hostIdentifier(), id, e.getMessage());
        }
    }

    private void complete(String id, CommandResult result) throws InterruptedException {
        if (!result.succeeded()) {
            LOG.log(Level.WARNING, "[{0}] {1} failed: {2}", hostIdentifier(), id, result.message());
        }
        try {
            retrying("PutHostCommandComplete", () -> {
                service.putHostCommandComplete(id, result.commandStatus(), result.diagnosticsPayload());
                return null;
            }, false);
            completed.incrementAndGet();
        } catch (CommandServiceException e) {
            LOG.log(Level.ERROR, "[{0}] the service refused the outcome of {1}: {2}", hostIdentifier(), id, e.getMessage());
        }
    }

    private void recoverFromRestart() throws InterruptedException {
        if (recovered) {
            return;
        }
        try {
            List<String> unfinished = tracker.unfinished();
            for (String id : unfinished) {
                LOG.log(Level.WARNING, "[{0}] {1} was running when the agent stopped: failing it", hostIdentifier(), id);
                complete(id, CommandResult.failed(CommandFailure.unknown(RESTART_MESSAGE), ""));
            }
            tracker.clear();
        } catch (IOException e) {
            LOG.log(Level.ERROR, "[{0}] cannot read the in-progress notes: {1}", hostIdentifier(), e.getMessage());
        }
        recovered = true;
    }

    @FunctionalInterface
    private interface ServiceCall<T> {
        T call() throws IOException, CommandServiceException, InterruptedException;
    }

    /**
     * Calls until the service answers. Transport errors and server faults are always tried again;
     * client errors only when {@code everyError} (polling must go on whatever happens).
     */
    private <T> T retrying(String operation, ServiceCall<T> call, boolean everyError) throws InterruptedException, CommandServiceException {
        Duration delay = settings.retryDelay();
        while (true) {
            if (closed && Thread.currentThread() == loop) {
                throw new InterruptedException("closed");
            }
            try {
                return call.call();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "[{0}] {1} failed: {2}; trying again in {3} ms", hostIdentifier(), operation, describe(e), String.valueOf(delay.toMillis()));
            } catch (CommandServiceException e) {
                if (!everyError && !e.retryable()) {
                    throw e;
                }
                if (e.credentialsRefused()) {
                    delay = refused(operation, e);
                } else {
                    LOG.log(Level.WARNING, "[{0}] {1} failed: {2}; trying again in {3} ms", hostIdentifier(), operation, e.getMessage(), String.valueOf(delay.toMillis()));
                }
            }
            Thread.sleep(delay);
            delay = delay.multipliedBy(2).compareTo(settings.maxRetryDelay()) > 0 ? settings.maxRetryDelay() : delay.multipliedBy(2);
        }
    }

    /**
     * A poll refused for the agent's credentials: said at ERROR with what to change, then tried
     * again only after the longest delay (a server-side fix, such as a new key, is what helps; other
     * keys need a restart). A single poll from the caller's thread gives up instead.
     */
    private Duration refused(String operation, CommandServiceException e) {
        String message = "[" + hostIdentifier() + "] " + operation + " refused the agent's credentials ("
                + settings.credentials().accessKeyId() + "): " + e.getMessage() + ". Give the agent the access keys of the "
                + "IAM user (or the session credentials of the IAM session) the instance was registered with, in "
                + "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN)";
        if (Thread.currentThread() != loop) {
            LOG.log(Level.ERROR, message);
            throw new CredentialsRefusedException(message);
        }
        LOG.log(Level.ERROR, message + "; trying again in " + settings.maxRetryDelay().toMillis() + " ms");
        return settings.maxRetryDelay();
    }

    private static String describe(IOException e) {
        return e.getMessage() == null || e.getMessage().isEmpty() ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
