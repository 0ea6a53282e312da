package io.tusk.server.database;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/databases")
class DatabaseController {
    private final DatabaseService databases;

    DatabaseController(DatabaseService databases) {
        this.databases = databases;
    }

    @GetMapping
    List<RegisteredDatabase> list() {
        return databases.repository().list();
    }

    @GetMapping("/{id}")
    RegisteredDatabase get(@PathVariable long id) {
        return databases.repository().get(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    RegisteredDatabase create(@RequestBody DatabaseRequest request) {
        return databases.create(request);
    }

    @PutMapping("/{id}")
    RegisteredDatabase update(@PathVariable long id, @RequestBody DatabaseRequest request) {
        return databases.update(id, request);
    }

    @PostMapping("/{id}/test")
    RegisteredDatabase test(@PathVariable long id) {
        return databases.test(id);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        databases.repository().get(id);
        databases.repository().delete(id);
    }
}
