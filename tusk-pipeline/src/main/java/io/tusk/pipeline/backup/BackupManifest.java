package io.tusk.pipeline.backup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tusk.TuskException;
import java.io.IOException;
import java.util.Map;

/**
 * What a backup is, written as {@code <database>/<backupId>.json} beside its archive object, last: a backup is
 * complete only when its manifest exists. Times are ISO-8601 UTC instants; sizes are bytes.
 *
 * @param manifestVersion  1; readers refuse newer manifests
 * @param backupId         sortable by time: {@code 20250131T120000Z-1a2b}
 * @param object           the archive's key in the storage
 * @param sourceHost       the server's host:port as the backup connected to it
 * @param serverVersion    the server's version string (server_version)
 * @param format           the archive format ({@code custom})
 * @param compression      the archive's data compression ({@code zstd}, {@code gzip:6}...)
 * @param encrypted        whether the object is encrypted (docs/backup-encryption.md)
 * @param keyId            fingerprint of the encryption key as the object's header records it; never the key
 * @param keyKind          {@code key-file} or {@code passphrase}
 * @param archiveBytes     size of the plain archive
 * @param storedBytes      size of the stored object
 * @param sha256           hex SHA-256 of the stored object
 * @param tableRows        rows copied per table ("schema.table")
 * @param tableBytes       bytes of COPY data per table, before compression (absent in manifests of Tusk before 0.1.0)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder(alphabetic = false)
public record BackupManifest(
        int manifestVersion,
        String backupId,
        String database,
        String object,
        String sourceHost,
        String serverVersion,
        String format,
        String compression,
        boolean encrypted,
        String keyId,
        String keyKind,
        long archiveBytes,
        long storedBytes,
        String sha256,
        Map<String, Long> tableRows,
        String startedAt,
        String finishedAt,
        String tuskVersion,
        Map<String, Long> tableBytes) {

    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("a manifest always serializes", e);
        }
    }

    static BackupManifest fromJson(byte[] json, String where) {
        BackupManifest m;
        try {
            m = JSON.readValue(json, BackupManifest.class);
        } catch (IOException e) {
            throw new TuskException("unreadable backup manifest " + where + ": " + e.getMessage(), e);
        }
        if (m.manifestVersion() > VERSION) {
            throw new TuskException("backup manifest " + where + " has version " + m.manifestVersion()
                    + "; this Tusk reads up to version " + VERSION + ": upgrade Tusk");
        }
        return m;
    }
}
