package io.tusk.pipeline.storage;

import io.tusk.TuskException;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A parsed storage URL: its query parameters, checked against the storage's known ones, and its secrets, each taken
 * from the query ({@code NAME=value}), from a file the query names ({@code NAMEFile=/path}, the file's content with
 * surrounding white space trimmed), or from an environment variable, in that order.
 */
final class StorageUrl {
    private final URI uri;
    private final String kind;
    private final Map<String, String> params;
    private final Function<String, String> environment;

    StorageUrl(URI uri, String kind, Set<String> known, Set<String> secrets, Function<String, String> environment) {
        this.uri = uri;
        this.kind = kind;
        this.environment = environment;
        this.params = query(uri);
        Set<String> allowed = new TreeSet<>(known);
        allowed.addAll(secrets);
        for (String secret : secrets) {
            allowed.add(secret + "File");
        }
        for (String name : params.keySet()) {
            if (!allowed.contains(name)) {
                throw new TuskException("unknown " + kind + " storage parameter \"" + name + "\"; known: " + String.join(", ", allowed));
            }
        }
    }

    URI uri() {
        return uri;
    }

    String param(String name, String fallback) {
        return params.getOrDefault(name, fallback);
    }

    String param(String name) {
        return params.get(name);
    }

    boolean flag(String name) {
        String value = params.getOrDefault(name, "false");
        if (!value.equals("true") && !value.equals("false")) {
            throw new TuskException(kind + " storage parameter " + name + " must be true or false but is: \"" + value + "\"");
        }
        return value.equals("true");
    }

    int intParam(String name, int fallback) {
        String value = params.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new TuskException(kind + " storage parameter " + name + " must be a number but is: \"" + value + "\"");
        }
    }

    /** The secret {@code name}: from the query, from the file {@code nameFile} names, or from {@code envVar}; null if none. */
    String secret(String name, String envVar) {
        if (params.containsKey(name)) {
            return params.get(name);
        }
        String file = params.get(name + "File");
        if (file != null) {
            try {
                return Files.readString(Path.of(file)).strip();
            } catch (IOException e) {
                throw new TuskException("cannot read " + kind + " " + name + " from " + file + ": " + e.getMessage()
                        + "; check the path given by " + name + "File", e);
            }
        }
        String value = envVar == null ? null : environment.apply(envVar);
        return value == null || value.isEmpty() ? null : value;
    }

    /** Like {@link #secret} but required, telling every way to give it. */
    String requiredSecret(String name, String envVar) {
        String value = secret(name, envVar);
        if (value == null) {
            throw new TuskException(kind + " storage URL gives no " + name + ": add " + name + "=... or " + name
                    + "File=/path to the URL" + (envVar == null ? "" : ", or set " + envVar));
        }
        return value;
    }

    /** RFC 3986 decoding: unlike a query string, '+' stays a plus. */
    static String percentDecode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "true" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }
}
