package io.tusk.server.security;

import java.io.Serializable;

/** Who is signed in: the principal of every authenticated request, from a session or an API token. */
public record TuskUser(long id, String username) implements Serializable {
}
