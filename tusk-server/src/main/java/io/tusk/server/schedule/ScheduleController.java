package io.tusk.server.schedule;

import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/schedules")
class ScheduleController {
    private final ScheduleService schedules;

    ScheduleController(ScheduleService schedules) {
        this.schedules = schedules;
    }

    @GetMapping
    List<BackupSchedule> list(@RequestParam(required = false) Long databaseId) {
        return schedules.list(databaseId);
    }

    @GetMapping("/{id}")
    BackupSchedule get(@PathVariable long id) {
        return schedules.get(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    BackupSchedule create(@RequestBody ScheduleRequest request) {
        return schedules.create(request);
    }

    @PutMapping("/{id}")
    BackupSchedule update(@PathVariable long id, @RequestBody ScheduleRequest request) {
        return schedules.update(id, request);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        schedules.delete(id);
    }

    /** The next runs of a schedule as entered, without saving it. */
    @PostMapping("/preview")
    List<Instant> preview(@RequestBody ScheduleRequest request, @RequestParam(defaultValue = "5") int count) {
        return schedules.preview(request, count);
    }
}
