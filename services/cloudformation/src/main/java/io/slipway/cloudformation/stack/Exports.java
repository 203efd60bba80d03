package io.slipway.cloudformation.stack;

import io.slipway.cloudformation.store.CloudFormationStore;
import io.slipway.core.Namespace;
import io.slipway.core.codec.DocumentType;
import io.slipway.engine.store.DocumentStore;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.model.cloudformation.CloudFormationModel;
import io.slipway.model.cloudformation.Export;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Output values stacks export, by export name: unique in an account and region, read by
 * {@code Fn::ImportValue} and ListExports. Stored by name under the exporting stack's id.
 */
final class Exports {
    static final DocumentType<Export> TYPE = new DocumentType<>("cloudformation.export",
            CloudFormationModel.MODEL.shape("Export"), Export::fromDocument);

    /** Another stack already exports a name this one wants. */
    static final class Conflict extends RuntimeException {
        Conflict(String message) {
            super(message, null, false, false);
        }
    }

    private final CloudFormationStore store;

    Exports(CloudFormationStore store) {
        this.store = store;
    }

    Optional<String> value(Namespace ns, String name) {
        return store.get(TYPE, ns, name).map(Export::value);
    }

    /** The stack now exports exactly {@code exported}; a name another stack exports is a {@link Conflict}. */
    void replace(Tx tx, Namespace ns, String stackId, Map<String, String> exported) {
        for (var e : exported.entrySet()) {
            Optional<Versioned<Export>> existing = store.get(tx, TYPE, ns, e.getKey());
            if (existing.isPresent() && !existing.get().value().exportingStackId().equals(stackId)) {
                throw new Conflict("Export with name " + e.getKey() + " is already exported by stack "
                        + Stacks.nameOf(existing.get().value().exportingStackId()));
            }
        }
        for (String name : store.ids(tx, TYPE, ns, stackId)) {
            if (!exported.containsKey(name)) {
                store.delete(tx, TYPE, ns, name);
            }
        }
        exported.forEach((name, value) -> {
            Export export = Export.builder().exportingStackId(stackId).name(name).value(value).build();
            Optional<Versioned<Export>> existing = store.get(tx, TYPE, ns, name);
            if (existing.isPresent()) {
                store.replace(tx, TYPE, ns, name, existing.get(), export);
            } else {
                store.insert(tx, TYPE, ns, name, Optional.of(stackId), export);
            }
        });
    }

    void remove(Tx tx, Namespace ns, String stackId) {
        store.ids(tx, TYPE, ns, stackId).forEach(name -> store.delete(tx, TYPE, ns, name));
    }

    DocumentStore.Page<Export> list(Namespace ns, Optional<String> after, int limit) {
        return store.list(TYPE, ns, Optional.empty(), after, limit);
    }

    List<String> names(Tx tx, Namespace ns, String stackId) {
        return store.ids(tx, TYPE, ns, stackId);
    }
}
