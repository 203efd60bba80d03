package io.slipway.agent.spec;

import io.slipway.agent.spec.AppSpec.FileMapping;
import io.slipway.agent.spec.AppSpec.HookScript;
import io.slipway.agent.spec.PermissionRule.ObjectType;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Reads and validates an AppSpec file, with the official agent's messages where it has one. */
public final class AppSpecParser {
    static final int MAX_TIMEOUT_SECONDS = 3600;

    private AppSpecParser() {
    }

    public static AppSpec parse(String yaml) throws SpecificationException {
        Object document;
        try {
            document = yaml().load(yaml);
        } catch (YAMLException e) {
            throw new SpecificationException("The AppSpec file is not valid YAML: " + e.getMessage());
        }
        if (document == null) {
            throw new SpecificationException("The deployment failed because the application specification file was empty. "
                    + "Make sure your AppSpec file defines at minimum the 'version' and 'os' properties.");
        }
        Map<?, ?> root = map(document, "The AppSpec file");
        Object version = root.get("version");
        if (!isZeroVersion(version)) {
            throw new SpecificationException("The deployment failed because an invalid version value (" + version + ") was entered in the "
                    + "application specification file. Make sure your AppSpec file specifies \"0.0\" as the version, and then try again.");
        }
        Object os = root.get("os");
        if (!"linux".equals(os)) {
            throw new SpecificationException("The deployment failed because the application specification file specifies an unsupported "
                    + "operating system (" + os + "). Specify \"linux\" in the os section of the AppSpec file, and then try again.");
        }
        List<PermissionRule> permissions = new ArrayList<>();
        boolean ignoresAclsOrContext = false;
        for (Object entry : list(root.get("permissions"), "The permissions section")) {
            Map<?, ?> permission = map(entry, "A permissions entry");
            permissions.add(permission(permission));
            ignoresAclsOrContext |= permission.get("acls") != null || permission.get("context") != null;
        }
        return new AppSpec("linux", files(root.get("files")), permissions, hooks(root.get("hooks")),
                fileExistsBehavior(root.get("file_exists_behavior")), ignoresAclsOrContext);
    }

    /** Scalars stay strings (so {@code mode: 0644} is not read as an octal number), except null. */
    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        Resolver stringsAndNulls = new Resolver() {
            @Override
            protected void addImplicitResolvers() {
                addImplicitResolver(Tag.NULL, NULL, "~nN\0", 10);
                addImplicitResolver(Tag.NULL, EMPTY, null, 10);
            }
        };
        return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(), options, stringsAndNulls);
    }

    private static boolean isZeroVersion(Object version) {
        try {
            return version instanceof String s && Double.parseDouble(s) == 0.0 && s.contains(".");
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static List<FileMapping> files(Object section) throws SpecificationException {
        List<FileMapping> files = new ArrayList<>();
        for (Object entry : list(section, "The files section")) {
            Map<?, ?> mapping = map(entry, "A files entry");
            Optional<String> source = string(mapping.get("source"));
            Optional<String> destination = string(mapping.get("destination"));
            if (source.isEmpty()) {
                throw new SpecificationException("The deployment failed because the application specification file specifies a destination "
                        + "file, but no source file. Update the files section of the AppSpec file, and then try again.");
            }
            if (destination.isEmpty()) {
                throw new SpecificationException("The deployment failed because the application specification file specifies only a source "
                        + "file (" + source.get() + "). Add the name of the destination file to the files section of the AppSpec file, "
                        + "and then try again.");
            }
            files.add(new FileMapping(source.get(), destination.get()));
        }
        return files;
    }

    private static Map<String, List<HookScript>> hooks(Object section) throws SpecificationException {
        Map<String, List<HookScript>> hooks = new LinkedHashMap<>();
        if (section == null) {
            return hooks;
        }
        for (Map.Entry<?, ?> hook : map(section, "The hooks section").entrySet()) {
            if (hook.getValue() == null) {
                continue; // an event listed with no scripts is ignored, as by the official agent
            }
            List<HookScript> scripts = new ArrayList<>();
            for (Object entry : list(hook.getValue(), "The scripts of hook " + hook.getKey())) {
                scripts.add(script(map(entry, "A script of hook " + hook.getKey())));
            }
            hooks.put(String.valueOf(hook.getKey()), scripts);
        }
        return hooks;
    }

    private static HookScript script(Map<?, ?> script) throws SpecificationException {
        String location = string(script.get("location")).map(String::strip).orElseThrow(() -> new SpecificationException(
                "The deployment failed because the application specification file specifies a script with no location value. "
                        + "Specify the location in the hooks section of the AppSpec file, and then try again."));
        int timeout = MAX_TIMEOUT_SECONDS;
        Optional<String> given = string(script.get("timeout"));
        if (given.isPresent()) {
            try {
                timeout = Integer.parseInt(given.get().strip());
            } catch (NumberFormatException e) {
                timeout = 0;
            }
            if (timeout <= 0) {
                throw new SpecificationException("The deployment failed because an invalid timeout value was provided for a script in the "
                        + "application specification file. Make corrections in the hooks section of the AppSpec file, and then try again.");
            }
        }
        return new HookScript(location, Math.min(timeout, MAX_TIMEOUT_SECONDS), string(script.get("runas")).map(String::strip));
    }

    private static PermissionRule permission(Map<?, ?> permission) throws SpecificationException {
        String object = string(permission.get("object")).map(String::strip).orElseThrow(() -> new SpecificationException(
                "The deployment failed because a permission listed in the application specification file has no object value. "
                        + "Update the permissions section of the AppSpec file, and then try again."));
        List<String> except = new ArrayList<>();
        for (Object e : list(permission.get("except"), "The except list of " + object)) {
            except.add(String.valueOf(e));
        }
        Set<ObjectType> types = EnumSet.noneOf(ObjectType.class);
        for (Object t : list(permission.get("type"), "The type list of " + object)) {
            switch (String.valueOf(t)) {
                case "file" -> types.add(ObjectType.FILE);
                case "directory" -> types.add(ObjectType.DIRECTORY);
                default -> throw new SpecificationException("The deployment failed because the application specification file specifies a "
                        + "permission for an object type not supported for permissions (" + t + "). Update the permissions section of "
                        + "the AppSpec file, and then try again.");
            }
        }
        if (types.isEmpty()) {
            types = EnumSet.allOf(ObjectType.class);
        }
        return new PermissionRule(object, string(permission.get("pattern")).orElse("**"), except, types,
                string(permission.get("owner")), string(permission.get("group")), mode(permission.get("mode")));
    }

    private static OptionalInt mode(Object value) throws SpecificationException {
        Optional<String> given = string(value);
        if (given.isEmpty()) {
            return OptionalInt.empty();
        }
        String mode = given.get().strip();
        if (mode.isEmpty() || mode.length() > 4) {
            throw new SpecificationException("The deployment failed because the length of a permissions mode (" + mode + ") in the "
                    + "application specification file is invalid. Permissions modes must be between one and four characters long. "
                    + "Update the permissions section of the AppSpec file, and then try again.");
        }
        for (char c : mode.toCharArray()) {
            if (c < '0' || c > '7') {
                throw new SpecificationException("The deployment failed because the permissions mode (" + mode + ") in the application "
                        + "specification file contains an invalid character (" + c + "). Update the permissions section of the AppSpec "
                        + "file, and then try again.");
            }
        }
        return OptionalInt.of(Integer.parseInt(mode, 8));
    }

    private static Optional<FileExistsBehavior> fileExistsBehavior(Object value) throws SpecificationException {
        Optional<String> given = string(value);
        if (given.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(FileExistsBehavior.valueOf(given.get().strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new SpecificationException("The deployment failed because an invalid file_exists_behavior value (" + given.get()
                    + ") was entered in the application specification file. Make sure your AppSpec file specifies one of "
                    + "DISALLOW,OVERWRITE,RETAIN as the file_exists_behavior, and then try again.");
        }
    }

    private static Optional<String> string(Object value) throws SpecificationException {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Map || value instanceof List) {
            throw new SpecificationException("The AppSpec file has a list or mapping where a single value belongs: " + value);
        }
        String s = String.valueOf(value);
        return s.isBlank() ? Optional.empty() : Optional.of(s);
    }

    private static Map<?, ?> map(Object value, String what) throws SpecificationException {
        if (value instanceof Map<?, ?> m) {
            return m;
        }
        throw new SpecificationException(what + " must be a YAML mapping, not: " + value);
    }

    private static List<?> list(Object value, String what) throws SpecificationException {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l) {
            return l;
        }
        throw new SpecificationException(what + " must be a YAML list, not: " + value);
    }
}
