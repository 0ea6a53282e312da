package io.tusk.pipeline.storage;

import java.time.Instant;

/** What a storage knows about one committed object. */
public record StoredObject(String key, long size, Instant lastModified) {
}
