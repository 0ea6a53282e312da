package io.tusk.server.run;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RunController {
    private final RunService runs;

    RunController(RunService runs) {
        this.runs = runs;
    }

    @GetMapping("/api/v1/runs")
    List<Run> list(@RequestParam(required = false) Long databaseId, @RequestParam(required = false) String kind,
                   @RequestParam(defaultValue = "100") int limit) {
        return runs.repository().list(databaseId, kind, limit);
    }

    @GetMapping("/api/v1/runs/{id}")
    Run get(@PathVariable long id) {
        return runs.repository().get(id);
    }

    /** Run now: a backup of the database, queued at once. */
    @PostMapping("/api/v1/databases/{id}/backups")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Run backupNow(@PathVariable long id) {
        return runs.backupNow(id);
    }

    @PostMapping("/api/v1/runs/{id}/cancel")
    Run cancel(@PathVariable long id) {
        return runs.cancel(id);
    }

    @PostMapping("/api/v1/restores")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Run restore(@RequestBody RestoreRequest request) {
        return runs.restore(request);
    }

    @GetMapping("/api/v1/restores")
    List<Run> restores(@RequestParam(required = false) Long databaseId) {
        return runs.repository().list(databaseId, Run.RESTORE, 100);
    }
}
