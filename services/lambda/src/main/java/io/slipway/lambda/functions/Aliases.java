package io.slipway.lambda.functions;

import io.slipway.core.Namespace;
import io.slipway.engine.store.DocumentStore;
import io.slipway.engine.store.DuplicateKeyException;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.Retry;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.model.lambda.AliasConfiguration;
import io.slipway.model.lambda.AliasRoutingConfiguration;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.slipway.lambda.functions.FunctionRecords.ALIAS;
import static io.slipway.lambda.functions.FunctionRecords.FUNCTION;
import static io.slipway.lambda.functions.FunctionRecords.VERSION;
import static io.slipway.model.lambda.LambdaErrors.INVALID_PARAMETER_VALUE;
import static io.slipway.model.lambda.LambdaErrors.PRECONDITION_FAILED;
import static io.slipway.model.lambda.LambdaErrors.RESOURCE_CONFLICT;
import static io.slipway.model.lambda.LambdaErrors.RESOURCE_NOT_FOUND;

/**
 * Aliases: a name for a version, optionally sending a share of invocations to one other version
 * ({@code RoutingConfig.AdditionalVersionWeights}, weights 0.0 to 1.0), which is how CodeDeploy
 * shifts Lambda traffic.
 */
public final class Aliases {
    private final DocumentStore store;
    private final IdGenerator ids;

    public Aliases(DocumentStore store, IdGenerator ids) {
        this.store = store;
        this.ids = ids;
    }

    public AliasConfiguration create(Namespace ns, String functionName, String name, String version, String description,
                                     AliasRoutingConfiguration routing) {
        String fn = FunctionName.parse(functionName).name();
        return store.inTransaction(tx -> {
            requireFunction(tx, ns, fn);
            checkVersions(tx, ns, fn, version, routing);
            AliasConfiguration alias = new AliasConfiguration(FunctionName.arn(ns, fn) + ":" + name, name, version,
                    description == null ? "" : description, routing, ids.newId());
            try {
                store.insert(tx, ALIAS, ns, FunctionRecords.aliasKey(fn, name), Optional.of(fn), alias);
            } catch (DuplicateKeyException e) {
                throw RESOURCE_CONFLICT.exception("Alias already exists: " + alias.aliasArn());
            }
            return alias;
        });
    }

    public AliasConfiguration get(Namespace ns, String functionName, String name) {
        String fn = FunctionName.parse(functionName).name();
        return store.inTransaction(tx -> find(tx, ns, fn, name).value());
    }

    public AliasConfiguration update(Namespace ns, String functionName, String name, String version, String description,
                                     AliasRoutingConfiguration routing, String revisionId) {
        String fn = FunctionName.parse(functionName).name();
        return Retry.onConflict(() -> store.inTransaction(tx -> {
            Versioned<AliasConfiguration> current = find(tx, ns, fn, name);
            if (revisionId != null && !revisionId.equals(current.value().revisionId())) {
                throw PRECONDITION_FAILED.exception("The Revision Id provided does not match the latest Revision Id. "
                        + "Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
            }
            String newVersion = version != null ? version : current.value().functionVersion();
            AliasRoutingConfiguration newRouting = routing != null ? routing : current.value().routingConfig();
            checkVersions(tx, ns, fn, newVersion, newRouting);
            AliasConfiguration updated = current.value().toBuilder().functionVersion(newVersion)
                    .description(description != null ? description : current.value().description())
                    .routingConfig(newRouting).revisionId(ids.newId()).build();
            store.replace(tx, ALIAS, ns, FunctionRecords.aliasKey(fn, name), current, updated);
            return updated;
        }));
    }

    public List<AliasConfiguration> list(Namespace ns, String functionName, String version) {
        String fn = FunctionName.parse(functionName).name();
        return store.inTransaction(tx -> {
            requireFunction(tx, ns, fn);
            return store.list(tx, ALIAS, ns, Optional.of(fn), Optional.empty(), 10_000).items().stream()
                    .map(DocumentStore.Keyed::value)
                    .filter(a -> version == null || a.functionVersion().equals(version)).toList();
        });
    }

    /** Deleting an alias that is not there succeeds, as in AWS. */
    public void delete(Namespace ns, String functionName, String name) {
        String fn = FunctionName.parse(functionName).name();
        store.inTransaction(tx -> {
            requireFunction(tx, ns, fn);
            store.delete(tx, ALIAS, ns, FunctionRecords.aliasKey(fn, name));
            return null;
        });
    }

    /**
     * Why a CodeDeploy deployment of this function cannot run, if it cannot: the function is
     * missing, or its alias or one of the two versions is.
     */
    public Optional<String> problem(Tx tx, Namespace ns, String fn, String alias, String currentVersion, String targetVersion) {
        if (store.get(tx, FUNCTION, ns, fn).isEmpty()) {
            return Optional.of("function");
        }
        for (String v : new String[] {currentVersion, targetVersion}) {
            if (!v.matches("\\d+") || store.get(tx, VERSION, ns, FunctionRecords.versionKey(fn, Long.parseLong(v))).isEmpty()) {
                return Optional.of("version " + v);
            }
        }
        return store.get(tx, ALIAS, ns, FunctionRecords.aliasKey(fn, alias)).isEmpty() ? Optional.of("alias " + alias)
                : Optional.empty();
    }

    /**
     * Points the alias at the current version with {@code targetPercent} of invocations routed to
     * the target, or at the target alone once it has all of them: how CodeDeploy shifts traffic.
     */
    public void route(Tx tx, Namespace ns, String fn, String alias, String currentVersion, String targetVersion,
                      double targetPercent) {
        Versioned<AliasConfiguration> current = find(tx, ns, fn, alias);
        AliasConfiguration routed = current.value().toBuilder().revisionId(ids.newId())
                .functionVersion(targetPercent >= 100 ? targetVersion : currentVersion)
                .routingConfig(targetPercent >= 100 || targetPercent <= 0 ? null
                        : new AliasRoutingConfiguration(Map.of(targetVersion, targetPercent / 100.0)))
                .build();
        store.replace(tx, ALIAS, ns, FunctionRecords.aliasKey(fn, alias), current, routed);
    }

    Versioned<AliasConfiguration> find(Tx tx, Namespace ns, String fn, String name) {
        requireFunction(tx, ns, fn);
        return store.get(tx, ALIAS, ns, FunctionRecords.aliasKey(fn, name))
                .orElseThrow(() -> RESOURCE_NOT_FOUND.exception("Cannot find alias arn: " + FunctionName.arn(ns, fn) + ":" + name));
    }

    private void requireFunction(Tx tx, Namespace ns, String fn) {
        if (store.get(tx, FUNCTION, ns, fn).isEmpty()) {
            throw Functions.notFound(ns, fn, Optional.empty());
        }
    }

    /** An alias points at a published version or $LATEST, and may route to one other published version. */
    private void checkVersions(Tx tx, Namespace ns, String fn, String version, AliasRoutingConfiguration routing) {
        requireVersion(tx, ns, fn, version);
        Map<String, Double> weights = routing == null || routing.additionalVersionWeights() == null ? Map.of()
                : routing.additionalVersionWeights();
        if (weights.size() > 1) {
            throw INVALID_PARAMETER_VALUE.exception("Number of items in AdditionalVersionWeights cannot be greater than 1");
        }
        for (Map.Entry<String, Double> w : weights.entrySet()) {
            if (w.getKey().equals(version)) {
                throw INVALID_PARAMETER_VALUE.exception("Invalid function version " + w.getKey()
                        + ". Function version " + w.getKey() + " is already included in routing configuration.");
            }
            if (w.getKey().equals(Functions.LATEST) || version.equals(Functions.LATEST)) {
                throw INVALID_PARAMETER_VALUE.exception("$LATEST is not supported for an alias pointing to more than 1 version");
            }
            requireVersion(tx, ns, fn, w.getKey());
            if (w.getValue() < 0 || w.getValue() > 1) {
                throw INVALID_PARAMETER_VALUE.exception("Routing weights must be between 0.0 and 1.0");
            }
        }
    }

    private void requireVersion(Tx tx, Namespace ns, String fn, String version) {
        if (version == null || version.equals(Functions.LATEST)) {
            return;
        }
        if (!version.matches("\\d+") || store.get(tx, VERSION, ns, FunctionRecords.versionKey(fn, Long.parseLong(version))).isEmpty()) {
            throw RESOURCE_NOT_FOUND.exception("Function not found: " + FunctionName.arn(ns, fn) + ":" + version);
        }
    }
}
