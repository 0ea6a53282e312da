package io.tusk.pipeline.storage;

import io.tusk.TuskException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Opens a storage from its URL:
 * <ul>
 *   <li>{@code file:///var/backups} (or a bare path): a local directory;</li>
 *   <li>{@code s3://bucket/prefix?region=eu-west-1&endpoint=http://minio:9000&pathStyle=true&accessKey=..&secretKey=..&partSize=8388608}:
 *       an S3 bucket; without {@code accessKey}/{@code secretKey} the AWS default chain (environment, profile,
 *       instance role) gives the credentials; region defaults to us-east-1 when an endpoint is given;</li>
 *   <li>{@code sftp://user[:password]@host[:port]/dir?privateKey=/path&knownHosts=/path&strictHostKeyChecking=yes}:
 *       a directory on an SFTP server (an absolute path; {@code /~/dir} is relative to the login directory); port 22,
 *       known hosts from {@code ~/.ssh/known_hosts} and strict checking by default; {@code strictHostKeyChecking=no}
 *       accepts an unknown host key, never a changed one;</li>
 *   <li>{@code ftp://user[:password]@host[:port]/dir} and {@code ftps://...?implicit=true&truststore=/path&truststorePassword=..&trustAll=true}:
 *       a directory on an FTP server, FTPS with explicit TLS unless {@code implicit=true} (see {@link FtpUrls});</li>
 *   <li>{@code azure://account/container/prefix?endpoint=URL&accountKey=..&sasToken=..&blockSize=8388608}: block blobs
 *       in an Azure Storage container; credentials also from {@code AZURE_STORAGE_KEY}, {@code AZURE_STORAGE_SAS_TOKEN}
 *       or {@code AZURE_STORAGE_CONNECTION_STRING} (see {@link AzureUrls});</li>
 *   <li>{@code gdrive://FOLDER_ID?clientId=..&clientSecret=..&refreshToken=..} and
 *       {@code dropbox://path?appKey=..&appSecret=..&refreshToken=..}: a Google Drive folder, a Dropbox folder, with an
 *       OAuth refresh token; credentials also from the environment, base URLs movable (see {@link OAuthStorageUrls}).</li>
 * </ul>
 * Every secret parameter {@code NAME} of the new storages can also be read from a file, {@code NAMEFile=/path}
 * (see {@link StorageUrl}). {@link #redact} takes passwords and secret parameters out of a URL for messages.
 */
public final class StorageUrls {
    private static final Set<String> SFTP_PARAMETERS = Set.of("privateKey", "knownHosts", "strictHostKeyChecking");
    private static final Set<String> S3_PARAMETERS = Set.of("region", "endpoint", "pathStyle", "accessKey", "secretKey", "partSize");

    private StorageUrls() {
    }

    public static Storage open(String url) {
        return open(url, System::getenv, Retry.standard());
    }

    /** With the environment and the retry policy given, for tests. */
    static Storage open(String url, Function<String, String> environment, Retry retry) {
        if (!url.contains("://")) {
            return new LocalStorage(Path.of(url));
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new TuskException("invalid storage URL \"" + redact(url) + "\": " + e.getMessage());
        }
        return switch (uri.getScheme()) {
            case "file" -> new LocalStorage(Path.of(uri.getPath()));
            case "s3" -> s3(uri);
            case "sftp" -> sftp(uri);
            case "ftp", "ftps" -> FtpUrls.open(uri, environment, retry);
            case "azure" -> AzureUrls.open(uri, environment);
            case "dropbox" -> OAuthStorageUrls.dropbox(uri, url, environment, retry);
            case "gdrive" -> OAuthStorageUrls.googleDrive(uri, url, environment, retry);
            default -> throw new TuskException("unsupported storage URL \"" + redact(url)
                    + "\": expected file:///DIR, s3://BUCKET/PREFIX, sftp://USER@HOST/DIR, ftp://USER@HOST/DIR, ftps://USER@HOST/DIR, azure://ACCOUNT/CONTAINER/PREFIX, gdrive://FOLDER_ID or dropbox://PATH");
        };
    }

    private static Storage s3(URI uri) {
        String bucket = uri.getHost();
        if (bucket == null || bucket.isEmpty()) {
            throw new TuskException("S3 storage URL \"" + redact(uri.toString()) + "\" names no bucket: expected s3://BUCKET/PREFIX");
        }
        Map<String, String> params = query(uri);
        for (String name : params.keySet()) {
            if (!S3_PARAMETERS.contains(name)) {
                throw new TuskException("unknown S3 storage parameter \"" + name + "\"; known: " + String.join(", ", S3_PARAMETERS));
            }
        }
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                // SDK 2.30 added CRC checksums to every upload by default; S3-compatible servers do not all accept them
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .forcePathStyle(Boolean.parseBoolean(params.getOrDefault("pathStyle", "false")))
                .credentialsProvider(credentials(params));
        String region = params.get("region");
        if (region != null) {
            builder.region(Region.of(region));
        } else if (params.containsKey("endpoint")) {
            builder.region(Region.US_EAST_1);
        }
        if (params.containsKey("endpoint")) {
            builder.endpointOverride(URI.create(params.get("endpoint")));
        }
        int partSize = params.containsKey("partSize") ? Integer.parseInt(params.get("partSize")) : S3Storage.DEFAULT_PART_SIZE;
        if (partSize < S3Storage.MIN_PART_SIZE) {
            throw new TuskException("S3 partSize " + partSize + " is too small: S3 needs at least " + S3Storage.MIN_PART_SIZE + " bytes");
        }
        String prefix = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/+", "");
        String location = "s3://" + bucket + "/" + prefix + (params.containsKey("endpoint") ? " at " + params.get("endpoint") : "");
        return new S3Storage(builder.build(), bucket, prefix, location, partSize);
    }

    private static Storage sftp(URI uri) {
        String host = uri.getHost();
        String rawUser = uri.getRawUserInfo();
        if (host == null || host.isEmpty() || rawUser == null || rawUser.isEmpty()) {
            throw new TuskException("SFTP storage URL \"" + redact(uri.toString()) + "\" needs a user and a host: expected sftp://USER[:PASSWORD]@HOST[:PORT]/DIR");
        }
        Map<String, String> params = query(uri);
        for (String name : params.keySet()) {
            if (!SFTP_PARAMETERS.contains(name)) {
                throw new TuskException("unknown SFTP storage parameter \"" + name + "\"; known: " + String.join(", ", SFTP_PARAMETERS));
            }
        }
        int colon = rawUser.indexOf(':');
        String user = percentDecode(colon < 0 ? rawUser : rawUser.substring(0, colon));
        String password = colon < 0 ? null : percentDecode(rawUser.substring(colon + 1));
        int port = uri.getPort() < 0 ? 22 : uri.getPort();
        String strict = params.getOrDefault("strictHostKeyChecking", "yes");
        if (!strict.equals("yes") && !strict.equals("no")) {
            throw new TuskException("SFTP strictHostKeyChecking must be yes or no but is: \"" + strict + "\"");
        }
        Path knownHosts = params.containsKey("knownHosts")
                ? Path.of(params.get("knownHosts"))
                : Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
        Path privateKey = params.containsKey("privateKey") ? Path.of(params.get("privateKey")) : null;
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        String dir = path.equals("/~") ? "." : path.startsWith("/~/") ? path.substring(3) : path;
        String location = "sftp://" + user + "@" + host + ":" + port + path;
        SftpConnector connector = new SftpConnector(host, port, user, password, privateKey, knownHosts, strict.equals("yes"));
        return new SftpStorage(connector, dir, location);
    }

    /** RFC 3986 decoding: unlike a query string, '+' stays a plus. */
    private static String percentDecode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static AwsCredentialsProvider credentials(Map<String, String> params) {
        String access = params.get("accessKey");
        String secret = params.get("secretKey");
        if (access == null && secret == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        if (access == null || secret == null) {
            throw new TuskException("S3 storage URL gives only one of accessKey and secretKey: give both, or neither to use the AWS default credentials");
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(access, secret));
    }

    private static Map<String, String> query(URI uri) {
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

    /** Query parameters whose values are secrets. */
    private static final String SECRET_PARAMETERS = "secretKey|password|truststorePassword|accountKey|sasToken|sig"
            + "|clientSecret|refreshToken|appSecret|connectionString";

    /** The URL without its secrets (a password in the user part, secret query parameters), for messages. */
    public static String redact(String url) {
        return url.replaceAll("(?i)([?&](?:" + SECRET_PARAMETERS + ")=)[^&#]*", "$1***")
                .replaceAll("^([a-z0-9+.-]+://[^:@/?#]*:)[^@/?#]*@", "$1***@");
    }
}
