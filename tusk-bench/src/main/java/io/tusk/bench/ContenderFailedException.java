package io.tusk.bench;

/** A contender ran and failed: its exit code and the last lines it wrote, for the results table. */
final class ContenderFailedException extends Exception {
    ContenderFailedException(String message) {
        super(message);
    }
}
