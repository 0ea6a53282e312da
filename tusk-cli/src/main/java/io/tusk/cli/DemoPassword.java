package io.tusk.cli;

import java.security.SecureRandom;

/** A password for the demo's first user: 16 letters and digits, easy to copy from a terminal. */
final class DemoPassword {
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private DemoPassword() {
    }

    static String generate() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }
}
