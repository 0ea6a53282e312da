package io.tusk.server.storage;

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
@RequestMapping("/api/v1/storages")
class StorageController {
    private final StorageService storages;

    StorageController(StorageService storages) {
        this.storages = storages;
    }

    @GetMapping
    List<StorageConfig> list() {
        return storages.repository().list();
    }

    @GetMapping("/{id}")
    StorageConfig get(@PathVariable long id) {
        return storages.repository().get(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    StorageConfig create(@RequestBody StorageRequest request) {
        return storages.create(request);
    }

    @PutMapping("/{id}")
    StorageConfig update(@PathVariable long id, @RequestBody StorageRequest request) {
        return storages.update(id, request);
    }

    @PostMapping("/{id}/test")
    StorageConfig test(@PathVariable long id) {
        storages.test(id);
        return storages.repository().get(id);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        storages.repository().delete(id);
    }
}
