package io.tusk.server.run;

/** Thrown inside a run (from its progress listener) once someone asked to cancel it. */
final class RunCancelledException extends RuntimeException {
    RunCancelledException() {
        super("cancelled");
    }
}
