package io.tusk.server.web;

import io.tusk.server.security.Access;
import io.tusk.server.security.Role;
import io.tusk.server.run.Run;
import io.tusk.server.run.RunRepository;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A run's progress as Server-Sent Events: a {@code progress} event every second with the run's row (current table,
 * rows, bytes, estimates, ETA), read from the metadata database so a run on another server shows too, and one
 * {@code end} event once it has ended, after which the stream closes.
 */
@RestController
class RunEventsController implements DisposableBean {
    private static final Logger LOG = LoggerFactory.getLogger(RunEventsController.class);
    private static final long PERIOD_MILLIS = 1000;
    /** Long enough for any run; the browser reconnects by itself if it ever ends first. */
    private static final long TIMEOUT_MILLIS = 6 * 3600 * 1000L;
    private final RunRepository runs;
    private final WebFormat fmt;
    private final Access access;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tusk-run-events");
        t.setDaemon(true);
        return t;
    });

    RunEventsController(RunRepository runs, WebFormat fmt, Access access) {
        this.runs = runs;
        this.fmt = fmt;
        this.access = access;
    }

    @GetMapping(path = "/runs/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable long id) {
        access.run(id, Role.VIEWER);
        if (runs.find(id).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no run with id " + id);
        }
        SseEmitter emitter = new SseEmitter(TIMEOUT_MILLIS);
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        Runnable push = () -> {
            try {
                Run run = runs.get(id);
                if (run.finished()) {
                    emitter.send(SseEmitter.event().name("end").data(fields(run), MediaType.APPLICATION_JSON));
                    emitter.complete();
                    cancel(task);
                } else {
                    emitter.send(SseEmitter.event().name("progress").data(fields(run), MediaType.APPLICATION_JSON));
                }
            } catch (IOException | IllegalStateException e) {
                // the browser went away (or the emitter already ended): stop pushing
                cancel(task);
            } catch (RuntimeException e) {
                LOG.warn("progress events of run {} stopped: {}", id, e.toString());
                cancel(task);
                emitter.completeWithError(e);
            }
        };
        emitter.onCompletion(() -> cancel(task));
        emitter.onTimeout(() -> cancel(task));
        emitter.onError(e -> cancel(task));
        task.set(ticker.scheduleAtFixedRate(push, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS));
        return emitter;
    }

    /** The progress fields, and the same values as the page shows them. */
    private Map<String, Object> fields(Run run) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", run.id());
        f.put("status", run.status());
        f.put("currentTable", run.currentTable() == null ? "none yet" : run.currentTable());
        f.put("rowsDone", run.rowsDone());
        f.put("rowsEstimated", run.rowsEstimated());
        f.put("bytesDone", run.bytesDone());
        f.put("bytesEstimated", run.bytesEstimated());
        f.put("etaSeconds", run.etaSeconds());
        f.put("bytesText", fmt.bytes(run.bytesDone()) + (run.bytesEstimated() > 0 ? " of about " + fmt.bytes(run.bytesEstimated()) : ""));
        f.put("etaText", fmt.seconds(run.etaSeconds()));
        f.put("percent", fmt.percent(run.bytesDone(), run.bytesEstimated()));
        f.put("error", run.error() == null ? "" : run.error());
        return f;
    }

    private static void cancel(AtomicReference<ScheduledFuture<?>> task) {
        ScheduledFuture<?> f = task.get();
        if (f != null) {
            f.cancel(false);
        }
    }

    @Override
    public void destroy() {
        ticker.shutdownNow();
    }
}
