package io.tusk.notify.channel;

import java.net.URI;

/** API base URLs that tests (and self-hosted services) override; paths are appended, never resolved away. */
final class Urls {
    private Urls() {
    }

    static URI resolve(URI base, String path) {
        String prefix = base.toString();
        return URI.create(prefix.endsWith("/") ? prefix + path : prefix + "/" + path);
    }
}
