package io.tusk.server.storage;

import io.tusk.server.api.ApiException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The storages the server can configure from a form, and how each becomes the pipeline's storage URL
 * ({@link io.tusk.pipeline.storage.StorageUrls}). Settings are shown back by the API; secrets never are.
 */
public enum StorageType {
    LOCAL("local", List.of("path"), List.of("path"), List.of()),
    S3("s3", List.of("bucket", "prefix", "region", "endpoint", "pathStyle", "partSize"), List.of("bucket"), List.of("accessKey", "secretKey")),
    SFTP("sftp", List.of("host", "port", "user", "path", "knownHosts", "strictHostKeyChecking", "privateKey"), List.of("host", "user", "path"), List.of("password")),
    FTP("ftp", List.of("host", "port", "user", "path"), List.of("host", "user", "path"), List.of("password")),
    FTPS("ftps", List.of("host", "port", "user", "path", "implicit", "trustAll", "truststore"), List.of("host", "user", "path"),
            List.of("password", "truststorePassword")),
    AZURE("azure", List.of("account", "container", "prefix", "endpoint", "blockSize"), List.of("account", "container"),
            List.of("accountKey", "sasToken", "connectionString")),
    GDRIVE("gdrive", List.of("folder", "clientId", "chunkSize", "apiBase", "tokenUrl"), List.of("folder", "clientId"),
            List.of("clientSecret", "refreshToken")),
    DROPBOX("dropbox", List.of("path", "appKey", "chunkSize", "apiBase", "contentBase", "tokenUrl"), List.of("appKey"),
            List.of("appSecret", "refreshToken"));

    private final String id;
    private final List<String> settings;
    private final List<String> required;
    private final List<String> secrets;

    StorageType(String id, List<String> settings, List<String> required, List<String> secrets) {
        this.id = id;
        this.settings = settings;
        this.required = required;
        this.secrets = secrets;
    }

    public String id() {
        return id;
    }

    public List<String> settings() {
        return settings;
    }

    public List<String> secrets() {
        return secrets;
    }

    public static StorageType of(String id) {
        for (StorageType t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        throw ApiException.badRequest("type", "unknown storage type \"" + id + "\"; known: "
                + String.join(", ", Arrays.stream(values()).map(StorageType::id).toList()));
    }

    /** Rejects unknown and missing fields, naming them. */
    public void validate(Map<String, String> given, Map<String, String> givenSecrets) {
        for (String name : given.keySet()) {
            if (!settings.contains(name)) {
                throw ApiException.badRequest("settings." + name, "unknown " + id + " setting \"" + name + "\"; known: " + String.join(", ", settings));
            }
        }
        for (String name : givenSecrets.keySet()) {
            if (!secrets.contains(name)) {
                throw ApiException.badRequest("secrets." + name, "unknown " + id + " secret \"" + name + "\"; known: "
                        + (secrets.isEmpty() ? "none" : String.join(", ", secrets)));
            }
        }
        for (String name : required) {
            String value = given.get(name);
            if (value == null || value.isBlank()) {
                throw ApiException.badRequest("settings." + name, id + " storage needs the setting \"" + name + "\"");
            }
        }
        if (this == LOCAL && !given.get("path").startsWith("/")) {
            throw ApiException.badRequest("settings.path", "the local storage path must be absolute: \"" + given.get("path") + "\"");
        }
        if (this == S3 && (givenSecrets.containsKey("accessKey") != givenSecrets.containsKey("secretKey"))) {
            throw ApiException.badRequest("secrets", "give both accessKey and secretKey, or neither to use the AWS default credentials");
        }

    }

    /** The pipeline URL, secrets included: for opening the storage only, never for display or logs. */
    String url(Map<String, String> s, Map<String, String> secret) {
        return switch (this) {
            case LOCAL -> s.get("path");
            case S3 -> "s3://" + s.get("bucket") + "/" + s.getOrDefault("prefix", "")
                    + query(pick(s, Set.of("region", "endpoint", "pathStyle", "partSize")), pick(secret, Set.of("accessKey", "secretKey")));
            case SFTP -> "sftp://" + enc(s.get("user")) + (secret.containsKey("password") ? ":" + enc(secret.get("password")) : "")
                    + "@" + s.get("host") + (s.containsKey("port") ? ":" + s.get("port") : "")
                    + (s.get("path").startsWith("/") ? "" : "/") + s.get("path")
                    + query(pick(s, Set.of("knownHosts", "strictHostKeyChecking", "privateKey")), Map.of());
            case FTP, FTPS -> id + "://" + enc(s.get("user")) + "@" + s.get("host") + (s.containsKey("port") ? ":" + s.get("port") : "")
                    + (s.get("path").startsWith("/") ? "" : "/") + s.get("path")
                    + query(pick(s, Set.of("implicit", "trustAll", "truststore")), pick(secret, Set.of("password", "truststorePassword")));
            case AZURE -> "azure://" + s.get("account") + "/" + s.get("container") + "/" + s.getOrDefault("prefix", "")
                    + query(pick(s, Set.of("endpoint", "blockSize")), pick(secret, Set.of("accountKey", "sasToken", "connectionString")));
            case GDRIVE -> "gdrive://" + s.get("folder")
                    + query(pick(s, Set.of("clientId", "chunkSize", "apiBase", "tokenUrl")), pick(secret, Set.of("clientSecret", "refreshToken")));
            case DROPBOX -> "dropbox://" + s.getOrDefault("path", "").replaceFirst("^/+", "")
                    + query(pick(s, Set.of("appKey", "chunkSize", "apiBase", "contentBase", "tokenUrl")), pick(secret, Set.of("appSecret", "refreshToken")));
        };
    }

    private static Map<String, String> pick(Map<String, String> from, Set<String> names) {
        Map<String, String> picked = new java.util.TreeMap<>();
        from.forEach((k, v) -> {
            if (names.contains(k) && v != null && !v.isEmpty()) {
                picked.put(k, v);
            }
        });
        return picked;
    }

    private static String query(Map<String, String> a, Map<String, String> b) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        a.forEach((k, v) -> q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        b.forEach((k, v) -> q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return q.toString();
    }

    /** RFC 3986 percent-encoding for the user info (URLEncoder writes '+' for a space). */
    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
