package io.tusk.bench;

/**
 * One thing the benchmark times: a dump, a restore, or a COPY floor. {@link Bench} calls {@link #prepare},
 * then times {@link #run}, then calls {@link #finish}; only {@code run} is on the clock.
 */
interface Contender {
    enum Kind { FLOOR, DUMP, RESTORE }

    String name();

    Kind kind();

    /** Untimed set-up, such as a fresh target database for a restore. */
    default void prepare(Trial trial) throws Exception {
    }

    /**
     * The timed work.
     *
     * @return bytes written (archive size, or COPY bytes read for a floor), or -1 when there is no output
     * @throws ContenderFailedException when the contender ran and failed (non-zero exit, error)
     */
    long run(Trial trial) throws Exception;

    /** Untimed clean-up. */
    default void finish(Trial trial) throws Exception {
    }
}
