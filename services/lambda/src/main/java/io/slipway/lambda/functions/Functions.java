package io.slipway.lambda.functions;

import io.slipway.core.Namespace;
import io.slipway.core.PageToken;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.DocumentStore;
import io.slipway.engine.store.DuplicateKeyException;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.Retry;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.model.lambda.CreateFunctionRequest;
import io.slipway.model.lambda.EnvironmentResponse;
import io.slipway.model.lambda.FunctionConfiguration;
import io.slipway.model.lambda.LastUpdateStatus;
import io.slipway.model.lambda.PackageType;
import io.slipway.model.lambda.State;
import io.slipway.model.lambda.StateReasonCode;
import io.slipway.model.lambda.UpdateFunctionCodeRequest;
import io.slipway.model.lambda.UpdateFunctionConfigurationRequest;
import io.slipway.model.runtime.AwsException;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static io.slipway.lambda.functions.FunctionRecords.COUNTER;
import static io.slipway.lambda.functions.FunctionRecords.FUNCTION;
import static io.slipway.lambda.functions.FunctionRecords.VERSION;
import static io.slipway.model.lambda.LambdaErrors.INVALID_PARAMETER_VALUE;
import static io.slipway.model.lambda.LambdaErrors.PRECONDITION_FAILED;
import static io.slipway.model.lambda.LambdaErrors.RESOURCE_CONFLICT;
import static io.slipway.model.lambda.LambdaErrors.RESOURCE_NOT_FOUND;

/**
 * Functions and their published versions. $LATEST is the function's own document; PublishVersion
 * freezes a copy of it under the next number. Code lives in the {@link CodeStore}, shared by
 * versions with the same CodeSha256.
 */
public final class Functions {
    public static final String LATEST = "$LATEST";
    /** AWS's format for LastModified: 2024-05-01T12:00:00.000+0000. */
    private static final DateTimeFormatter LAST_MODIFIED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);
    private final DocumentStore store;
    private final CodeStore code;
    private final PackageSource packages;
    private final SlipwayClock clock;
    private final IdGenerator ids;
    private final RuntimeCheck runtimes;
    private final RoleCheck roles;
    private final Consumer<String> codeChanged;
    private Activation activation = (tx, ns, name) -> { };

    /** Schedules a new function's move from Pending to Active, in the transaction that creates it. */
    @FunctionalInterface
    public interface Activation {
        void schedule(Tx tx, Namespace ns, String functionName);
    }

    public void onCreate(Activation schedule) {
        this.activation = schedule;
    }

    /**
     * Pending -> Active (or Failed, with the reason, when its runtime cannot run here), and the
     * version CreateFunction(Publish=true) asked for, once the function is ready.
     */
    public void activate(Tx tx, Namespace ns, String name) {
        // locked, so a PublishVersion racing this either sees the Active function or is seen among the versions below
        store.getForUpdate(tx, FUNCTION, ns, name).filter(f -> f.value().state() == State.PENDING).ifPresent(f -> {
            Optional<String> problem = runtimes.unavailable(f.value().runtime().value());
            FunctionConfiguration next = f.value().toBuilder()
                    .state(problem.isEmpty() ? State.ACTIVE : State.FAILED).stateReason(problem.orElse(null))
                    .stateReasonCode(problem.isEmpty() ? null : StateReasonCode.INVALID_RUNTIME).build();
            store.replace(tx, FUNCTION, ns, name, f, next);
            // a version published by CreateFunction(Publish=true) was Pending with it
            for (var v : store.list(tx, VERSION, ns, Optional.of(name), Optional.empty(), 10_000).items()) {
                if (v.value().state() == State.PENDING) {
                    store.replace(tx, VERSION, ns, v.id(), store.get(tx, VERSION, ns, v.id()).orElseThrow(),
                            v.value().toBuilder().state(next.state()).stateReason(next.stateReason())
                                    .stateReasonCode(next.stateReasonCode()).build());
                }
            }
        });
    }

    /**
     * @param packages    reads packages named by S3Bucket/S3Key
     * @param runtimes    says why this machine cannot run a runtime, if it cannot
     * @param roles       says why a role cannot be a function's execution role, if it cannot
     * @param codeChanged told a function's name when its code or configuration changes (warm environments go)
     */
    public Functions(DocumentStore store, CodeStore code, PackageSource packages, SlipwayClock clock, IdGenerator ids,
                     RuntimeCheck runtimes, RoleCheck roles, Consumer<String> codeChanged) {
        this.store = store;
        this.code = code;
        this.packages = packages;
        this.clock = clock;
        this.ids = ids;
        this.runtimes = runtimes;
        this.roles = roles;
        this.codeChanged = codeChanged;
    }

    /** Why a runtime cannot run here, if it cannot (no python3 on the machine, a runtime Slipway does not run). */
    @FunctionalInterface
    public interface RuntimeCheck {
        Optional<String> unavailable(String runtime);
    }

    /** Why a role cannot be the execution role of a function of an account, if it cannot. */
    @FunctionalInterface
    public interface RoleCheck {
        Optional<String> refusal(String account, String roleArn);
    }

    /** AWS's answer to a role Lambda cannot assume, which does not say why. */
    private void requireAssumable(Namespace ns, String roleArn) {
        roles.refusal(ns.account(), roleArn).ifPresent(why -> {
            throw INVALID_PARAMETER_VALUE.exception("The role defined for the function cannot be assumed by Lambda.");
        });
    }

    public FunctionConfiguration create(Namespace ns, CreateFunctionRequest in) {
        String name = plainName(in.functionName());
        if (in.packageType() == PackageType.IMAGE) {
            throw INVALID_PARAMETER_VALUE.exception("Container image functions are not supported by Slipway; use a .zip package");
        }
        if (in.runtime() == null || in.handler() == null) {
            throw INVALID_PARAMETER_VALUE.exception("Runtime and Handler are mandatory parameters for functions created with "
                    + "deployment packages.");
        }
        runtimes.unavailable(in.runtime().value()).ifPresent(why -> {
            throw INVALID_PARAMETER_VALUE.exception("The runtime parameter of " + in.runtime().value()
                    + " cannot be used here: " + why);
        });
        if (in.code() == null) {
            throw INVALID_PARAMETER_VALUE.exception("Please provide a source for function code.");
        }
        requireAssumable(ns, in.role());
        CodeStore.Package pkg = code.store(zip(ns, in.code().zipFile(), in.code().s3Bucket(), in.code().s3Key(),
                in.code().s3ObjectVersion()));
        FunctionConfiguration config = FunctionConfiguration.builder().functionName(name)
                .functionArn(FunctionName.arn(ns, name)).runtime(in.runtime()).role(in.role()).handler(in.handler())
                .codeSize(pkg.size()).description(in.description() == null ? "" : in.description())
                .timeout(in.timeout() == null ? 3 : in.timeout()).memorySize(in.memorySize() == null ? 128 : in.memorySize())
                .lastModified(LAST_MODIFIED.format(clock.now())).codeSha256(pkg.sha256()).version(LATEST)
                .environment(in.environment() == null ? null : new EnvironmentResponse(in.environment().variables(), null))
                .revisionId(ids.newId()).state(State.PENDING).stateReason("The function is being created.")
                .stateReasonCode(StateReasonCode.CREATING).lastUpdateStatus(LastUpdateStatus.SUCCESSFUL)
                .packageType(PackageType.ZIP).architectures(in.architectures() == null
                        ? List.of(io.slipway.model.lambda.Architecture.X86_64) : in.architectures())
                .ephemeralStorage(in.ephemeralStorage() == null ? new io.slipway.model.lambda.EphemeralStorage(512)
                        : in.ephemeralStorage())
                .build();
        return store.inTransaction(tx -> {
            try {
                store.insert(tx, FUNCTION, ns, name, Optional.empty(), config);
            } catch (DuplicateKeyException e) {
                throw RESOURCE_CONFLICT.exception("Function already exist: " + name);
            }
            store.insert(tx, COUNTER, ns, name, Optional.empty(), new FunctionRecords.VersionCounter(0));
            activation.schedule(tx, ns, name);
            return Boolean.TRUE.equals(in.publish()) ? publish(tx, ns, name, null, null) : config;
        });
    }

    /** The configuration of $LATEST, of a version, or of the version an alias points at. */
    public FunctionConfiguration get(Namespace ns, String functionName, String qualifier) {
        return store.inTransaction(tx -> get(tx, ns, functionName, qualifier));
    }

    FunctionConfiguration get(Tx tx, Namespace ns, String functionName, String qualifier) {
        FunctionName fn = FunctionName.parse(functionName);
        String q = qualifier != null ? qualifier : fn.qualifier().orElse(LATEST);
        Namespace where = ns; // never the ARN's: callers check that it names this namespace
        FunctionConfiguration latest = store.get(tx, FUNCTION, where, fn.name()).map(Versioned::value)
                .orElseThrow(() -> notFound(where, fn.name(), Optional.empty()));
        if (q.equals(LATEST)) {
            return latest;
        }
        if (q.matches("\\d+")) {
            return store.get(tx, VERSION, where, FunctionRecords.versionKey(fn.name(), Long.parseLong(q)))
                    .map(Versioned::value).orElseThrow(() -> notFound(where, fn.name(), Optional.of(q)));
        }
        var alias = store.get(tx, FunctionRecords.ALIAS, where, FunctionRecords.aliasKey(fn.name(), q))
                .orElseThrow(() -> notFound(where, fn.name(), Optional.of(q)));
        return get(tx, where, fn.name(), alias.value().functionVersion());
    }

    public record Page(List<FunctionConfiguration> functions, String nextMarker) {
    }

    public Page list(Namespace ns, String marker, Integer maxItems) {
        int limit = maxItems == null ? 50 : Math.min(maxItems, 50);
        Optional<String> after = marker == null ? Optional.empty() : Optional.of(PageToken.decode("functions", marker)
                .orElseThrow(() -> INVALID_PARAMETER_VALUE.exception("Invalid Marker")));
        var page = store.list(FUNCTION, ns, Optional.empty(), after, limit);
        return new Page(page.items().stream().map(DocumentStore.Keyed::value).toList(),
                page.nextAfterId().map(id -> PageToken.encode("functions", id)).orElse(null));
    }

    public FunctionConfiguration updateCode(Namespace ns, UpdateFunctionCodeRequest in) {
        CodeStore.Package pkg = code.store(zip(ns, in.zipFile(), in.s3Bucket(), in.s3Key(), in.s3ObjectVersion()));
        if (Boolean.TRUE.equals(in.dryRun())) {
            return get(ns, in.functionName(), null).toBuilder().codeSha256(pkg.sha256()).codeSize(pkg.size()).build();
        }
        FunctionConfiguration updated = update(ns, in.functionName(), in.revisionId(),
                b -> b.codeSha256(pkg.sha256()).codeSize(pkg.size()));
        return Boolean.TRUE.equals(in.publish()) ? publish(ns, updated.functionName(), null, null, null) : updated;
    }

    /** The package given inline, or read from S3; exactly one of the two. */
    private byte[] zip(Namespace ns, byte[] zipFile, String s3Bucket, String s3Key, String s3ObjectVersion) {
        if (zipFile != null && (s3Bucket != null || s3Key != null)) {
            throw INVALID_PARAMETER_VALUE.exception("Please do not provide other FunctionCode parameters when providing a "
                    + "ZipFile.");
        }
        if (zipFile != null) {
            return zipFile;
        }
        if (s3Bucket == null || s3Key == null) {
            throw INVALID_PARAMETER_VALUE.exception("Please provide a source for function code.");
        }
        return packages.read(ns, s3Bucket, s3Key, s3ObjectVersion);
    }

    public FunctionConfiguration updateConfiguration(Namespace ns, UpdateFunctionConfigurationRequest in) {
        if (in.runtime() != null) {
            runtimes.unavailable(in.runtime().value()).ifPresent(why -> {
                throw INVALID_PARAMETER_VALUE.exception("The runtime parameter of " + in.runtime().value()
                        + " cannot be used here: " + why);
            });
        }
        if (in.role() != null) {
            requireAssumable(ns, in.role());
        }
        return update(ns, in.functionName(), in.revisionId(), b -> {
            if (in.role() != null) {
                b.role(in.role());
            }
            if (in.handler() != null) {
                b.handler(in.handler());
            }
            if (in.description() != null) {
                b.description(in.description());
            }
            if (in.timeout() != null) {
                b.timeout(in.timeout());
            }
            if (in.memorySize() != null) {
                b.memorySize(in.memorySize());
            }
            if (in.runtime() != null) {
                b.runtime(in.runtime());
            }
            if (in.environment() != null) {
                b.environment(new EnvironmentResponse(in.environment().variables(), null));
            }
        });
    }

    private FunctionConfiguration update(Namespace ns, String functionName, String revisionId,
                                         Consumer<FunctionConfiguration.Builder> change) {
        String name = FunctionName.parse(functionName).name();
        FunctionConfiguration updated = Retry.onConflict(() -> store.inTransaction(tx -> {
            Versioned<FunctionConfiguration> current = store.get(tx, FUNCTION, ns, name)
                    .orElseThrow(() -> notFound(ns, name, Optional.empty()));
            checkRevision(current.value().revisionId(), revisionId);
            FunctionConfiguration.Builder b = current.value().toBuilder();
            change.accept(b);
            FunctionConfiguration next = b.lastModified(LAST_MODIFIED.format(clock.now())).revisionId(ids.newId()).build();
            store.replace(tx, FUNCTION, ns, name, current, next);
            return next;
        }));
        codeChanged.accept(name);
        return updated;
    }

    private static void checkRevision(String current, String expected) {
        if (expected != null && !expected.equals(current)) {
            throw PRECONDITION_FAILED.exception("The Revision Id provided does not match the latest Revision Id. "
                    + "Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
        }
    }

    public FunctionConfiguration publish(Namespace ns, String functionName, String codeSha256, String description,
                                         String revisionId) {
        String name = FunctionName.parse(functionName).name();
        return Retry.onConflict(() -> store.inTransaction(tx -> {
            // locked, as activate locks it: a version published while the function turns Active takes its state
            FunctionConfiguration latest = store.getForUpdate(tx, FUNCTION, ns, name).map(Versioned::value)
                    .orElseThrow(() -> notFound(ns, name, Optional.empty()));
            checkRevision(latest.revisionId(), revisionId);
            if (codeSha256 != null && !codeSha256.equals(latest.codeSha256())) {
                throw INVALID_PARAMETER_VALUE.exception("CodeSHA256 (" + codeSha256
                        + ") is different from current CodeSHA256 in $LATEST (" + latest.codeSha256() + "). Please try again.");
            }
            return publish(tx, ns, name, description, latest);
        }));
    }

    private FunctionConfiguration publish(Tx tx, Namespace ns, String name, String description, FunctionConfiguration latest) {
        FunctionConfiguration source = latest != null ? latest : store.get(tx, FUNCTION, ns, name).orElseThrow().value();
        Versioned<FunctionRecords.VersionCounter> counter = store.get(tx, COUNTER, ns, name).orElseThrow();
        long last = counter.value().last();
        // publishing unchanged code and configuration again returns the existing version, as AWS does
        if (last > 0) {
            var previous = store.get(tx, VERSION, ns, FunctionRecords.versionKey(name, last)).map(Versioned::value);
            if (previous.isPresent() && previous.get().codeSha256().equals(source.codeSha256())
                    && sameConfiguration(previous.get(), source)) {
                return previous.get();
            }
        }
        long number = last + 1;
        store.replace(tx, COUNTER, ns, name, counter, new FunctionRecords.VersionCounter(number));
        FunctionConfiguration version = source.toBuilder().version(Long.toString(number))
                .functionArn(FunctionName.arn(ns, name) + ":" + number)
                .description(description != null ? description : source.description()).revisionId(ids.newId()).build();
        store.insert(tx, VERSION, ns, FunctionRecords.versionKey(name, number), Optional.of(name), version);
        return version;
    }

    private static boolean sameConfiguration(FunctionConfiguration a, FunctionConfiguration b) {
        return java.util.Objects.equals(a.handler(), b.handler()) && java.util.Objects.equals(a.runtime(), b.runtime())
                && java.util.Objects.equals(a.timeout(), b.timeout()) && java.util.Objects.equals(a.memorySize(), b.memorySize())
                && java.util.Objects.equals(a.environment(), b.environment()) && java.util.Objects.equals(a.role(), b.role());
    }

    public List<FunctionConfiguration> versions(Namespace ns, String functionName) {
        String name = FunctionName.parse(functionName).name();
        return store.inTransaction(tx -> {
            List<FunctionConfiguration> out = new ArrayList<>();
            out.add(store.get(tx, FUNCTION, ns, name).map(Versioned::value).orElseThrow(() -> notFound(ns, name, Optional.empty())));
            store.list(tx, VERSION, ns, Optional.of(name), Optional.empty(), 10_000).items()
                    .forEach(k -> out.add(k.value()));
            return out;
        });
    }

    /** Deletes a function with its versions and aliases, or only one version (never $LATEST alone). */
    public void delete(Namespace ns, String functionName, String qualifier) {
        FunctionName fn = FunctionName.parse(functionName);
        String q = qualifier != null ? qualifier : fn.qualifier().orElse(null);
        store.inTransaction(tx -> {
            store.get(tx, FUNCTION, ns, fn.name()).orElseThrow(() -> notFound(ns, fn.name(), Optional.empty()));
            if (q != null && !q.equals(LATEST)) {
                if (!q.matches("\\d+")) {
                    throw INVALID_PARAMETER_VALUE.exception("Deletion of aliases is not supported; use DeleteAlias");
                }
                for (var alias : store.list(tx, FunctionRecords.ALIAS, ns, Optional.of(fn.name()), Optional.empty(), 10_000).items()) {
                    var routing = alias.value().routingConfig();
                    if (alias.value().functionVersion().equals(q) || (routing != null && routing.additionalVersionWeights() != null
                            && routing.additionalVersionWeights().containsKey(q))) {
                        throw RESOURCE_CONFLICT.exception("Unable to delete version because the following aliases "
                                + "reference it: [" + alias.value().name() + "]");
                    }
                }
                if (!store.delete(tx, VERSION, ns, FunctionRecords.versionKey(fn.name(), Long.parseLong(q)))) {
                    throw notFound(ns, fn.name(), Optional.of(q));
                }
                return null;
            }
            for (var v : store.list(tx, VERSION, ns, Optional.of(fn.name()), Optional.empty(), 10_000).items()) {
                store.delete(tx, VERSION, ns, v.id());
            }
            for (var a : store.list(tx, FunctionRecords.ALIAS, ns, Optional.of(fn.name()), Optional.empty(), 10_000).items()) {
                store.delete(tx, FunctionRecords.ALIAS, ns, a.id());
            }
            store.delete(tx, COUNTER, ns, fn.name());
            store.delete(tx, FUNCTION, ns, fn.name());
            return null;
        });
        codeChanged.accept(fn.name());
    }

    public java.nio.file.Path codeDirectory(FunctionConfiguration config) {
        return code.directory(config.codeSha256());
    }

    static String plainName(String functionName) {
        FunctionName fn = FunctionName.parse(functionName);
        if (fn.qualifier().isPresent()) {
            throw INVALID_PARAMETER_VALUE.exception("The function name may not carry a qualifier here: " + functionName);
        }
        return fn.name();
    }

    public static AwsException notFound(Namespace ns, String name, Optional<String> qualifier) {
        return RESOURCE_NOT_FOUND.exception("Function not found: " + FunctionName.arn(ns, name)
                + qualifier.map(q -> ":" + q).orElse(""));
    }
}
